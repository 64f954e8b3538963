package dev.lucenefilter.cli;

import dev.lucenefilter.policy.integrity.Keys;
import dev.lucenefilter.policy.integrity.PolicyVerifier;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code verify DIR --trusted PUBLIC_KEY_FILE...}: exit 0 when DIR is signed by a trusted key and its policy files
 * are exactly the signed ones; exit 1 with one line saying what is wrong otherwise.
 */
@Command(name = "verify",
    description = "Verify a signed policy directory against trusted public keys (exit 0 valid, 1 refused).")
final class VerifyCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "The policy directory.")
  Path dir;

  @Option(names = "--trusted", required = true, arity = "1..*", paramLabel = "PUBLIC_KEY_FILE",
      description = "Trusted public keys (PEM).")
  List<Path> trusted;

  @Override
  public Integer call() throws Exception {
    List<PublicKey> keys = new ArrayList<>();
    for (Path p : trusted) keys.add(Keys.readPublic(p));
    PolicyVerifier.Verified v = new PolicyVerifier(keys).verify(dir);
    out().println(dir + ": valid, " + v.files().size() + " files signed by key " + v.keyId()
        + ", manifest " + v.manifestSha256().substring(0, 16));
    return 0;
  }
}
