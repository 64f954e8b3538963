package dev.lucenefilter.cli;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.RejectionLog;
import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.IndexReport;
import dev.lucenefilter.index.PolicyIndexHook;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordReader.OnError;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code index}: indexes records files as one run that commits or changes nothing. */
@Command(name = "index", description = "Index channels and posts (JSON Lines) into the index at DIR.")
final class IndexCommand extends CliCommand {
  /** The rejection log, JSON Lines, kept in the index directory (Lucene ignores files it does not name). */
  static final String REJECTION_LOG = "rejections.jsonl";
  /** Skipped lines reported one by one before only counting. */
  private static final int MAX_REPORTED_SKIPS = 20;

  @Mixin SharedOptions.IndexDir indexDir;

  @Option(names = "--posts", required = true, paramLabel = "FILE", description = "Posts, JSON Lines.")
  Path posts;

  @Option(names = "--channels", paramLabel = "FILE", description = "Channels, JSON Lines.")
  Path channels;

  @Mixin SharedOptions.Blocklists blocklistsDir;

  @Option(names = "--no-policy", description = "Index without policies: no reject rule applies at index time.")
  boolean noPolicy;

  @Mixin SharedOptions.OnError onError;

  @Mixin SharedOptions.Progress progress;

  @Override
  public Integer call() throws Exception {
    OnError mode = onError.mode();
    PrintWriter err = err();
    PolicySnapshot policy = noPolicy ? null : loadPolicy(blocklistsDir.dir, err);
    for (Path f : channels == null ? new Path[] {posts} : new Path[] {channels, posts}) {
      if (!Files.isRegularFile(f)) throw CliException.badInput("no such file: " + f);
    }
    long[] skipped = {0};
    long[] rejected = {0};
    IndexReport report;
    // A first run that fails must leave no index behind: ContentIndex commits an empty one when it creates it, and
    // "no index at DIR" must stay the answer of the reading commands.
    FirstRun first = FirstRun.at(indexDir.dir);
    Files.createDirectories(indexDir.dir);
    try (RejectionLog log = policy == null ? null : RejectionLog.append(indexDir.dir.resolve(REJECTION_LOG));
        ContentIndex ix = policy == null ? ContentIndex.open(indexDir.dir) : ContentIndex.open(indexDir.dir,
            new PolicyIndexHook(() -> policy, ContentFilters.load(), Clock.systemUTC(), log));
        SharedOptions.Progress bar = progress.start("index", "records", -1)) {
      // Only a run that made the index, under its write lock, may remove it: a command refused the lock must not
      // touch the directory another one is writing, nor one that another made and committed in the meantime.
      first.madeIndex(ix.createdOnOpen());
      BulkOptions options = BulkOptions.builder()
          .onError(mode)
          .progress((n, rate) -> bar.stepTo(n))
          .onSkipped(e -> {
            if (++skipped[0] <= MAX_REPORTED_SKIPS) {
              err.println("lucene-filter: skipped " + Printable.of(e.getMessage()));
            }
          })
          .onRejected((kind, id, rules) -> {
            if (++rejected[0] <= MAX_REPORTED_SKIPS) {
              err.println("lucene-filter: rejected " + kind + " " + Printable.of(id) + " by " + rules);
            }
          })
          .build();
      report = ix.index(posts, channels, options);
    } catch (RecordFormatException e) {
      first.undo();
      // The rejections printed as the run went were not logged either: say so, or they read as done.
      throw CliException.badInput(e.getMessage() + " (nothing was indexed" + (rejected[0] == 0 ? ")"
          : rejected[0] == 1 ? "; the rejection reported above was not logged)"
          : "; the " + rejected[0] + " rejections reported above were not logged)"));
    } catch (Exception | Error e) {
      first.undo(e);
      throw e;
    }
    StringBuilder line = new StringBuilder(String.format("indexed %d posts", report.posts()));
    if (channels != null) line.append(String.format(" and %d channels", report.channels()));
    line.append(String.format(" in %.1f s (%.0f records/s)", report.seconds(), report.recordsPerSecond()));
    if (report.skipped() > 0) line.append(String.format("; skipped %d malformed lines", report.skipped()));
    if (report.duplicates() > 0) line.append("; ").append(report.duplicatesNote());
    if (report.rejected() > 0) {
      line.append(String.format("; rejected %d records (logged in %s)", report.rejected(), indexDir.dir.resolve(REJECTION_LOG)));
    }
    if (policy == null) line.append("; no policy: reject rules were not applied (they still apply at query time)");
    else line.append("; policy ").append(policy.version(), 0, 12);
    out().println(line);
    return 0;
  }

  /**
   * What was in the index directory before the run, so that a failed run that made the index (decided under the
   * write lock: {@link ContentIndex#createdOnOpen}) can remove what it created: the directory, or the files it
   * added to an existing one. A run that found an index removes nothing.
   */
  private static final class FirstRun {
    private final Path dir;
    private final boolean dirExisted;
    private final Set<Path> filesBefore;
    private boolean madeIndex;

    private FirstRun(Path dir, boolean dirExisted, Set<Path> filesBefore) {
      this.dir = dir;
      this.dirExisted = dirExisted;
      this.filesBefore = filesBefore;
    }

    static FirstRun at(Path dir) throws IOException {
      if (!Files.isDirectory(dir)) return new FirstRun(dir, false, Set.of());
      try (Stream<Path> files = Files.list(dir)) {
        return new FirstRun(dir, true, files.collect(Collectors.toSet()));
      }
    }

    /** Whether this command's index made the index it writes ({@link ContentIndex#createdOnOpen}). */
    void madeIndex(boolean made) { madeIndex = made; }

    /** Removes what the run created, if it made the index; the index is closed by now. */
    void undo() throws IOException {
      if (!madeIndex) return;
      if (!dirExisted) {
        try (Stream<Path> all = Files.walk(dir)) {
          for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
        return;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.filter(f -> !filesBefore.contains(f)).toList()) Files.deleteIfExists(p);
      }
    }

    /** {@link #undo()}, keeping {@code cause} as the error to report. */
    void undo(Throwable cause) {
      try {
        undo();
      } catch (IOException | RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  }
}
