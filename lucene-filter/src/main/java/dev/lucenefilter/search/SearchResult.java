package dev.lucenefilter.search;

import java.util.List;

/**
 * One page of results.
 *
 * @param totalHits      number of visible matches (all pages): exact when {@code totalHitsExact}, else a lower
 *                       bound (at least {@link SearchRequest#trackTotalHitsUpTo()}), shown as "≥ N"
 * @param hits           this page, in order
 * @param nextCursor     cursor of the next page, {@code null} when this page is the last
 * @param timedOut       the query hit the time limit: hits and count may be incomplete
 * @param totalHitsExact whether {@code totalHits} is the exact count
 */
public record SearchResult(long totalHits, List<Hit> hits, String nextCursor, boolean timedOut,
    boolean totalHitsExact) {
  public SearchResult {
    hits = List.copyOf(hits);
  }

  /** The total as users read it: {@code "57"} when exact, {@code "≥ 10000"} when a lower bound. */
  public String totalHitsText() {
    return totalHitsExact ? Long.toString(totalHits) : "≥ " + totalHits;
  }
}
