package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.VisibleHits;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.FilterContext;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One top-20 search on a cached index through a plain {@link org.apache.lucene.search.IndexSearcher}, filtered for
 * jurisdiction KZ of the {@link PolicySpec#QUERY} policy (100k blocked channels, 10k domains, 10k phrases, 1k
 * usernames, regexes, media hashes, classifiers) in one of these {@code mode}s:
 * <ul>
 *   <li>{@code unfiltered}: the query alone (the reference the others are divided by);</li>
 *   <li>{@code filtered}: this library, warm: the query plus {@link ExclusionCache#visibleQuery} as a FILTER
 *       clause, the cache warmed in setup (what every query pays between policy swaps);</li>
 *   <li>{@code filtered_reader}: this library's other form, warm: the query alone on a searcher over {@link
 *       ExclusionCache#visibleReader} (hidden documents look deleted; a new searcher per query, as per request);</li>
 *   <li>{@code filtered_hits}: the query on the unfiltered searcher, its collector wrapped in {@link VisibleHits}
 *       over the same view (hidden documents matched and scored but never collected): {@code SearchService}'s
 *       relevance path;</li>
 *   <li>{@code filtered_cold}: the first query after a policy swap that was not warmed: a new, empty cache per
 *       invocation, so the exclusion sets of every rule are built inside the measured query (the worst case;
 *       a warmed swap costs what {@code filtered} costs, see {@link ReloadBenchmark} for the warm-up itself);</li>
 *   <li>{@code naive}: {@link NaiveFilter}, the policy as MUST_NOT clauses built per query, Lucene's default query
 *       cache on;</li>
 *   <li>{@code postfilter}: {@link PostFilter}, unfiltered hits checked one by one with the decision engine.</li>
 * </ul>
 * Queries: see {@link Queries}. Returns the hits, so nothing is optimised away. The index, policy and warmed
 * cache are shared by every trial of one JVM ({@link Fixture#warm}), so {@code -f 0} pays the exclusion build once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QueryFilterBenchmark {
  @Param({"100000"})
  public int posts;

  @Param({"unfiltered", "filtered", "filtered_reader", "filtered_hits", "filtered_cold", "naive", "postfilter"})
  public String mode;

  @Param({"term", "phrase", "matchall_newest", "multiterm"})
  public String query;

  /** The policy's sizes ({@link PolicySpec#key()} form). */
  @Param({"c100000-d10000-p10000-u1000-j1-v10-s42"})
  public String policy;

  static final int PAGE = 20;
  /** Hits counted exactly before a top-k search starts pruning: {@code IndexSearcher.search(query, n)}'s. */
  static final int TOTAL_HITS_THRESHOLD = 1000;

  private Fixture fixture;
  private Queries.UserQuery user;
  private ExclusionCache cache;
  private FilterContext active;
  private PostFilter postFilter;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    PolicySpec spec = PolicySpec.parse(policy);
    if (mode.equals("filtered_cold")) {
      // Nothing warmed: every invocation builds from an empty cache, and the setup need not pay a build either.
      fixture = Fixture.shared(posts, spec);
      user = Queries.of(query, fixture.reader);
      System.err.printf(Locale.ROOT, "%n[setup] %s: %d docs in %d segments; query %s (cold: no warm-up)%n",
          fixture.indexDir.getFileName(), fixture.reader.maxDoc(), fixture.reader.leaves().size(), user.query());
      return;
    }
    Fixture.Warm warm = Fixture.warm(posts, spec);
    fixture = warm.fixture();
    cache = warm.cache();
    long warmNanos = warm.buildNanos();
    user = Queries.of(query, fixture.reader);
    active = DecisionEngine.create(fixture.snapshot).activeRules(Fixture.JURISDICTION, Fixture.NOW);
    postFilter = new PostFilter(fixture.searcher, DecisionEngine.create(fixture.snapshot), Fixture.JURISDICTION,
        Fixture.NOW);
    // Sanity figures, printed once per trial: what the filter hides and how the modes agree on this query.
    int all = fixture.searcher.count(user.query());
    int visible = fixture.searcher.count(filteredQuery(cache));
    int naiveVisible = fixture.searcher.count(NaiveFilter.filtered(user.query(), active));
    System.err.printf(Locale.ROOT, "%n[setup] %s: %d docs in %d segments, warm build %.0f ms; query %s: %d hits, "
            + "%d visible (filtered), %d visible (naive), cache %s%n",
        fixture.indexDir.getFileName(), fixture.reader.maxDoc(), fixture.reader.leaves().size(), warmNanos / 1e6,
        user.query(), all, visible, naiveVisible, cache.stats());
  }

  private Query filteredQuery(ExclusionCache c) throws IOException {
    return new BooleanQuery.Builder()
        .add(user.query(), BooleanClause.Occur.MUST)
        .add(c.visibleQuery(fixture.reader, fixture.snapshot, Fixture.JURISDICTION, Fixture.NOW),
            BooleanClause.Occur.FILTER)
        .build();
  }

  /**
   * The top 20 of {@code q} on {@code f}'s unfiltered searcher, hidden documents of KZ dropped at collection
   * ({@link VisibleHits}, {@code SearchService}'s relevance path); also {@link Paired}'s {@code filtered_hits}.
   */
  static TopDocs visibleHits(Fixture f, ExclusionCache cache, Queries.UserQuery q) throws IOException {
    DirectoryReader view = cache.visibleReader(f.reader, f.snapshot, Fixture.JURISDICTION, Fixture.NOW);
    return q.sort() == null
        ? f.searcher.search(q.query(), VisibleHits.of(f.reader, view,
            new TopScoreDocCollectorManager(PAGE, null, TOTAL_HITS_THRESHOLD)))
        : f.searcher.search(q.query(), VisibleHits.of(f.reader, view,
            new TopFieldCollectorManager(q.sort(), PAGE, null, TOTAL_HITS_THRESHOLD)));
  }

  private TopDocs search(Query q) throws IOException {
    return user.sort() == null ? fixture.searcher.search(q, PAGE) : fixture.searcher.search(q, PAGE, user.sort());
  }

  @Benchmark
  public Object search() throws IOException {
    return switch (mode) {
      case "unfiltered" -> search(user.query());
      case "filtered" -> search(filteredQuery(cache));
      case "filtered_reader" -> {
        IndexSearcher s = new IndexSearcher(
            cache.visibleReader(fixture.reader, fixture.snapshot, Fixture.JURISDICTION, Fixture.NOW));
        yield user.sort() == null ? s.search(user.query(), PAGE) : s.search(user.query(), PAGE, user.sort());
      }
      case "filtered_hits" -> visibleHits(fixture, cache, user);
      case "filtered_cold" -> search(filteredQuery(new ExclusionCache()));
      case "naive" -> search(NaiveFilter.filtered(user.query(), active));
      case "postfilter" -> postFilter.search(user.query(), user.sort(), PAGE);
      default -> throw new IllegalArgumentException("unknown mode '" + mode + "'");
    };
  }
}
