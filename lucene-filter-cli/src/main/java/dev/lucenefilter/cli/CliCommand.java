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
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command of this CLI: picocli injects its spec, whose streams are the ones {@link Main#run} was given. Also the
 * conventions commands share for loading policies, reading {@code --at} and telling a terminal.
 */
abstract class CliCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  PrintWriter out() { return spec.commandLine().getOut(); }

  PrintWriter err() { return spec.commandLine().getErr(); }

  /**
   * Loads a policy directory; on errors prints each {@code FILE:LINE:COLUMN: ...} line to {@code err} and fails
   * with exit code 1. Nothing is ever filtered with a policy that failed to load.
   */
  static PolicySnapshot loadPolicy(Path dir, PrintWriter err) {
    if (!Files.isDirectory(dir)) {
      throw CliException.badInput("no policy directory at " + dir + " (give --blocklists DIR)");
    }
    try {
      return PolicyLoader.load(dir);
    } catch (PolicyValidationException e) {
      for (PolicyError error : e.errors()) err.println(Printable.of(error.toString()));
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

  /** An {@code --at} value: an ISO-8601 instant, or a date meaning 00:00 UTC of that day; now when absent. */
  static Instant atInstant(String value) {
    if (value == null) return Instant.now();
    return Dates.parse(value).orElseThrow(() -> CliException.usage(
        "--at must be an ISO-8601 instant or date (2026-06-01T00:00:00Z or 2026-06-01), not '" + value + "'"));
  }

  /**
   * Whether the stream is a terminal. The launcher tells ({@code -Dlucenefilter.<stream>.tty}, from {@code [ -t ]}:
   * its stderr filter makes the JVM's stderr a pipe); otherwise the console says (from JDK 22 on
   * {@code System.console()} exists even when redirected, and only {@code isTerminal()} tells the truth).
   */
  static boolean terminal(String stream, boolean withoutIsTerminal) {
    String told = System.getProperty("lucenefilter." + stream + ".tty");
    if (told != null) return Boolean.parseBoolean(told);
    var console = System.console();
    if (console == null) return false;
    try {
      return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return withoutIsTerminal;
    }
  }
}
