package dev.lucenefilter.cli;

import dev.lucenefilter.policy.PolicyError;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code validate DIR}: loads a policy directory as the service would. Valid: one summary line on stdout, exit 0.
 * Invalid: every error as {@code FILE:LINE:COLUMN: [RULE_ID: ]message} on stderr, one per line, then a count; exit 1.
 */
@Command(name = "validate",
    description = "Validate a blocklists directory and list every error with its file, line and column.")
final class ValidateCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "The policy directory (e.g. blocklists).")
  Path dir;

  @Override
  public Integer call() {
    try {
      PolicySnapshot s = PolicyLoader.load(dir);
      out().println(dir + ": valid, " + s.jurisdictions().size() + " jurisdictions ("
          + String.join(", ", s.jurisdictions()) + "), " + s.allRules().size() + " rules, version " + s.version());
      return 0;
    } catch (PolicyValidationException e) {
      for (PolicyError error : e.errors()) err().println(error);
      err().println(dir + ": " + e.errors().size() + (e.errors().size() == 1 ? " error" : " errors")
          + "; nothing applied");
      return CliException.BAD_INPUT;
    }
  }
}
