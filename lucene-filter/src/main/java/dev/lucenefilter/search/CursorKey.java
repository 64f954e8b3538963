package dev.lucenefilter.search;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-index secret that signs cursors (HMAC-SHA256), so a cursor changed by anyone without the index
 * directory is refused. Kept as {@value #FILE} (32 random bytes, owner-only where the file system allows) in the
 * index directory, created on first use; every service over the same index shares it, so cursors outlive
 * restarts. Immutable and thread-safe.
 */
final class CursorKey {
  static final String FILE = "cursor-secret";
  private static final int BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";

  /** Initialized with the secret and never used itself: each signature works on a clone (a Mac is not thread-safe). */
  private final Mac initialized;

  private CursorKey(byte[] secret) {
    try {
      initialized = Mac.getInstance(ALGORITHM);
      initialized.init(new SecretKeySpec(secret, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** The key of the index in {@code dir}, created there if it has none. */
  static CursorKey forIndex(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) create(dir, file);
    byte[] secret = Files.readAllBytes(file);
    if (secret.length != BYTES) {
      throw new IOException(file + ": corrupt cursor secret (" + secret.length + " bytes, expected " + BYTES
          + "); delete it to make a new one (open cursors become invalid)");
    }
    return new CursorKey(secret);
  }

  private static void create(Path dir, Path file) throws IOException {
    byte[] secret = new byte[BYTES];
    new SecureRandom().nextBytes(secret);
    // Owner-only on a POSIX file system (createTempFile's default); elsewhere the directory's permissions protect it.
    Path tmp = Files.createTempFile(dir, FILE, ".tmp");
    try {
      Files.write(tmp, secret);
      // Complete before visible, and never replacing a secret another process made first.
      try {
        Files.createLink(file, tmp);
      } catch (UnsupportedOperationException e) {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (FileAlreadyExistsException e) {
      // Another service created it first: use that one.
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  byte[] sign(byte[] data) {
    try {
      // Cloning skips the provider lookup and the key schedule that getInstance and init pay on every call.
      return ((Mac) initialized.clone()).doFinal(data);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the HMAC-SHA256 provider cannot clone a Mac", e);
    }
  }

  boolean verify(byte[] data, byte[] signature) {
    return MessageDigest.isEqual(sign(data), signature);
  }
}
