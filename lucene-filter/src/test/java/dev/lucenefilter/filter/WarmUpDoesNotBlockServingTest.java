package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.TestLeases;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.Rule;
import dev.lucenefilter.policy.RuleFields;
import dev.lucenefilter.policy.RuleHeader;
import dev.lucenefilter.policy.RuleType;
import dev.lucenefilter.policy.RuleTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the next snapshot's context is being built (the warm-up before a swap), queries of the serving snapshot
 * go on: they used to wait on the contexts' lock for the whole build, the swap-latency benchmark's p99 spike.
 * A test rule type holds the warm-up inside context creation until released.
 */
class WarmUpDoesNotBlockServingTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final CountDownLatch ENTERED = new CountDownLatch(1);
  static final CountDownLatch RELEASE = new CountDownLatch(1);
  static volatile boolean armed;

  @TempDir Path tmp;

  /** Never active; when armed, asking whether it is holds the caller until {@link #RELEASE}. */
  record GateRule(RuleHeader header) implements Rule {
    @Override public String type() { return "gate"; }

    @Override public Map<String, Object> parameters() { return Map.of(); }

    @Override
    public boolean activeAt(Instant t) {
      if (armed) {
        ENTERED.countDown();
        try {
          RELEASE.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return false;
    }
  }

  static final RuleType GATE = new RuleType() {
    @Override public String name() { return "gate"; }

    @Override public Set<String> fields() { return Set.of(); }

    @Override public Rule parse(RuleHeader header, RuleFields fields) { return new GateRule(header); }
  };

  /** Enforces the gate rules (they hide nothing), so the cache accepts a policy that has them. */
  static final ContentFilter GATE_FILTER = new ContentFilter() {
    @Override public String name() { return "gate"; }

    @Override public Set<String> ruleTypes() { return Set.of("gate"); }

    @Override public void match(FilterContext ctx, RecordView record, MatchSink sink) {}

    @Override public void hidden(FilterContext ctx, org.apache.lucene.index.LeafReaderContext segment,
        org.apache.lucene.util.FixedBitSet out) {}
  };

  private PolicySnapshot policy(String name, String extraRule) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    Files.writeString(dir.resolve("KZ.json"), "{\"jurisdiction\": \"KZ\", \"rules\": [{\"id\": \"kz-casino\", "
        + "\"type\": \"phrase\", \"values\": [\"casino\"], \"category\": \"gambling\", \"legal_basis\": \"test\"}"
        + extraRule + "]}");
    return PolicyLoader.load(dir, RuleTypes.standard().with(GATE));
  }

  @Test
  void servingSnapshotQueriesWhileTheNextOneIsWarming() throws Exception {
    PolicySnapshot serving = policy("a", "");
    PolicySnapshot next = policy("b", ", {\"id\": \"kz-gate\", \"type\": \"gate\", \"category\": \"test\", "
        + "\"legal_basis\": \"test\"}");
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      index.add(Post.of("p1", "c1", "online casino bonus"));
      index.add(Post.of("p2", "c1", "weather in Almaty"));
      index.add(Post.of("p3", "c1", "news of the day"));
      try (ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
        DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
        ExclusionCache cache = new ExclusionCache(TestFilters.builtInAnd(GATE_FILTER), UnknownJurisdictions.ERROR,
            ExclusionCache.DEFAULT_MAX_BYTES);
        cache.warm(reader, serving, List.of("KZ"), NOW);
        armed = true;
        Thread warmUp = new Thread(() -> {
          try {
            cache.warm(reader, next, List.of("KZ"), NOW);
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        }, "warm-up");
        warmUp.start();
        try {
          assertThat(ENTERED.await(30, TimeUnit.SECONDS)).as("the warm-up reached context creation").isTrue();
          // The guard only detects a hang: the query finishes at once unless it waits for the warm-up.
          int visible = CompletableFuture.supplyAsync(() -> {
            try {
              return new IndexSearcher(reader).count(cache.visibleQuery(reader, serving, "KZ", NOW));
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          }).get(30, TimeUnit.SECONDS);
          assertThat(visible).isEqualTo(2);
        } finally {
          armed = false;
          RELEASE.countDown();
          warmUp.join();
        }
        assertThat(new IndexSearcher(reader).count(cache.visibleQuery(reader, next, "KZ", NOW))).isEqualTo(2);
      }
    }
  }
}
