package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchResult;
import dev.lucenefilter.search.SearchService;
import dev.lucenefilter.search.VisibilityFilter;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * What users call, and the floor under it, on one cached index: {@link SearchService} with the {@link
 * PolicyVisibility} of jurisdiction KZ of {@link PolicySpec#QUERY} (cache warmed before the first search, as
 * {@code PolicyVisibility.following} warms before a swap), the same service with {@link
 * VisibilityFilter#unfiltered()}, and the floor: a plain Lucene top-20 of the same query on the same reader plus
 * loading the 20 hits' stored documents (what any search that shows hits pays). One per JVM and size, shared by
 * {@link ServiceBenchmark} and {@link Paired}.
 *
 * <p>{@link #manyJurisdictions} is the same over {@link PolicySpec#MEMORY}: one index, every jurisdiction of that
 * policy (200, each with its own 1k-rule policy) warmed into one cache, and each filtered call asking for the next
 * jurisdiction in turn, as a platform serving many countries from one index does; the unfiltered service and
 * the floor are the same as above.
 *
 * <p>Queries ({@code @Param query}): {@code term}, {@code phrase}, {@code multiterm} are the {@link Queries} of
 * the same name as user strings, ranked by relevance; {@code newest} is the blank query (every visible post,
 * newest first).
 */
final class ServicePaths {
  static final List<String> MODES = List.of("service_unfiltered", "service_filtered", "floor");

  final ContentIndex index;
  final SearchService filtered;
  final SearchService unfiltered;
  final PolicySnapshot snapshot;
  final ExclusionCache cache;
  /** The jurisdictions filtered calls ask for, in turn. */
  final List<String> jurisdictions;
  private int nextJurisdiction;
  final long warmNanos;
  final IndexSearcher floorSearcher;
  private final Map<String, List<Queries.UserQuery>> floorQueries = new HashMap<>();
  private final Map<String, List<String>> userStrings = new HashMap<>();

  private ServicePaths(int posts, PolicySpec spec, List<String> jurisdictions) throws IOException {
    this.jurisdictions = List.copyOf(jurisdictions);
    index = index(posts, spec.seed());
    snapshot = Fixture.load(Datasets.ensurePolicy(spec));
    cache = new ExclusionCache();
    // The floor is plain Lucene over the same committed index (the library gives no unfiltered reader of it).
    floorSearcher = new IndexSearcher(DirectoryReader.open(FSDirectory.open(index.directory())));
    Clock clock = Clock.fixed(Fixture.NOW, ZoneOffset.UTC);
    filtered = SearchService.builder(index).visibility(new PolicyVisibility(() -> snapshot, cache, clock)).build();
    unfiltered = SearchService.builder(index).visibility(VisibilityFilter.unfiltered()).build();
    // The service's own reader is warmed by a first filtered search per jurisdiction (the exclusion build
    // dominates it), as PolicyVisibility.following warms every jurisdiction before a swap.
    long t0 = System.nanoTime();
    for (String j : this.jurisdictions) filtered.search(SearchRequest.builder(j).query("").pageSize(1).build());
    warmNanos = System.nanoTime() - t0;
  }

  private static final Map<String, ServicePaths> SHARED = new HashMap<>();
  private static final Map<Integer, ContentIndex> INDEXES = new HashMap<>();

  /** The cached index of {@code posts}, opened once per JVM: a {@link ContentIndex} holds the directory's write lock. */
  private static ContentIndex index(int posts, long seed) throws IOException {
    ContentIndex i = INDEXES.get(posts);
    if (i == null) INDEXES.put(posts, i = ContentIndex.open(Datasets.ensureIndex(posts, seed)));
    return i;
  }

  /**
   * The paths over the {@code posts} index for KZ of {@link PolicySpec#QUERY}, opened and warmed once per JVM (never
   * closed: they live as long).
   */
  static synchronized ServicePaths shared(int posts) throws IOException {
    return SHARED.computeIfAbsent(posts + "/query", k -> open(posts, PolicySpec.QUERY, List.of(Fixture.JURISDICTION)));
  }

  /** As {@link #shared}, for every jurisdiction of {@link PolicySpec#MEMORY}, asked for in turn. */
  static synchronized ServicePaths manyJurisdictions(int posts) throws IOException {
    return SHARED.computeIfAbsent(posts + "/memory",
        k -> open(posts, PolicySpec.MEMORY, PolicySpec.MEMORY.jurisdictionCodes()));
  }

  private static ServicePaths open(int posts, PolicySpec spec, List<String> jurisdictions) {
    try {
      return new ServicePaths(posts, spec, jurisdictions);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The user strings of a named query: one, or the {@link Queries#TERMS} words of {@code terms}. */
  synchronized List<String> userStrings(String name) throws IOException {
    List<String> out = userStrings.get(name);
    if (out == null) {
      out = name.equals("terms")
          ? Queries.all(name, floorSearcher.getIndexReader()).stream()
              .map(q -> ((TermQuery) q.query()).getTerm().text()).toList()
          : List.of(userString(name));
      userStrings.put(name, out);
    }
    return out;
  }

  /** How many searches one {@link #run} of {@code name} makes. */
  int calls(String name) throws IOException { return userStrings(name).size(); }

  private String userString(String name) throws IOException {
    return switch (name) {
      case "newest" -> "";
      case "term" -> ((TermQuery) Queries.of("term", floorSearcher.getIndexReader()).query()).getTerm().text();
      case "phrase" -> {
        PhraseQuery q = (PhraseQuery) Queries.of("phrase", floorSearcher.getIndexReader()).query();
        StringBuilder b = new StringBuilder("\"");
        for (Term t : q.getTerms()) b.append(b.length() > 1 ? " " : "").append(t.text());
        yield b.append('"').toString();
      }
      case "multiterm" -> {
        StringBuilder b = new StringBuilder();
        for (BooleanClause c : (BooleanQuery) Queries.of("multiterm", floorSearcher.getIndexReader()).query()) {
          b.append(b.length() > 0 ? " OR " : "").append(((TermQuery) c.query()).getTerm().text());
        }
        yield b.toString();
      }
      default -> throw new IllegalArgumentException("unknown query '" + name + "'");
    };
  }

  private synchronized List<Queries.UserQuery> floorQueries(String name) throws IOException {
    List<Queries.UserQuery> q = floorQueries.get(name);
    if (q == null) {
      q = Queries.all(name.equals("newest") ? "matchall_newest" : name, floorSearcher.getIndexReader());
      floorQueries.put(name, q);
    }
    return q;
  }

  /**
   * The requests of {@code mode} ({@link #MODES}) for {@code query}: one, or one per word of {@code terms}; returns
   * something derived from every hit (the last request's result when there is one).
   */
  Object run(String mode, String query, boolean highlight) throws IOException {
    Object last = null;
    List<String> users = userStrings(query);
    for (int i = 0; i < users.size(); i++) {
      last = switch (mode) {
        case "service_filtered" -> filtered.search(request(nextJurisdiction(), users.get(i), highlight));
        case "service_unfiltered" -> unfiltered.search(request(Fixture.JURISDICTION, users.get(i), highlight));
        case "floor" -> floor(query, i);
        default -> throw new IllegalArgumentException("unknown mode '" + mode + "'");
      };
    }
    return last;
  }

  /**
   * How many of the jurisdictions filtered calls cycle through ({@code -Dpaired.inTurn}, default all; all are warmed
   * either way): with one, a call finds its jurisdiction's sets in the CPU cache, which tells the cost of asking
   * for many from the cost of their policies.
   */
  private static final int IN_TURN = Integer.getInteger("paired.inTurn", Integer.MAX_VALUE);

  /** How many jurisdictions filtered calls ask for in turn. */
  int inTurn() { return Math.min(IN_TURN, jurisdictions.size()); }

  private String nextJurisdiction() {
    String j = jurisdictions.get(nextJurisdiction);
    nextJurisdiction = (nextJurisdiction + 1) % inTurn();
    return j;
  }

  /** The benchmarks' request: 20 hits of {@code user} for {@code jurisdiction}. */
  static SearchRequest request(String jurisdiction, String user, boolean highlight) {
    return SearchRequest.builder(jurisdiction).query(user).highlight(highlight)
        .pageSize(QueryFilterBenchmark.PAGE).build();
  }

  /**
   * Raw Lucene top-20 of the {@code which}th query of {@code query} (the only one but for {@code terms}) on the same
   * reader, then the 20 hits' stored documents.
   */
  private Object floor(String query, int which) throws IOException {
    Queries.UserQuery q = floorQueries(query).get(which);
    TopDocs top = q.sort() == null ? floorSearcher.search(q.query(), QueryFilterBenchmark.PAGE)
        : floorSearcher.search(q.query(), QueryFilterBenchmark.PAGE, q.sort());
    StoredFields stored = floorSearcher.storedFields();
    Document[] docs = new Document[top.scoreDocs.length];
    int i = 0;
    for (ScoreDoc sd : top.scoreDocs) docs[i++] = stored.document(sd.doc);
    return docs;
  }

  /**
   * One line on what a query returns through each path (printed once per setup, as a sanity check; for {@code terms},
   * of its first word, with the words listed).
   */
  String describe(String query) throws IOException {
    List<String> users = userStrings(query);
    String user = users.get(0);
    SearchResult f = filtered.search(request(jurisdictions.get(0), user, false));
    SearchResult u = unfiltered.search(request(Fixture.JURISDICTION, user, false));
    return String.format(Locale.ROOT, "query %s ('%s'): filtered %s hits (%s), unfiltered %s hits, floor %d docs; %d jurisdictions"
        + " warmed in %.0f ms; cache %s", query, String.join("', '", users), f.totalHitsText(), jurisdictions.get(0),
        u.totalHitsText(), ((Document[]) floor(query, 0)).length, jurisdictions.size(), warmNanos / 1e6, cache.stats());
  }
}
