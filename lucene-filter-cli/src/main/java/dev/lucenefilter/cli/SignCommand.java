package dev.lucenefilter.cli;

import dev.lucenefilter.policy.integrity.Keys;
import dev.lucenefilter.policy.integrity.PolicySigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sign DIR --key PRIVATE_KEY_FILE}: writes MANIFEST.json and MANIFEST.sig into a policy directory (the public
 * key is read from {@code PRIVATE_KEY_FILE.pub}). {@code sign --generate-key FILE}: creates an Ed25519 key pair,
 * FILE (PKCS#8 PEM) and FILE.pub (X.509 PEM).
 */
@Command(name = "sign",
    description = "Sign a policy directory (MANIFEST.json + MANIFEST.sig, Ed25519), or generate a key pair.")
final class SignCommand extends CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The policy directory to sign.")
  Path dir;

  @Option(names = "--key", paramLabel = "PRIVATE_KEY_FILE", description = "Private key (PEM); its public key is FILE.pub.")
  Path key;

  @Option(names = "--generate-key", paramLabel = "FILE", description = "Create a key pair: FILE and FILE.pub.")
  Path generate;

  @Override
  public Integer call() throws Exception {
    var out = out();
    if (generate != null) {
      if (dir != null || key != null) throw CliException.usage("--generate-key takes no DIR and no --key");
      if (Files.exists(generate)) throw CliException.badInput("refusing to overwrite " + generate);
      KeyPair pair = Keys.generate();
      Path pub = Keys.write(pair, generate);
      out.println("key " + Keys.id(pair.getPublic()) + ": private " + generate + ", public " + pub);
      return 0;
    }
    if (dir == null || key == null) throw CliException.usage("give DIR and --key PRIVATE_KEY_FILE, or --generate-key FILE");
    if (!Files.isDirectory(dir)) throw CliException.badInput("no policy directory at " + dir);
    String id = new PolicySigner(Keys.readPrivate(key), Keys.readPublic(Keys.publicFileOf(key))).sign(dir);
    out.println(dir + ": signed by key " + id);
    return 0;
  }
}
