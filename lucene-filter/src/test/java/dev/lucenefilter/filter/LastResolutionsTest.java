package dev.lucenefilter.filter;

import static dev.lucenefilter.filter.ExclusionCacheTest.index;
import static dev.lucenefilter.filter.ExclusionCacheTest.policy;
import static dev.lucenefilter.filter.ExclusionCacheTest.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.TestLeases;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-jurisdiction memo of {@link ExclusionCache#visibleReader} and {@link ExclusionCache#visibleQuery}: a
 * remembered resolution is used only for the same snapshot, reader and rule-date epoch, and it holds nothing the
 * store or the caller has let go.
 */
class LastResolutionsTest {
  static final Instant JUNE = Instant.parse("2026-06-01T00:00:00Z");
  static final Instant JULY_FIRST = Instant.parse("2026-07-01T00:00:00Z");
  static final Instant AUGUST = Instant.parse("2026-08-01T00:00:00Z");

  @TempDir Path tmp;

  /** A channel rule that starts hiding on 2026-07-01 (inclusive). */
  static String datedRule(String id, String channel) {
    return "{\"id\": \"" + id + "\", \"type\": \"channel\", \"values\": [\"" + channel
        + "\"], \"effective_from\": \"2026-07-01\", \"category\": \"illegal_gambling\", \"legal_basis\": \"test\"}";
  }

  /** Which documents of the reader are visible. */
  static BitSet visible(IndexReader view) {
    Bits live = MultiBits.getLiveDocs(view);
    BitSet out = new BitSet();
    for (int d = 0; d < view.maxDoc(); d++) if (live == null || live.get(d)) out.set(d);
    return out;
  }

  /** Which documents of the reader {@code q} matches. */
  static BitSet matches(IndexReader reader, Query q) throws IOException {
    BitSet out = new BitSet();
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    for (ScoreDoc sd : searcher.search(q, Math.max(1, reader.maxDoc())).scoreDocs) out.set(sd.doc);
    return out;
  }

  @Test
  void aCacheThatRemembersShowsWhatAFreshCacheShows() throws Exception {
    List<PolicySnapshot> snapshots = List.of(
        policy(tmp, "a", List.of(rule("a1", "channel", "c1"), rule("a2", "phrase", "w2")),
            List.of(rule("a3", "channel", "c3"))),
        policy(tmp, "b", List.of(rule("b1", "channel", "c4")), List.of(rule("b2", "phrase", "w1"))),
        policy(tmp, "dated", List.of(datedRule("d1", "c5"), rule("d2", "channel", "c1")),
            List.of(datedRule("d3", "c1"))));
    List<Instant> instants = List.of(JUNE, JULY_FIRST.minusNanos(1), JULY_FIRST, AUGUST);
    List<String> codes = List.of("KZ", "RU", "GLOBAL");
    ExclusionCache remembering = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 1L << 30);
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    try (ContentIndex index = index(tmp, 8)) {
      ContentIndex.SearcherLease first = TestLeases.unfiltered(index);
      // The second reader has more segments and posts in channels some rules hide.
      for (String c : List.of("c1", "c4", "c5", "c6")) index.add(Post.of("late-" + c, c, "w1 w2 late"));
      ContentIndex.SearcherLease second = TestLeases.unfiltered(index);
      try (first; second) {
        List<DirectoryReader> readers = List.of((DirectoryReader) first.searcher().getIndexReader(),
            (DirectoryReader) second.searcher().getIndexReader());
        assertThat(readers.get(0).maxDoc()).isLessThan(readers.get(1).maxDoc());
        for (int step = 0; step < 300; step++) {
          PolicySnapshot s = snapshots.get(random.nextInt(snapshots.size()));
          DirectoryReader r = readers.get(random.nextInt(readers.size()));
          String code = codes.get(random.nextInt(codes.size()));
          Instant at = instants.get(random.nextInt(instants.size()));
          ExclusionCache fresh = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 1L << 30);
          BitSet want = visible(fresh.visibleReader(r, s, code, at));
          assertThat(visible(remembering.visibleReader(r, s, code, at)))
              .as("seed %d step %d: %s %s %s", seed, step, s.version(), code, at).isEqualTo(want);
          // The query form, also when it runs on another reader than the one it was made for.
          DirectoryReader other = readers.get(1 - readers.indexOf(r));
          Query q = remembering.visibleQuery(r, s, code, at);
          assertThat(matches(r, q)).as("seed %d step %d: query", seed, step).isEqualTo(want);
          assertThat(matches(other, q)).as("seed %d step %d: query on the other reader", seed, step)
              .isEqualTo(visible(fresh.visibleReader(other, s, code, at)));
        }
        assertThat(remembering.lastResolutionCount()).isEqualTo(codes.size());
      }
    }
  }

  /** A test body over a reader of 4 channels of 3 posts, under a policy where KZ hides channel c1. */
  @FunctionalInterface
  interface OnReader {
    void run(PolicySnapshot snapshot, DirectoryReader reader) throws Exception;
  }

  private void withOneRule(OnReader body) throws Exception {
    PolicySnapshot snapshot = policy(tmp, "p", List.of(rule("r", "channel", "c1")), List.of());
    try (ContentIndex index = index(tmp, 4); ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
      body.run(snapshot, (DirectoryReader) lease.searcher().getIndexReader());
    }
  }

  @Test
  void aRepeatedQueryIsServedWithoutTheStore() throws Exception {
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 1L << 30);
    withOneRule((snapshot, reader) -> {
      int visibleDocs = cache.visibleReader(reader, snapshot, "KZ", JUNE).numDocs();
      ExclusionCache.Stats before = cache.stats();
      assertThat(cache.visibleReader(reader, snapshot, "KZ", AUGUST).numDocs()).isEqualTo(visibleDocs);
      ExclusionCache.Stats after = cache.stats();
      assertThat(after.hits() + after.misses()).as("no store lookup").isEqualTo(before.hits() + before.misses());
      assertThat(visibleDocs).isEqualTo(16 - 4);
      // The query form takes the same resolution, and its weight the exclusions it was made with.
      assertThat(matches(reader, cache.visibleQuery(reader, snapshot, "KZ", AUGUST)).cardinality())
          .isEqualTo(visibleDocs);
      ExclusionCache.Stats afterQuery = cache.stats();
      assertThat(afterQuery.hits() + afterQuery.misses()).as("no store lookup for the query either")
          .isEqualTo(before.hits() + before.misses());
    });
  }

  @Test
  void codesThePolicyDoesNotDefineAreNotRemembered() throws Exception {
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.GLOBAL_ONLY, 1L << 30);
    withOneRule((snapshot, reader) -> {
      for (int i = 0; i < 50; i++) cache.visibleReader(reader, snapshot, "X" + i, JUNE);
      assertThat(cache.lastResolutionCount()).isZero();
      cache.visibleReader(reader, snapshot, "KZ", JUNE);
      assertThat(cache.lastResolutionCount()).isOne();
    });
  }

  @Test
  void exclusionsTheStoreDoesNotKeepAreNotRemembered() throws Exception {
    ExclusionCache tiny = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 1);
    withOneRule((snapshot, reader) -> {
      assertThat(tiny.visibleReader(reader, snapshot, "KZ", JUNE).numDocs()).isEqualTo(16 - 4);
      assertThat(tiny.lastResolutionCount()).as("too big for the store, so not remembered").isZero();
    });
  }

  @Test
  void aViewIsNotReopenedWithTheExclusionsOfItsOldReader() throws Exception {
    PolicySnapshot snapshot = policy(tmp, "p", List.of(rule("r", "channel", "c1")), List.of());
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 1L << 30);
    try (ContentIndex index = index(tmp, 4)) {
      index.commit();
      try (FSDirectory dir = FSDirectory.open(index.directory()); DirectoryReader reader = DirectoryReader.open(dir)) {
        DirectoryReader view = cache.visibleReader(reader, snapshot, "KZ", JUNE);
        index.add(dev.lucenefilter.model.Post.of("new", "c1", "a new post of the hidden channel"));
        index.commit();
        assertThatThrownBy(() -> DirectoryReader.openIfChanged(view))
            .isInstanceOf(UnsupportedOperationException.class)
            .hasMessageContaining("cannot be reopened");
      }
    }
  }

  @Test
  void aClosedReaderIsForgotten() throws Exception {
    PolicySnapshot snapshot = policy(tmp, "p", List.of(rule("r", "channel", "c1")), List.of());
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 1L << 30);
    try (ContentIndex index = index(tmp, 4)) {
      index.commit();
      try (FSDirectory dir = FSDirectory.open(index.directory())) {
        DirectoryReader reader = DirectoryReader.open(dir);
        assertThat(cache.visibleReader(reader, snapshot, "KZ", JUNE).numDocs()).isEqualTo(16 - 4);
        cache.visibleReader(reader, snapshot, "RU", JUNE);
        assertThat(cache.lastResolutionCount()).isEqualTo(2);
        reader.close();
        assertThat(cache.lastResolutionCount()).isZero();
        assertThat(cache.stats().entries()).as("per-rule sets stay; they are keyed on segment cores").isPositive();
      }
    }
  }

  @Test
  void aRememberedResolutionDoesNotKeepItsSnapshotAlive() throws Exception {
    LastResolutions last = new LastResolutions();
    IndexReader.CacheKey one, other;
    try (ContentIndex index = index(tmp, 1)) {
      try (ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
        one = lease.searcher().getIndexReader().getReaderCacheHelper().getKey();
      }
      index.add(Post.of("more", "c0", "more"));
      try (ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
        other = lease.searcher().getIndexReader().getReaderCacheHelper().getKey();
      }
    }
    WeakReference<PolicySnapshot> gone = rememberAndDrop(last, one, other);
    for (int i = 0; i < 50 && gone.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(gone.get()).as("only the memo saw the snapshot").isNull();
    assertThat(last.size()).isOne();
  }

  private WeakReference<PolicySnapshot> rememberAndDrop(LastResolutions last, IndexReader.CacheKey reader,
      IndexReader.CacheKey other) throws Exception {
    PolicySnapshot snapshot = policy(tmp, "p", List.of(rule("r", "channel", "c1")), List.of());
    FilterContext ctx = new FilterContext(snapshot, "KZ", JUNE, CompiledPolicy.of(snapshot),
        FilterContext.RuleSets.UNCACHED, false);
    ReaderExclusions none = new ReaderExclusions(java.util.Map.of(), java.util.Map.of(), "digest", "KZ");
    last.remember("KZ", new LastResolutions.Resolution(ctx, new ExclusionCache.ContextKey("digest", "KZ", ""), none),
        reader, () -> true);
    assertThat(last.get("KZ", snapshot, reader, AUGUST).exclusions()).isSameAs(none);
    assertThat(last.get("KZ", snapshot, other, AUGUST)).isNull();
    return new WeakReference<>(snapshot);
  }
}
