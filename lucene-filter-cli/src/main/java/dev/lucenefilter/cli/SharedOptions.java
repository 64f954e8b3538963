package dev.lucenefilter.cli;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.RecordReader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options several commands share, as picocli mixins, so each is spelled, described and defaulted the same
 * way everywhere ({@code --index}, {@code --blocklists}, {@code --jurisdiction}, {@code --on-error}, {@code --at},
 * {@code --progress}).
 */
final class SharedOptions {
  private SharedOptions() {}

  static final class IndexDir {
    @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index directory.")
    Path dir;

    /**
     * The existing index at DIR, as of its last commit, for reading: no write lock, so it opens while {@code index}
     * or {@code purge} writes the index; exit 1 when there is none.
     */
    ContentIndex openForReading() throws IOException {
      requireIndex();
      return ContentIndex.openReadOnly(dir);
    }

    /** The existing index at DIR, for writing (takes the index's write lock); exit 1 when there is none. */
    ContentIndex openForWriting() throws IOException {
      requireIndex();
      return ContentIndex.open(dir);
    }

    private void requireIndex() throws IOException {
      if (!ContentIndex.exists(dir)) throw CliException.badInput("no index at " + dir);
    }
  }

  static final class Blocklists {
    @Option(names = "--blocklists", paramLabel = "DIR", defaultValue = "blocklists",
        description = "Policy directory (default ./${DEFAULT-VALUE}).")
    Path dir;
  }

  /** {@code --blocklists DIR} and {@code --jurisdiction CODE}, required: a filtered answer is for one jurisdiction. */
  static final class JurisdictionPolicy {
    @Mixin Blocklists blocklists;

    @Option(names = "--jurisdiction", required = true, paramLabel = "CODE",
        description = "Whose view applies (KZ, FR, GLOBAL, ...): a <CODE>.json of the blocklists.")
    String code;

    /** The policy of the blocklists, which must define the jurisdiction (exit 1 otherwise). */
    PolicySnapshot load(PrintWriter err) {
      PolicySnapshot snapshot = CliCommand.loadPolicy(blocklists.dir, err);
      CliCommand.requireJurisdiction(snapshot, code, blocklists.dir);
      return snapshot;
    }
  }

  static final class OnError {
    @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail",
        description = "fail (default): a malformed line changes nothing; skip: skip and count malformed lines.")
    String value;

    RecordReader.OnError mode() {
      return switch (value) {
        case "fail" -> RecordReader.OnError.FAIL;
        case "skip" -> RecordReader.OnError.SKIP;
        default -> throw CliException.usage("--on-error must be fail or skip, not '" + value + "'");
      };
    }
  }

  static final class At {
    @Option(names = "--at", paramLabel = "INSTANT",
        description = "Evaluate rule dates at this ISO-8601 instant or date (00:00 UTC); default: now.")
    String value;

    Instant instant() {
      return CliCommand.atInstant(value);
    }
  }

  /** {@code --progress}: a progress bar with a rate on stderr, shown when asked or when stderr is a terminal. */
  static final class Progress implements Closeable {
    @Option(names = "--progress", description = "Show a progress bar (default: only when stderr is a terminal).")
    boolean forced;

    private ProgressBar bar;

    /** Starts the bar, silent unless shown; {@code max} -1 means unknown. */
    Progress start(String task, String unit, long max) {
      if (forced || CliCommand.terminal("stderr", true)) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" " + unit, 1).showSpeed()
            .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
      }
      return this;
    }

    void stepTo(long n) {
      if (bar != null) bar.stepTo(n);
    }

    @Override
    public void close() {
      if (bar != null) bar.close();
    }
  }
}
