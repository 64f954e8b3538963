package dev.lucenefilter.cli;

import dev.lucenefilter.model.Dates;
import dev.lucenefilter.policy.PolicyError;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Loading policies and parsing instants for commands, with the CLI's error conventions. */
final class CliPolicies {
  private CliPolicies() {}

  /**
   * Loads a policy directory; on errors prints each {@code FILE:LINE:COLUMN: ...} line to {@code err} and fails
   * with exit code 1. Nothing is ever filtered with a policy that failed to load.
   */
  static PolicySnapshot load(Path dir, PrintWriter err) {
    if (!Files.isDirectory(dir)) {
      throw CliException.badInput("no policy directory at " + dir + " (give --blocklists DIR)");
    }
    try {
      return PolicyLoader.load(dir);
    } catch (PolicyValidationException e) {
      for (PolicyError error : e.errors()) err.println(error);
      throw CliException.badInput(dir + ": " + e.errors().size() + (e.errors().size() == 1 ? " error" : " errors")
          + " in the policy; nothing was filtered");
    }
  }

  /** Fails with exit 1 unless the snapshot defines the jurisdiction. */
  static void requireJurisdiction(PolicySnapshot snapshot, String code, Path dir) {
    if (!snapshot.hasJurisdiction(code)) {
      throw CliException.badInput("unknown jurisdiction '" + code + "': no " + code + ".json in " + dir
          + " (known: " + String.join(", ", snapshot.jurisdictions()) + ")");
    }
  }

  /** An ISO-8601 instant, or a date meaning 00:00 UTC of that day; usage error otherwise. */
  static Instant instant(String option, String value) {
    if (value == null) return Instant.now();
    return Dates.parse(value).orElseThrow(() -> CliException.usage(option
        + " must be an ISO-8601 instant or date (2026-06-01T00:00:00Z or 2026-06-01), not '" + value + "'"));
  }

}
