package dev.lucenefilter.search;

import dev.lucenefilter.corpus.CorpusGenerator;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.UnfilteredReads;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Not a test: a side-by-side timing of relevance queries through the KZ reader view with Lucene's statistics
 * (which count hidden documents) and with {@link VisibleStatsSearcher} (visible documents only). Run:
 * {@code java -cp lucene-filter/target/classes:lucene-filter-cli/target/classes:lucene-filter-cli/target/test-classes:$(cat lucene-filter-cli/cp.txt)
 * dev.lucenefilter.search.VisibleStatsTiming [posts]} from the repository root (blocklists/ is the policy).
 */
final class VisibleStatsTiming {
  public static void main(String[] args) throws Exception {
    int posts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path tmp = Files.createTempDirectory("stats-timing");
    CorpusGenerator.of(posts, Math.max(10, posts / 100), 7).generate(tmp.resolve("corpus"));
    PolicySnapshot policy = PolicyLoader.load(Path.of("blocklists"));
    try (ContentIndex index = ContentIndex.open(tmp.resolve("ix"))) {
      index.index(tmp.resolve("corpus/posts.jsonl"), tmp.resolve("corpus/channels.jsonl"), BulkOptions.defaults());
      PolicyVisibility pv = new PolicyVisibility(() -> policy, new ExclusionCache(), Clock.systemUTC());
      try (ContentIndex.SearcherLease lease = UnfilteredReads.acquire(index)) {
        DirectoryReader raw = (DirectoryReader) lease.searcher().getIndexReader();
        IndexReader view = pv.view(raw, "KZ");
        List<Query> queries = queries(raw);
        System.out.printf("%d posts, %d segments, %d visible of %d documents for KZ%n", posts,
            raw.leaves().size(), view.numDocs(), raw.numDocs());
        long cold = System.nanoTime();
        new VisibleStatsSearcher(view, VisibleStatsSearcher.leavesOf(view)).collectionStatistics(FilterFields.TEXT);
        System.out.printf("collection statistics of %s over visible documents (once per reader view): %.1f ms%n",
            FilterFields.TEXT, (System.nanoTime() - cold) / 1e6);
        for (int round = 0; round < 3; round++) {
          long lucene = time(new IndexSearcher(view), queries);
          long visible = time(new VisibleStatsSearcher(view, VisibleStatsSearcher.leavesOf(view)), queries);
          System.out.printf("round %d: Lucene statistics %.1f µs/query, visible statistics %.1f µs/query%n", round,
              lucene / 1e3 / (queries.size() * 50.0), visible / 1e3 / (queries.size() * 50.0));
        }
      }
    }
  }

  /** Single words across the frequency range: the 1st, 10th, 100th and 1000th most frequent, and pairs. */
  private static List<Query> queries(IndexReader reader) throws Exception {
    List<Object[]> terms = new ArrayList<>();
    java.util.Map<BytesRef, Integer> df = new java.util.HashMap<>();
    for (LeafReaderContext c : reader.leaves()) {
      TermsEnum te = c.reader().terms(FilterFields.TEXT).iterator();
      for (BytesRef t = te.next(); t != null; t = te.next()) df.merge(BytesRef.deepCopyOf(t), te.docFreq(), Integer::sum);
    }
    df.forEach((t, n) -> terms.add(new Object[] {t, n}));
    terms.sort((a, b) -> Integer.compare((Integer) b[1], (Integer) a[1]));
    List<Query> out = new ArrayList<>();
    for (int rank : new int[] {0, 9, 99, 999}) {
      if (rank < terms.size()) out.add(new TermQuery(new Term(FilterFields.TEXT, (BytesRef) terms.get(rank)[0])));
    }
    int singles = out.size();
    for (int i = 0; i + 1 < singles; i++) {
      out.add(new org.apache.lucene.search.BooleanQuery.Builder()
          .add(out.get(i), org.apache.lucene.search.BooleanClause.Occur.MUST)
          .add(out.get(i + 1), org.apache.lucene.search.BooleanClause.Occur.MUST).build());
    }
    return out;
  }

  private static long time(IndexSearcher s, List<Query> queries) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) for (Query q : queries) s.search(q, 20);
    return System.nanoTime() - start;
  }
}
