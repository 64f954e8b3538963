package dev.lucenefilter.policy.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * Signs a policy directory: writes {@code MANIFEST.json} with the SHA-256 of every policy file ({@code
 * <CODE>.json}, the files the loader reads) and the key id, then {@code MANIFEST.sig}, the Ed25519 signature of
 * the manifest's bytes in base64. Each file is written to a temporary file and renamed, the signature last. Signing
 * an unchanged directory again with the same key gives the same manifest.
 */
public final class PolicySigner {
  private final PrivateKey key;
  private final PublicKey publicKey;

  /** A signer with {@code key}; {@code publicKey} is its public half (it gives the key id). */
  public PolicySigner(PrivateKey key, PublicKey publicKey) {
    this.key = key;
    this.publicKey = publicKey;
  }

  /** Signs {@code dir} and returns the key id; refused when the key cannot sign or there is no policy file. */
  public String sign(Path dir) throws IOException, PolicyIntegrityException {
    Map<String, String> files = Manifest.digests(dir);
    if (files.isEmpty()) throw new PolicyIntegrityException(dir + ": no policy files (<CODE>.json) to sign");
    String keyId = Keys.id(publicKey);
    byte[] manifest = new Manifest(keyId, files).toBytes();
    byte[] signature;
    try {
      Signature sig = Signature.getInstance(Keys.ALGORITHM);
      sig.initSign(key);
      sig.update(manifest);
      signature = sig.sign();
      // Refuse a private key that does not belong to the public key: the bundle would never verify.
      if (!Keys.verifies(publicKey, manifest, signature)) {
        throw new PolicyIntegrityException("the private key does not match the public key " + keyId);
      }
    } catch (GeneralSecurityException e) {
      throw new PolicyIntegrityException("cannot sign with this key: " + e.getMessage(), e);
    }
    writeAtomically(dir.resolve(Manifest.FILE), manifest);
    writeAtomically(dir.resolve(Manifest.SIGNATURE),
        (Base64.getEncoder().encodeToString(signature) + "\n").getBytes(StandardCharsets.US_ASCII));
    return keyId;
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
