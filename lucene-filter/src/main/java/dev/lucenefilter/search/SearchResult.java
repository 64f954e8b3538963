package dev.lucenefilter.search;

import java.util.List;

/**
 * One page of results.
 *
 * @param totalHits  exact number of visible matches (all pages)
 * @param hits       this page, in order
 * @param nextCursor cursor of the next page, {@code null} when this page is the last
 * @param timedOut   the query hit the time limit: hits and count may be incomplete
 */
public record SearchResult(long totalHits, List<Hit> hits, String nextCursor, boolean timedOut) {
  public SearchResult {
    hits = List.copyOf(hits);
  }
}
