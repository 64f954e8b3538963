package dev.lucenefilter.policy.integrity;

import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a policy directory, or the files a snapshot was loaded from, against its signed manifest and a set of
 * trusted public keys. Accepted only when {@code MANIFEST.json} and {@code MANIFEST.sig} are present, the signature
 * is valid under a trusted key, and the policy files are exactly those listed with exactly their hashes; anything
 * else is refused with one {@link PolicyIntegrityException} naming every unsigned, altered, extra or missing file.
 * Immutable and thread-safe.
 */
public final class PolicyVerifier {
  private final Map<String, PublicKey> trusted = new TreeMap<>();

  /** A verifier trusting {@code keys}; at least one. */
  public PolicyVerifier(Collection<PublicKey> keys) {
    if (keys.isEmpty()) throw new IllegalArgumentException("at least one trusted key is required");
    for (PublicKey k : keys) trusted.put(Keys.id(k), k); // Keys.id refuses null
  }

  /** What was verified: the signer's key id and the SHA-256 of the manifest (the bundle's version hash). */
  public record Verified(String keyId, String manifestSha256, Map<String, String> files) {}

  /** Verifies the policy files currently in {@code dir}. */
  public Verified verify(Path dir) throws IOException, PolicyIntegrityException {
    return check(dir, Manifest.digests(dir));
  }

  /**
   * Verifies the bytes {@code snapshot} was loaded from against the manifest in {@code dir}: what is checked is
   * exactly what is served, even if the directory changed after the load.
   */
  public Verified verify(Path dir, PolicySnapshot snapshot) throws IOException, PolicyIntegrityException {
    return check(dir, snapshot.sourceDigests());
  }

  private Verified check(Path dir, Map<String, String> actual) throws IOException, PolicyIntegrityException {
    byte[] manifestBytes;
    byte[] sigText;
    try {
      manifestBytes = Files.readAllBytes(dir.resolve(Manifest.FILE));
      sigText = Files.readAllBytes(dir.resolve(Manifest.SIGNATURE));
    } catch (NoSuchFileException e) {
      throw new PolicyIntegrityException(dir + ": unsigned: no " + Path.of(e.getFile()).getFileName());
    }
    Manifest manifest = Manifest.parse(dir, manifestBytes);
    PublicKey key = trusted.get(manifest.keyId());
    if (key == null) {
      throw new PolicyIntegrityException(dir + ": signed by key " + manifest.keyId() + ", which is not trusted (trusted: "
          + String.join(", ", trusted.keySet()) + ")");
    }
    boolean valid;
    try {
      valid = Keys.verifies(key, manifestBytes,
          Base64.getMimeDecoder().decode(new String(sigText, StandardCharsets.US_ASCII).strip()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      valid = false;
    }
    if (!valid) throw new PolicyIntegrityException(dir + ": " + Manifest.SIGNATURE + " is not a valid signature of "
        + Manifest.FILE + " by key " + manifest.keyId());
    List<String> problems = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(actual.keySet());
    names.addAll(manifest.files().keySet());
    for (String name : names) {
      String want = manifest.files().get(name);
      String got = actual.get(name);
      if (want == null) problems.add("extra file " + name + " (not in the manifest)");
      else if (got == null) problems.add("missing file " + name);
      else if (!want.equals(got)) problems.add("altered file " + name + " (SHA-256 " + got.substring(0, 12) + "…, signed "
          + want.substring(0, 12) + "…)");
    }
    if (!problems.isEmpty()) throw new PolicyIntegrityException(dir + ": " + String.join("; ", problems));
    return new Verified(manifest.keyId(), Keys.sha256Hex(manifestBytes), manifest.files());
  }
}
