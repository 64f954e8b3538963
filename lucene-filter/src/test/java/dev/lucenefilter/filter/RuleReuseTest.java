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

/** Per-rule sets are keyed on each rule's content: an edit that moves every rule in its file rebuilds only what changed. */
class RuleReuseTest {
  static final Instant NOW = ExclusionCacheTest.NOW;
  @TempDir Path tmp;

  @Test
  void insertingARuleAtTheTopOfA1kRuleFileRebuildsOnlyThatRule() throws Exception {
    List<String> rules = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rules.add(i % 10 != 0 ? ExclusionCacheTest.rule("ch-" + i, "channel", "c" + i) : ExclusionCacheTest.rule("ph-" + i, "phrase", "w" + i + " common"));
    }
    PolicySnapshot before = ExclusionCacheTest.policy(tmp, "before", rules, List.of());
    List<String> edited = new ArrayList<>(rules);
    edited.add(0, ExclusionCacheTest.rule("new-rule", "phrase", "w7 common text"));
    PolicySnapshot after = ExclusionCacheTest.policy(tmp, "after", edited, List.of());
    try (ContentIndex index = ExclusionCacheTest.index(tmp, 20); ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
      DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
      int segments = reader.leaves().size();
      assertThat(segments).isGreaterThan(1);
      ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 64L << 20);
      cache.warm(reader, before, List.of("KZ"), NOW);
      ExclusionCache.Stats first = cache.stats();
      assertThat(first.ruleMisses()).isEqualTo(1000L * segments);
      assertThat(first.ruleHits()).isZero();

      cache.warm(reader, after, List.of("KZ"), NOW);
      ExclusionCache.Stats second = cache.stats();
      // Every rule below the insertion moved one rule down its file: each is still a hit; only the new rule is built.
      assertThat(second.ruleMisses() - first.ruleMisses()).isEqualTo(segments);
      assertThat(second.ruleHits() - first.ruleHits()).isEqualTo(1000L * segments);
      int kz = new IndexSearcher(cache.visibleReader(reader, after, "KZ", NOW)).count(new org.apache.lucene.search.MatchAllDocsQuery());
      // 18 channels hidden by id (with their posts); the posts of c0 and c10 by phrase: their channel records remain.
      assertThat(kz).isEqualTo(2);
    }
  }

}
