package dev.lucenefilter.model;

import java.util.HashMap;
import java.util.Map;

/**
 * The one canonical form of classifier scores ({@code flags}). Guarantees: a score is a finite double, and
 * {@code -0.0} is stored as {@code 0.0}, so every comparison of a score with a threshold (the reference decision,
 * the indexed double points and doc values, the stored JSON) sees the same decimal number: IEEE {@code ==} already
 * treats them as equal, but Lucene's sortable encoding orders {@code -0.0} below {@code 0.0}, which let a score of
 * {@code -0.0} escape a threshold-0 range query. Pure functions, thread-safe.
 */
public final class Scores {
  private Scores() {}

  /** {@code -0.0} becomes {@code 0.0}; NaN or an infinity, which no threshold compares sensibly with, is refused. */
  public static double canonical(double score) {
    if (!Double.isFinite(score)) throw new IllegalArgumentException("score is not a finite number: " + score);
    // Adding positive zero turns -0.0 into 0.0 and leaves every other double unchanged.
    return score + 0.0;
  }

  /** An unmodifiable copy of {@code flags} with every score {@link #canonical}; empty for null. */
  public static Map<String, Double> canonical(Map<String, Double> flags) {
    if (flags == null || flags.isEmpty()) return Map.of();
    Map<String, Double> out = new HashMap<>(flags.size() * 2);
    for (var e : flags.entrySet()) {
      Double v = e.getValue();
      if (v == null) throw new IllegalArgumentException("flag '" + e.getKey() + "' has no score");
      try {
        out.put(e.getKey(), canonical(v));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("flag '" + e.getKey() + "': " + ex.getMessage(), ex);
      }
    }
    return Map.copyOf(out);
  }
}
