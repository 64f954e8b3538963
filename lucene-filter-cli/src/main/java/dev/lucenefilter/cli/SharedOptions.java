package dev.lucenefilter.cli;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.RecordReader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options several commands share, as picocli mixins, so each is spelled, described and defaulted the same
 * way everywhere ({@code --index}, {@code --blocklists}, {@code --jurisdiction}, {@code --on-error}, {@code --at}).
 */
final class SharedOptions {
  private SharedOptions() {}

  /** {@code --index DIR}, required. */
  static final class IndexDir {
    @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index directory.")
    Path dir;

    /** The existing index at DIR; exit 1 when there is none. */
    ContentIndex open() throws IOException {
      if (!ContentIndex.exists(dir)) throw CliException.badInput("no index at " + dir);
      return ContentIndex.open(dir);
    }
  }

  /** {@code --blocklists DIR}, default {@code ./blocklists}. */
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
      PolicySnapshot snapshot = CliPolicies.load(blocklists.dir, err);
      CliPolicies.requireJurisdiction(snapshot, code, blocklists.dir);
      return snapshot;
    }
  }

  /** {@code --on-error fail|skip}: what a malformed record line does, default fail. */
  static final class OnError {
    @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail",
        description = "fail (default): a malformed line changes nothing; skip: skip and count malformed lines.")
    String value;

    RecordReader.OnError mode() {
      try {
        return RecordReader.OnError.parse(value);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
    }
  }

  /** {@code --at INSTANT}: when rule dates are evaluated, default now. */
  static final class At {
    @Option(names = "--at", paramLabel = "INSTANT",
        description = "Evaluate rule dates at this ISO-8601 instant or date (00:00 UTC); default: now.")
    String value;

    Instant instant() {
      return CliPolicies.instant("--at", value);
    }
  }
}
