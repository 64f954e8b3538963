package dev.lucenefilter.policy.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys for signing policies: generation, PEM files (PKCS#8 private, X.509 public; bare base64 is read
 * too) and key ids. Stateless.
 */
public final class Keys {
  static final String ALGORITHM = "Ed25519";

  private Keys() {}

  /** A new Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK >= 15", e);
    }
  }

  /**
   * Writes the private key to {@code privateFile} (PKCS#8 PEM, readable by the owner only where the file system
   * allows) and the public key to {@code privateFile + ".pub"} (X.509 PEM), which it returns.
   */
  public static Path write(KeyPair pair, Path privateFile) throws IOException {
    Path pub = publicFileOf(privateFile);
    Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(privateFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // Not a POSIX file system: permissions are the platform's business.
    }
    Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    return pub;
  }

  /** Where {@link #write} puts the public key of {@code privateFile}. */
  public static Path publicFileOf(Path privateFile) {
    return privateFile.resolveSibling(privateFile.getFileName() + ".pub");
  }

  /** Reads an Ed25519 private key. @throws PolicyIntegrityException naming the file when it is not one */
  public static PrivateKey readPrivate(Path file) throws IOException, PolicyIntegrityException {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decode(file, "PRIVATE KEY")));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new PolicyIntegrityException(file + ": not an Ed25519 private key (PKCS#8 PEM or base64)");
    }
  }

  /** Reads an Ed25519 public key. @throws PolicyIntegrityException naming the file when it is not one */
  public static PublicKey readPublic(Path file) throws IOException, PolicyIntegrityException {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(file, "PUBLIC KEY")));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new PolicyIntegrityException(file + ": not an Ed25519 public key (X.509 PEM or base64)");
    }
  }

  /** The key id: the first 16 hex characters of the SHA-256 of the public key's X.509 encoding. */
  public static String id(PublicKey key) {
    return sha256Hex(key.getEncoded()).substring(0, 16);
  }

  /** True when {@code signature} is {@code key}'s Ed25519 signature of {@code data}. */
  static boolean verifies(PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
    Signature sig = Signature.getInstance(ALGORITHM);
    sig.initVerify(key);
    sig.update(data);
    return sig.verify(signature);
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static byte[] decode(Path file, String label) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = text.indexOf(begin);
    if (b >= 0) {
      int e = text.indexOf(end, b);
      if (e < 0) throw new IllegalArgumentException("unterminated PEM");
      text = text.substring(b + begin.length(), e);
    }
    return Base64.getMimeDecoder().decode(text.strip());
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }
}
