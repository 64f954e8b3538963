package dev.lucenefilter.text;

import java.util.Random;

/**
 * Seeded random tries for the property-style tests: each try gets its own {@link Random} from a fixed seed, so a
 * failure names the seed that reproduces it ({@code new Random(seed)}). {@code -Dlucenefilter.long=true} runs
 * ten times as many tries.
 */
final class Seeds {
  private Seeds() {}

  /** Receives the random source of one try. */
  @FunctionalInterface
  interface Try {
    void run(Random random) throws Exception;
  }

  static final boolean LONG = Boolean.getBoolean("lucenefilter.long");

  /** {@code tries} tries (ten times as many in long mode), seeds {@code base + i}; a failure names its seed. */
  static void forEach(long base, int tries, Try body) {
    int n = LONG ? tries * 10 : tries;
    for (int i = 0; i < n; i++) {
      long seed = base + i;
      try {
        body.run(new Random(seed));
      } catch (Throwable t) {
        throw new AssertionError("failed for seed " + seed + " (try " + i + " of " + n + "): " + t.getMessage(), t);
      }
    }
  }
}
