package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.TestLeases;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.tests.search.QueryUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link VisibleDocsQuery} is a value that runs on any reader, and passes Lucene's own query checks. */
class VisibleDocsQueryTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  @TempDir Path tmp;

  /** Every target of {@code advance} lands where iterating with {@code nextDoc} would, on every segment. */
  private static void advanceAgreesWithNextDoc(Query q, IndexSearcher searcher) throws java.io.IOException {
    Weight w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      List<Integer> all = new ArrayList<>();
      Scorer s = w.scorer(leaf);
      if (s == null) continue;
      for (int d = s.iterator().nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = s.iterator().nextDoc()) all.add(d);
      for (int target = 0; target <= leaf.reader().maxDoc(); target++) {
        int t = target;
        int expected = all.stream().filter(d -> d >= t).findFirst().orElse(DocIdSetIterator.NO_MORE_DOCS);
        assertThat(w.scorer(leaf).iterator().advance(target)).as("advance(%d)", target).isEqualTo(expected);
      }
    }
  }

  @Test
  void isAReaderIndependentValueThatPassesLuceneQueryChecks() throws Exception {
    Path dir = tmp.resolve("policy");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    Files.writeString(dir.resolve("KZ.json"), """
        {"jurisdiction": "KZ", "rules": [
          {"id": "ch", "type": "channel", "values": ["c1"], "category": "illegal_gambling", "legal_basis": "t"},
          {"id": "ph", "type": "phrase", "values": ["казино"], "category": "illegal_gambling", "legal_basis": "t"}]}""");
    PolicySnapshot snapshot = PolicyLoader.load(dir);
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 1L << 20);
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      for (int c = 0; c < 4; c++) {
        index.add(Channel.of("c" + c, "user" + c));
        for (int p = 0; p < 20; p++) index.add(Post.of("p" + c + "-" + p, "c" + c, p % 5 == 0 ? "онлайн казино" : "погода " + p));
      }
      Query first;
      try (ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
        DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
        first = cache.visibleQuery(reader, snapshot, "KZ", NOW);
        Query same = cache.visibleQuery(reader, snapshot, "KZ", NOW);
        QueryUtils.checkEqual(first, same);
        QueryUtils.checkUnequal(first, cache.visibleQuery(reader, snapshot, "GLOBAL", NOW));
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        // QueryUtils.check(Random, ...) and its skipTo checks need Lucene's randomized runner (JUnit 4); these do
        // not, and advanceAgreesWithNextDoc stands in for the skipTo checks.
        QueryUtils.check(first);
        QueryUtils.checkBulkScorerSkipTo(new Random(42), first, searcher);
        QueryUtils.checkCount(first, searcher);
        QueryUtils.checkExplanations(first, searcher);
        advanceAgreesWithNextDoc(first, searcher);
        // c1: 21 records; the others: 4 phrase posts each.
        assertThat(searcher.count(first)).isEqualTo(84 - 21 - 12);
      }
      index.add(Post.of("late", "c1", "погода"));
      index.add(Post.of("late2", "c2", "погода"));
      try (ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
        IndexSearcher searcher = new IndexSearcher(lease.searcher().getIndexReader());
        // The query built for the old reader resolves the new reader's exclusions (c1's new post is hidden too).
        assertThat(searcher.count(first)).isEqualTo(84 - 21 - 12 + 1);
        assertThat(searcher.count(first)).isEqualTo(new IndexSearcher(
            cache.visibleReader((DirectoryReader) lease.searcher().getIndexReader(), snapshot, "KZ", NOW)).count(new MatchAllDocsQuery()));
      }
    }
  }
}
