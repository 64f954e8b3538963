package dev.lucenefilter.search;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.StoredRecord;
import dev.lucenefilter.filter.VisibleHits;
import dev.lucenefilter.filter.VisibleLeafReader;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.UnfilteredReads;
import dev.lucenefilter.index.Fields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOSupplier;

/**
 * Searches a {@link ContentIndex} on behalf of a jurisdiction. Thread-safe.
 *
 * <p>Guarantees: every search, count, page, highlight and get-by-id is restricted by the {@link VisibilityFilter}
 * (when it offers a reader view, where hidden documents look deleted: relevance-ranked searches take only what the
 * view shows at collection, {@link VisibleHits}, and get-by-id and cursors read the view; otherwise a non-scoring
 * FILTER clause); a request without a jurisdiction or for one the filter does not
 * know is refused. User queries reach only the display fields and usernames ({@code SafeQueryParser}). Nothing
 * shown depends on hidden documents: prefixes expand over visible words only ({@link PrefixExpansion}) and scores
 * use statistics of visible documents only ({@link VisibleStatsSearcher}). Pages follow each other by
 * search-after: for {@link SearchRequest.Order#DATE} and {@link SearchRequest.Order#VIEWS} on (sort value, unique
 * key), so consecutive pages have no duplicates and no gaps, also while documents are added; under {@link
 * SearchRequest.Order#RELEVANCE} on (score, document order), and the same holds while index and policy are
 * unchanged (changes move term statistics and so scores). Cursors are signed with the index's {@link CursorKey}
 * and bound to the jurisdiction and request. Totals are exact up to {@link SearchRequest#trackTotalHitsUpTo()}
 * and a lower bound past it.
 */
public final class SearchService {
  private static final int SNIPPET_CHARS = 200;
  /** The stored fields a hit shows: not the record's source, the largest. */
  private static final Set<String> SHOWN_FIELDS = Set.of(FilterFields.ID, FilterFields.KIND, FilterFields.CHANNEL_ID,
      FilterFields.TEXT, FilterFields.TITLE, FilterFields.DESCRIPTION, Fields.DATE, Fields.VIEWS, Fields.SUBSCRIBERS);

  private final ContentIndex index;
  private final VisibilityFilter visibility;
  private final Duration timeout;
  private final long maxResultWindow;
  private final SafeQueryParser parser;
  private volatile CursorKey cursorKey;

  private SearchService(Builder b) {
    this.index = b.index;
    this.visibility = b.visibility;
    this.timeout = b.timeout;
    this.maxResultWindow = b.maxResultWindow;
    this.parser = new SafeQueryParser(index.analyzer());
  }

  /** A builder over {@code index}; the visibility filter is required. */
  public static Builder builder(ContentIndex index) { return new Builder(index); }

  /** Options of {@link SearchService}; not thread-safe. */
  public static final class Builder {
    private final ContentIndex index;
    private VisibilityFilter visibility;
    private Duration timeout = Duration.ofSeconds(10);
    private long maxResultWindow = 100_000;

    private Builder(ContentIndex index) { this.index = Objects.requireNonNull(index); }

    /** What each jurisdiction may see; required (use {@link VisibilityFilter#unfiltered()} deliberately). */
    public Builder visibility(VisibilityFilter v) { this.visibility = Objects.requireNonNull(v); return this; }

    /** Time limit of one search; default 10 s. A search that hits it returns partial results, marked. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
      this.timeout = timeout;
      return this;
    }

    /** Deepest hit a cursor may reach; default 100,000. */
    public Builder maxResultWindow(long max) {
      if (max < 1) throw new IllegalArgumentException("maxResultWindow must be positive");
      this.maxResultWindow = max;
      return this;
    }

    public SearchService build() {
      if (visibility == null) throw new IllegalStateException("a VisibilityFilter is required");
      return new SearchService(this);
    }
  }

  /**
   * One page of results.
   *
   * @throws InvalidQueryException when the query string is refused
   * @throws InvalidRequestException when the cursor is invalid or for another request, the window is exceeded, or
   *     the jurisdiction is unknown
   */
  public SearchResult search(SearchRequest request) throws IOException {
    boolean channels = request.target() == SearchRequest.Target.CHANNELS;
    Query user = parser.parse(request.query(), channels);
    String digest = requestDigest(request);
    Cursor after = request.cursor() == null ? null
        : Cursor.decode(request.cursor(), cursorKey(), request.jurisdiction(), digest);
    long seen = after == null ? 0 : after.seen();
    // Subtracting keeps the check exact for any seen a (signed) cursor may carry: no addition can overflow.
    if (seen > maxResultWindow - request.pageSize()) {
      throw new InvalidRequestException("result window exceeded: at most " + maxResultWindow + " hits per query");
    }
    // One policy and one instant for the whole request: the view, the filter clause, the statistics and the prefix
    // expansion must not straddle a reload or a rule's date.
    VisibilityFilter filter = visibility.forOneRequest();
    try (ContentIndex.SearcherLease lease = UnfilteredReads.acquire(index)) {
      IndexReader raw = lease.searcher().getIndexReader();
      IndexReader view = view(filter, raw, request.jurisdiction());
      // With a reader view, relevance ranking searches the unfiltered segments and drops hidden documents where the
      // top-k collector takes them (VisibleHits): the same hits and counts as through the view, with Lucene's
      // pruning, but the hidden set is read only for the candidates that could enter the page, not for every
      // posting. Sorted listings go through the view when Lucene can apply its live docs a word at a time, and
      // otherwise through the filter clause: Lucene masks a sorted listing's windows with the live docs, one call
      // per document for any other form of them. All are the same exclusions (benchmarks/HISTORY.md has figures).
      boolean relevance = request.order() == SearchRequest.Order.RELEVANCE;
      boolean collectVisible = view != null && relevance;
      boolean throughView = view != null && !relevance && VisibleLeafReader.masksWordWise(view);
      // Whichever reader is searched, statistics and prefix expansion see only the visible documents.
      List<LeafReader> visibleLeaves = view != null ? VisibleStatsSearcher.leavesOf(view)
          : VisibleStatsSearcher.leavesOf(new IndexSearcher(raw),
              visible(filter, lease.searcher(), request.jurisdiction()));
      VisibleStatsSearcher searcher = new VisibleStatsSearcher(throughView ? view : raw, visibleLeaves);
      searcher.setTimeout(new QueryTimeoutImpl(timeout.toMillis()));
      if (user != null) user = PrefixExpansion.expand(user, searcher);
      Query query = restrict(searcher, user, request, !throughView && !collectVisible ? filter : null);
      TopDocs top;
      try {
        // Relevance ties go in document order, by Lucene's own top-k collector (a sort on the unique key doubled
        // the cost of collecting); the cursor carries the key, found again (in the view, when there is one) as the
        // document the next page follows.
        if (relevance) {
          TopScoreDocCollectorManager topScores = new TopScoreDocCollectorManager(request.pageSize(),
              after == null ? null : relevanceAfter(view != null ? new IndexSearcher(view) : searcher, after),
              request.trackTotalHitsUpTo());
          top = collectVisible ? searcher.search(query, VisibleHits.of(raw, view, topScores))
              : searcher.search(query, topScores);
        } else {
          top = searcher.search(query, new TopFieldCollectorManager(sort(request.order(), channels), request.pageSize(),
              after == null ? null : afterDoc(after), request.trackTotalHitsUpTo()));
        }
      } catch (IndexSearcher.TooManyClauses e) {
        throw new InvalidQueryException("query expands to too many terms");
      }
      boolean timedOut = searcher.timedOut();
      ScoreDoc[] docs = top.scoreDocs;
      if (user != null && !relevance) TopFieldCollector.populateScores(docs, searcher, query);
      StoredFields stored = searcher.storedFields();
      Document[] loaded = new Document[docs.length];
      // In document order: hits stored in one compressed block then decompress it once, not once per hit. Each
      // entry is (doc, position in the page) packed in a long, so a primitive sort orders them.
      long[] inDocOrder = new long[docs.length];
      for (int i = 0; i < docs.length; i++) inDocOrder[i] = (long) docs[i].doc << 32 | i;
      Arrays.sort(inDocOrder);
      for (long entry : inDocOrder) loaded[(int) entry] = stored.document((int) (entry >>> 32), SHOWN_FIELDS);
      String[] snippets = request.highlight() && user != null
          ? Snippets.of(searcher, index.analyzer(), user, docs, loaded, channels) : null;
      List<Hit> hits = new ArrayList<>(docs.length);
      for (int i = 0; i < docs.length; i++) {
        Document d = loaded[i];
        String text = channels ? firstNonEmpty(d.get(FilterFields.DESCRIPTION), d.get(FilterFields.TITLE))
            : d.get(FilterFields.TEXT);
        String snippet = snippets != null && snippets[i] != null ? snippets[i] : abbreviate(text);
        long count = d.getField(channels ? Fields.SUBSCRIBERS : Fields.VIEWS).numericValue().longValue();
        hits.add(new Hit(d.get(FilterFields.ID), d.get(FilterFields.KIND), d.get(FilterFields.CHANNEL_ID),
            docs[i].score, Instant.ofEpochMilli(d.getField(Fields.DATE).numericValue().longValue()), count, snippet));
      }
      String next = null;
      long counted = top.totalHits.value();
      // A bounded count is a lower bound past the bound (for every order, even where the collector happened to
      // count all): a full page then always offers the next one.
      boolean exact = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO
          && counted <= request.trackTotalHitsUpTo();
      // Past the bound the collector counts what its skipping lets through, and block-max and point-value skipping
      // rest on index-wide bounds that hidden documents shape: a lower bound of exactly the bound says nothing of
      // them (the request's own number; a timed-out count may still be below it).
      long total = exact ? counted : Math.min(counted, request.trackTotalHitsUpTo());
      if (docs.length == request.pageSize() && (!exact || seen + docs.length < total) && !timedOut) {
        ScoreDoc last = docs[docs.length - 1];
        long value = relevance ? Float.floatToIntBits(last.score) : (Long) ((FieldDoc) last).fields[0];
        // The unique key from the page's own stored values (kind and id), as the index built it: no doc values read.
        Document lastLoaded = loaded[docs.length - 1];
        String uid = Fields.uid(lastLoaded.get(FilterFields.KIND), lastLoaded.get(FilterFields.ID));
        next = new Cursor(request.jurisdiction(), digest, value, uid, seen + docs.length).encode(cursorKey());
      }
      return new SearchResult(total, hits, next, timedOut, exact);
    }
  }

  /**
   * The record of that kind and id if it exists and the jurisdiction may see it; empty otherwise (hidden and
   * absent are indistinguishable).
   */
  public Optional<StoredRecord> get(String kind, String id, String jurisdiction) throws IOException {
    if (jurisdiction == null || jurisdiction.isBlank()) {
      throw new InvalidRequestException("a jurisdiction is required: every search is filtered for one");
    }
    refusing(() -> Fields.checkKind(kind));
    VisibilityFilter filter = visibility.forOneRequest();
    try (ContentIndex.SearcherLease lease = UnfilteredReads.acquire(index)) {
      IndexReader view = view(filter, lease.searcher().getIndexReader(), jurisdiction);
      IndexSearcher searcher = view != null ? new IndexSearcher(view) : lease.searcher();
      BooleanQuery.Builder b = new BooleanQuery.Builder()
          .add(new TermQuery(new Term(Fields.UID, Fields.uid(kind, Objects.requireNonNull(id)))), Occur.FILTER);
      if (view == null) b.add(visible(filter, searcher, jurisdiction), Occur.FILTER);
      ScoreDoc[] docs = searcher.search(b.build(), 1).scoreDocs;
      if (docs.length == 0) return Optional.empty();
      return Optional.of(StoredRecord.of(searcher.storedFields().document(docs[0].doc)));
    }
  }

  /** The request's query; with the visibility filter as a FILTER clause when {@code filterClause} is not null. */
  private Query restrict(IndexSearcher searcher, Query user, SearchRequest r, VisibilityFilter filterClause)
      throws IOException {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    String kind = r.target() == SearchRequest.Target.CHANNELS ? FilterFields.KIND_CHANNEL : FilterFields.KIND_POST;
    // A parsed query matches only the target kind already: a filter on the kind would only slow it down.
    if (user != null) b.add(user, Occur.MUST);
    else b.add(new TermQuery(new Term(FilterFields.KIND, kind)), Occur.FILTER);
    if (filterClause != null) b.add(visible(filterClause, searcher, r.jurisdiction()), Occur.FILTER);
    if (!r.channels().isEmpty()) {
      List<BytesRef> ids = r.channels().stream().sorted().map(BytesRef::new).toList();
      b.add(new TermInSetQuery(FilterFields.CHANNEL_ID, ids), Occur.FILTER);
    }
    if (r.from() != null || r.to() != null) {
      // Dates are stored in whole milliseconds: [from, to) holds the stored dates from from's millisecond rounded
      // up to the one before to's rounded up.
      long from = r.from() == null ? Long.MIN_VALUE : ceilMillis(r.from());
      long to = r.to() == null ? Long.MAX_VALUE : ceilMillis(r.to()) - 1;
      b.add(LongField.newRangeQuery(Fields.DATE, from, to), Occur.FILTER);
    }
    return b.build();
  }

  /** The first whole millisecond at or after {@code t}, clamped to the longs (far instants do not overflow). */
  static long ceilMillis(Instant t) {
    long seconds = t.getEpochSecond();
    if (seconds >= Long.MAX_VALUE / 1000) return Long.MAX_VALUE;
    if (seconds <= Long.MIN_VALUE / 1000 + 1) return Long.MIN_VALUE + 1;
    return seconds * 1000 + (t.getNano() + 999_999) / 1_000_000;
  }

  /** The filter's reader view of {@code reader} for the jurisdiction, or null when it offers none. */
  private static IndexReader view(VisibilityFilter filter, IndexReader reader, String jurisdiction)
      throws IOException {
    return refusing(() -> filter.view((DirectoryReader) reader, jurisdiction));
  }

  private static Query visible(VisibilityFilter filter, IndexSearcher searcher, String jurisdiction)
      throws IOException {
    Query q = refusing(() -> filter.visible(searcher, jurisdiction));
    if (q == null) throw new IllegalStateException("the visibility filter returned no query for " + jurisdiction);
    return q;
  }

  /** {@code call}'s result; its IllegalArgumentException (an unknown jurisdiction or kind) refuses the request. */
  private static <T> T refusing(IOSupplier<T> call) throws IOException {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      throw e instanceof InvalidRequestException r ? r : new InvalidRequestException(e.getMessage(), e);
    }
  }

  /**
   * A sorted listing's order: the date or count, newest or largest first, then the unique key (ordered as a STRING
   * sort would, by a comparator that looks up a hit's key only when needed: {@link UidTieBreak}).
   */
  private static Sort sort(SearchRequest.Order order, boolean channels) {
    String field = order == SearchRequest.Order.DATE ? Fields.DATE : channels ? Fields.SUBSCRIBERS : Fields.VIEWS;
    return new Sort(LongField.newSortField(field, true, SortedNumericSelector.Type.MIN),
        new SortField(Fields.UID, new UidTieBreak()));
  }

  private static FieldDoc afterDoc(Cursor c) {
    // doc = MAX_VALUE: among equal sort values only the uid decides; the last hit itself is never repeated.
    return new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] {c.value(), new BytesRef(c.uid())});
  }

  /** The last hit of the previous relevance page: its score and its document, found again by unique key. */
  private static ScoreDoc relevanceAfter(IndexSearcher searcher, Cursor c) throws IOException {
    ScoreDoc[] d = searcher.search(new ConstantScoreQuery(new TermQuery(new Term(Fields.UID, c.uid()))), 1).scoreDocs;
    // Gone (the index changed, which changes scores anyway): the page continues after that score's ties.
    return new ScoreDoc(d.length == 0 ? Integer.MAX_VALUE : d[0].doc, Float.intBitsToFloat((int) c.value()));
  }

  /** What a cursor is bound to besides the jurisdiction: query, target, order, channels and dates. */
  static String requestDigest(SearchRequest r) {
    StringBuilder sb = new StringBuilder();
    // Length-prefixed parts: no two different requests give the same string.
    for (Object part : List.of(r.query(), r.target(), r.order(), new TreeSet<>(r.channels()),
        String.valueOf(r.from()), String.valueOf(r.to()))) {
      String p = part.toString();
      sb.append(p.length()).append(':').append(p).append(';');
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private CursorKey cursorKey() throws IOException {
    CursorKey k = cursorKey;
    // No lock: threads that race here all read the one secret the index directory holds (or made first).
    if (k == null) cursorKey = k = CursorKey.forIndex(index.directory());
    return k;
  }

  private static String firstNonEmpty(String a, String b) {
    return a != null && !a.isEmpty() ? a : b == null ? "" : b;
  }

  private static String abbreviate(String s) {
    if (s == null) return "";
    String flat = s.replace('\n', ' ');
    return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS - 1) + "…";
  }
}
