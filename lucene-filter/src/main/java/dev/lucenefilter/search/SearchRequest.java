package dev.lucenefilter.search;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One search: a query string in the safe syntax of {@link SearchService}, the jurisdiction whose visibility
 * applies, what to search and how to order and page it. Immutable and validated on construction: a request
 * without a jurisdiction, with a page size outside [1, {@value #MAX_PAGE_SIZE}] or with an empty date range is
 * refused with an {@link InvalidRequestException}.
 *
 * @param query              the query string; blank lists everything visible
 * @param jurisdiction       the jurisdiction whose visibility applies; required
 * @param target             which records to search
 * @param channels           channel ids to restrict to; empty means all channels
 * @param from               inclusive lower bound of the date, or {@code null}
 * @param to                 exclusive upper bound of the date, or {@code null}
 * @param order              the order; {@code null} means {@link Order#RELEVANCE}, or {@link Order#DATE} (newest
 *                           first) for a blank query
 * @param pageSize           hits per page
 * @param cursor             the cursor of the previous page ({@link SearchResult#nextCursor()}), or {@code null}
 *                           for the first page
 * @param highlight          whether snippets are highlighted passages
 * @param trackTotalHitsUpTo up to how many hits the total is exact; past it {@link SearchResult#totalHits()} is a
 *                           lower bound ({@link SearchResult#totalHitsExact()} false)
 */
public record SearchRequest(String query, String jurisdiction, Target target, Set<String> channels, Instant from,
    Instant to, Order order, int pageSize, String cursor, boolean highlight, int trackTotalHitsUpTo) {
  /** Largest page. */
  public static final int MAX_PAGE_SIZE = 1000;
  /** Page size when none is given. */
  public static final int DEFAULT_PAGE_SIZE = 20;
  /**
   * Hits counted exactly when no bound is given ({@link Builder#trackTotalHitsUpTo}); beyond it the total is a
   * lower bound and Lucene skips what cannot reach the page. Lucene's own top-k default ({@code
   * IndexSearcher.search(query, n)}); Elasticsearch counts to 10,000, which costs up to twice a top-20 page.
   */
  public static final int DEFAULT_TRACK_TOTAL_HITS_UP_TO = 1_000;

  /** Which records to search. */
  public enum Target { POSTS, CHANNELS }

  /**
   * Order of hits; ties are broken by the record's unique key, so paging is total. {@link #VIEWS} orders channels
   * by subscribers.
   */
  public enum Order { RELEVANCE, DATE, VIEWS }

  /** Validates the request. @throws InvalidRequestException when it is not valid */
  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(target, "target");
    if (jurisdiction == null || jurisdiction.isBlank()) {
      throw new InvalidRequestException("a jurisdiction is required: every search is filtered for one");
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new InvalidRequestException("page size must be between 1 and " + MAX_PAGE_SIZE + ", not " + pageSize);
    }
    if (trackTotalHitsUpTo < 0) {
      throw new InvalidRequestException("trackTotalHitsUpTo must not be negative, not " + trackTotalHitsUpTo);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidRequestException("empty date range: from " + from + " is not before to " + to);
    }
    for (String c : channels) {
      if (c == null || c.isEmpty()) throw new InvalidRequestException("channel ids must not be empty");
    }
    channels = Set.copyOf(channels);
    if (order == null) order = query.isBlank() ? Order.DATE : Order.RELEVANCE;
  }

  /** A builder for a request in {@code jurisdiction}. */
  public static Builder builder(String jurisdiction) { return new Builder(jurisdiction); }

  /** Builder of {@link SearchRequest}; not thread-safe. */
  public static final class Builder {
    private String query = "";
    private final String jurisdiction;
    private Target target = Target.POSTS;
    private Set<String> channels = Set.of();
    private Instant from;
    private Instant to;
    private Order order;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private String cursor;
    private boolean highlight = true;
    private int trackTotalHitsUpTo = DEFAULT_TRACK_TOTAL_HITS_UP_TO;

    private Builder(String jurisdiction) { this.jurisdiction = jurisdiction; }

    public Builder query(String query) { this.query = Objects.requireNonNull(query, "query"); return this; }

    public Builder target(Target target) { this.target = Objects.requireNonNull(target, "target"); return this; }

    public Builder channels(Set<String> channelIds) { this.channels = Objects.requireNonNull(channelIds); return this; }

    /** Dates in [from, to); either may be {@code null}. */
    public Builder dates(Instant from, Instant to) { this.from = from; this.to = to; return this; }

    public Builder order(Order order) { this.order = order; return this; }

    public Builder pageSize(int pageSize) { this.pageSize = pageSize; return this; }

    public Builder cursor(String cursor) { this.cursor = cursor; return this; }

    public Builder highlight(boolean highlight) { this.highlight = highlight; return this; }

    /**
     * Count hits exactly up to {@code bound} (at least 0; {@link Integer#MAX_VALUE} always counts every hit).
     * Counting every hit of a broad query visits every matching document; a bound lets Lucene stop at the page.
     */
    public Builder trackTotalHitsUpTo(int bound) { this.trackTotalHitsUpTo = bound; return this; }

    /** The request. @throws InvalidRequestException when it is not valid */
    public SearchRequest build() {
      return new SearchRequest(query, jurisdiction, target, channels, from, to, order, pageSize, cursor, highlight,
          trackTotalHitsUpTo);
    }
  }
}
