package dev.lucenefilter.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded mutations of valid inputs, as a coverage-less fuzzer does them: bit flips, byte changes, truncation,
 * insertion and deletion of random JSON tokens, duplication of a slice, huge numbers, deep nesting, invalid UTF-8,
 * control characters and lone surrogates. Deterministic for a seed.
 */
final class Mutator {
  private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false", "0",
      "-0", "1e309", "-1", "0.9", "1.0000000000000000000001", "99999999999999999999999999", "NaN", "Infinity",
      "\"\"", "\"id\"", "\"rules\"", "\"type\"", "\"values\"", "\"regex\"", "\"phrase\"", "\"inherits\"",
      "\"GLOBAL\"", "\"KZ\"", "\"action\"", "\"reject\"", "\"target\"", "\"threshold\"", "\"flags\"", "\"links\"",
      "\"media_sha256\"", "\"date\"", "\"2026-13-45T99:00:00Z\"", "\\u0000", "\\ud800", "\\udc00x", "\u0000",
      "\u0007", "\n", "\r", "\t", "\u2028", "\uFEFF", "\u200B", "//", "/*", "'", "`", "(.*)*", "[^]", "{1000}{1000}",
      "ё", "😀", "а"};

  private final Random r;

  Mutator(long seed) { this.r = new Random(seed); }

  Random random() { return r; }

  /** One to three random mutations of {@code input}. */
  byte[] mutate(byte[] input) {
    byte[] b = input;
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) b = once(b);
    return b;
  }

  private byte[] once(byte[] b) {
    if (b.length == 0) return insert(b, 0, token());
    int at = r.nextInt(b.length + 1);
    switch (r.nextInt(10)) {
      case 0 -> { // bit flip
        byte[] c = b.clone();
        int i = Math.min(at, c.length - 1);
        c[i] ^= (byte) (1 << r.nextInt(8));
        return c;
      }
      case 1 -> { // random byte
        byte[] c = b.clone();
        c[Math.min(at, c.length - 1)] = (byte) r.nextInt(256);
        return c;
      }
      case 2 -> { return Arrays.copyOf(b, at); } // truncation
      case 3, 4 -> { return insert(b, at, token()); }
      case 5 -> { // delete a slice
        int end = Math.min(b.length, at + 1 + r.nextInt(16));
        return concat(Arrays.copyOf(b, Math.min(at, b.length)), Arrays.copyOfRange(b, end, b.length));
      }
      case 6 -> { // duplicate a slice
        int from = r.nextInt(b.length);
        int end = Math.min(b.length, from + 1 + r.nextInt(64));
        return insert(b, at, Arrays.copyOfRange(b, from, end));
      }
      case 7 -> { // huge number
        String[] huge = {"1" + "0".repeat(400), "1e" + "9".repeat(20), "-" + "9".repeat(2000), "0." + "1".repeat(1200)};
        return insert(b, at, huge[r.nextInt(huge.length)].getBytes(StandardCharsets.UTF_8));
      }
      case 8 -> { // deep nesting
        int depth = 1 + r.nextInt(r.nextBoolean() ? 50 : 5000);
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        String s = open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(r.nextInt(depth + 1));
        return insert(b, at, s.getBytes(StandardCharsets.UTF_8));
      }
      default -> { // invalid UTF-8 or an overlong form
        byte[][] bad = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        return insert(b, at, bad[r.nextInt(bad.length)]);
      }
    }
  }

  private byte[] token() { return TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8); }

  private static byte[] insert(byte[] b, int at, byte[] x) {
    at = Math.min(at, b.length);
    return concat(concat(Arrays.copyOf(b, at), x), Arrays.copyOfRange(b, at, b.length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
