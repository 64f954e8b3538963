package dev.lucenefilter.cli;

import dev.lucenefilter.model.RecordReader;
import java.nio.file.Path;
import java.time.Instant;
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
  }

  /** {@code --blocklists DIR}, default {@code ./blocklists}. */
  static final class Blocklists {
    @Option(names = "--blocklists", paramLabel = "DIR", defaultValue = "blocklists",
        description = "Policy directory (default ./${DEFAULT-VALUE}).")
    Path dir;
  }

  /** {@code --jurisdiction CODE}, required: every filtered answer is for one jurisdiction. */
  static final class RequiredJurisdiction {
    @Option(names = "--jurisdiction", required = true, paramLabel = "CODE",
        description = "Whose view applies (KZ, FR, GLOBAL, ...): a <CODE>.json of the blocklists.")
    String code;
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
