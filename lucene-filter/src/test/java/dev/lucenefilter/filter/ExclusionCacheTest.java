package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.TestLeases;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exclusion store: its byte bound holds over everything that holds a set, rule sets survive edits, one build per key. */
class ExclusionCacheTest {
  // The 1k-rule edit test is in RuleReuseTest (its own class: loading two 1k-rule policies takes a while).
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  @TempDir Path tmp;

  /** {@code n} channels of 3 posts each; channel {@code ci} posts "w{i} common". Several segments. */
  static ContentIndex index(Path tmp, int n) throws IOException {
    ContentIndex index = ContentIndex.open(tmp.resolve("index"));
    for (int i = 0; i < n; i++) {
      index.add(Channel.of("c" + i, "user" + i));
      for (int p = 0; p < 3; p++) index.add(Post.of("p" + i + "-" + p, "c" + i, "w" + i + " common text " + p));
    }
    return index;
  }

  static String rule(String id, String type, String value) {
    return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"values\": [\"" + value
        + "\"], \"category\": \"illegal_gambling\", \"legal_basis\": \"test\"}";
  }

  static PolicySnapshot policy(Path tmp, String name, List<String> kzRules, List<String> ruRules) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    Files.writeString(dir.resolve("KZ.json"), "{\"jurisdiction\": \"KZ\", \"rules\": [\n" + String.join(",\n", kzRules) + "]}");
    Files.writeString(dir.resolve("RU.json"), "{\"jurisdiction\": \"RU\", \"rules\": [\n" + String.join(",\n", ruRules) + "]}");
    return PolicyLoader.load(dir);
  }

  @Test
  void theByteBoundHoldsOverEverySetTheCacheHolds() throws Exception {
    List<String> kz = new ArrayList<>(), ru = new ArrayList<>();
    for (int i = 0; i < 20; i++) (i % 3 == 0 ? ru : kz).add(rule("r" + i, i % 2 == 0 ? "channel" : "phrase", i % 2 == 0 ? "c" + i : "w" + i));
    PolicySnapshot snapshot = policy(tmp, "p", kz, ru);
    long bound = 2 * 1024;
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, bound);
    ExclusionCache unbounded = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 1L << 30);
    try (ContentIndex index = index(tmp, 20)) {
      for (int round = 0; round < 2; round++) {
        index.add(Post.of("extra" + round, "c1", "w1 more"));
        try (ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
          DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
          for (String j : List.of("KZ", "RU", "GLOBAL")) {
            int seen = new IndexSearcher(cache.visibleReader(reader, snapshot, j, NOW)).getIndexReader().numDocs();
            int expected = new IndexSearcher(unbounded.visibleReader(reader, snapshot, j, NOW)).getIndexReader().numDocs();
            assertThat(seen).as("eviction never changes what is visible").isEqualTo(expected);
            ExclusionCache.Stats st = cache.stats();
            assertThat(st.bytes()).as("charged: %s", st).isLessThanOrEqualTo(bound);
            assertThat(cache.heldBytes(true)).as("every set referenced by any entry, counted once")
                .isLessThanOrEqualTo(bound);
          }
        }
      }
      assertThat(cache.stats().evictions()).isPositive();
      assertThat(unbounded.heldBytes(true)).as("the bound was binding").isGreaterThan(bound);
    }
  }

  @Test
  void anEntryAboveTheWholeBoundIsUsedOnceAndNotKept() throws Exception {
    PolicySnapshot snapshot = policy(tmp, "p", List.of(rule("r", "channel", "c1")), List.of());
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 1);
    try (ContentIndex index = index(tmp, 8); ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
      DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
      assertThat(cache.visibleReader(reader, snapshot, "KZ", NOW).numDocs()).isEqualTo(32 - 4);
      assertThat(cache.stats().entries()).isZero();
      assertThat(cache.heldBytes(true)).isZero();
    }
  }

  @Test
  void threadsThatMissAtOnceBuildOnce() throws Exception {
    AtomicInteger builds = new AtomicInteger();
    ContentFilter counting = new ContentFilter() {
      @Override public String name() { return "counting"; }
      @Override public java.util.Set<String> ruleTypes() { return java.util.Set.of("channel"); }

      @Override public void match(FilterContext ctx, RecordView record, MatchSink sink) {}

      @Override public void hidden(FilterContext ctx, LeafReaderContext segment, FixedBitSet out) {
        builds.incrementAndGet();
        try {
          Thread.sleep(20); // widens the window in which the other threads miss
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    PolicySnapshot snapshot = policy(tmp, "p", List.of(rule("r", "channel", "c1")), List.of());
    ExclusionCache cache = new ExclusionCache(ContentFilters.of(List.of(counting)), UnknownJurisdictions.ERROR, 1L << 20);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (ContentIndex index = index(tmp, 8); ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
      DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> {
          start.await();
          return cache.visibleReader(reader, snapshot, "KZ", NOW).numDocs();
        }));
      }
      start.countDown();
      for (Future<Integer> f : results) assertThat(f.get()).isEqualTo(32);
      assertThat(builds.get()).as("one build per segment").isEqualTo(reader.leaves().size());
    } finally {
      pool.shutdownNow();
    }
  }
}
