package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;

/**
 * Hidden documents dropped at collection give, with Lucene's top-k pruning on, exactly the page and the count of an
 * exhaustive search that keeps every visible match (the reference: no pruning, filter afterwards), for term,
 * disjunction and phrase queries, segments with deletions, and hidden sets from none to almost all; and no way of
 * handing documents to a leaf collector lets a hidden one through.
 */
class VisibleHitsTest {
  private static final String[] WORDS = {"casino", "bonus", "news", "weather", "spins", "free", "city", "sport",
      "almaty", "astana"};

  private static DirectoryReader view(DirectoryReader raw, List<FixedBitSet> hidden) throws IOException {
    return new FilterDirectoryReader(raw, new FilterDirectoryReader.SubReaderWrapper() {
      private int ord;

      @Override
      public LeafReader wrap(LeafReader reader) {
        try {
          return VisibleLeafReader.hiding(reader, hidden.get(ord++));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }) {
      @Override
      protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) { throw new UnsupportedOperationException(); }

      @Override
      public CacheHelper getReaderCacheHelper() { return null; }
    };
  }

  /** Every visible match, best first (score, then document), and how many there are: no pruning at all. */
  private static ScoreDoc[] reference(IndexSearcher raw, DirectoryReader view, Query q, int[] count) throws IOException {
    TopDocs all = raw.search(q, new TopScoreDocCollectorManager(Math.max(1, raw.getIndexReader().maxDoc()), null,
        Integer.MAX_VALUE));
    List<ScoreDoc> kept = new ArrayList<>();
    for (ScoreDoc sd : all.scoreDocs) {
      List<LeafReaderContext> leaves = view.leaves();
      LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(sd.doc, leaves));
      Bits live = leaf.reader().getLiveDocs();
      if (live == null || live.get(sd.doc - leaf.docBase)) kept.add(sd);
    }
    kept.sort(Comparator.comparingDouble((ScoreDoc sd) -> -sd.score).thenComparingInt(sd -> sd.doc));
    count[0] = kept.size();
    return kept.toArray(ScoreDoc[]::new);
  }

  @Test
  void aPrunedSearchKeepsExactlyTheVisibleTopHitsAndCount() throws IOException {
    Random random = new Random(7);
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer())
            .setMergePolicy(NoMergePolicy.INSTANCE).setMaxBufferedDocs(1_500))) {
      for (int i = 0; i < 4_000; i++) {
        Document d = new Document();
        d.add(new StringField("id", "d" + i, Field.Store.NO));
        StringBuilder text = new StringBuilder();
        for (int k = 1 + random.nextInt(15); k > 0; k--) text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        d.add(new TextField("text", text.toString(), Field.Store.NO));
        w.addDocument(d);
      }
      for (int i = 0; i < 4_000; i += 11) w.deleteDocuments(new Term("id", "d" + i));
      w.commit();
      List<Query> queries = List.of(new TermQuery(new Term("text", "casino")),
          new BooleanQuery.Builder().add(new TermQuery(new Term("text", "bonus")), BooleanClause.Occur.SHOULD)
              .add(new TermQuery(new Term("text", "almaty")), BooleanClause.Occur.SHOULD)
              .add(new TermQuery(new Term("text", "news")), BooleanClause.Occur.SHOULD).build(),
          new BooleanQuery.Builder().add(new TermQuery(new Term("text", "free")), BooleanClause.Occur.MUST)
              .add(new TermQuery(new Term("text", "spins")), BooleanClause.Occur.MUST).build(),
          new PhraseQuery("text", "free", "spins"));
      try (DirectoryReader raw = DirectoryReader.open(w)) {
        assertThat(raw.leaves().size()).as("several segments").isGreaterThan(1);
        IndexSearcher searcher = new IndexSearcher(raw);
        for (int share : new int[] {0, 1, 5, 9}) {
          List<FixedBitSet> hidden = new ArrayList<>();
          for (LeafReaderContext leaf : raw.leaves()) {
            FixedBitSet h = new FixedBitSet(leaf.reader().maxDoc());
            for (int d = 0; d < h.length(); d++) if (random.nextInt(10) < share) h.set(d);
            hidden.add(h);
          }
          DirectoryReader view = view(raw, hidden);
          for (Query q : queries) {
            for (int threshold : new int[] {1, 10, 1000}) {
              int[] count = new int[1];
              ScoreDoc[] expected = reference(searcher, view, q, count);
              TopDocs got = searcher.search(q, VisibleHits.of(raw, view, new TopScoreDocCollectorManager(10, null,
                  threshold)));
              String what = q + " with " + share + "0% hidden, threshold " + threshold;
              assertThat(Arrays.stream(got.scoreDocs).mapToInt(sd -> sd.doc).toArray()).as(what)
                  .containsExactly(Arrays.stream(expected).limit(10).mapToInt(sd -> sd.doc).toArray());
              if (got.totalHits.relation() == TotalHits.Relation.EQUAL_TO) {
                assertThat(got.totalHits.value()).as(what).isEqualTo(count[0]);
              } else {
                assertThat(got.totalHits.value()).as(what).isBetween((long) Math.min(threshold, count[0]), (long) count[0]);
              }
            }
          }
        }
      }
    }
  }

  /** {@code n} documents {@code d0, d1, ...} whose text is "casino", committed as one segment. */
  private static void addCasinoDocuments(IndexWriter w, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      Document d = new Document();
      d.add(new StringField("id", "d" + i, Field.Store.NO));
      d.add(new TextField("text", "casino", Field.Store.NO));
      w.addDocument(d);
    }
    w.commit();
  }

  /** A collector that records what reaches it. */
  private static final class Recording implements Collector {
    final List<Integer> docs = new ArrayList<>();

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) {
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) { docs.add(context.docBase + doc); }
      };
    }

    @Override
    public ScoreMode scoreMode() { return ScoreMode.COMPLETE_NO_SCORES; }
  }

  @Test
  void rangesAndSingleDocumentsAreCheckedOneByOne() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
      addCasinoDocuments(w, 10);
      try (DirectoryReader raw = DirectoryReader.open(w)) {
        FixedBitSet hidden = new FixedBitSet(10);
        hidden.set(2);
        hidden.set(5);
        hidden.set(6);
        DirectoryReader view = view(raw, List.of(hidden));
        CollectorManager<Recording, List<Integer>> recording = new CollectorManager<>() {
          @Override
          public Recording newCollector() { return new Recording(); }

          @Override
          public List<Integer> reduce(java.util.Collection<Recording> collectors) {
            return collectors.stream().flatMap(c -> c.docs.stream()).toList();
          }
        };
        VisibleHits<Recording, List<Integer>> hits = VisibleHits.of(raw, view, recording);
        VisibleHits.VisibleCollector<Recording> c = hits.newCollector();
        LeafCollector leaf = c.getLeafCollector(raw.leaves().get(0));
        leaf.collectRange(0, 5);
        leaf.collect(5);
        leaf.collect(9);
        assertThat(hits.reduce(List.of(c))).containsExactly(0, 1, 3, 4, 9);
      }
    }
  }

  @Test
  void aCountingCollectorCountsOnlyVisibleDocuments() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
      addCasinoDocuments(w, 10);
      try (DirectoryReader raw = DirectoryReader.open(w)) {
        FixedBitSet hidden = new FixedBitSet(10);
        hidden.set(0, 4);
        DirectoryReader view = view(raw, List.of(hidden));
        // Given the weight, TotalHitCountCollector would take the term's document frequency (10) from the index.
        IndexSearcher searcher = new IndexSearcher(raw);
        int count = searcher.search(new TermQuery(new Term("text", "casino")),
            VisibleHits.of(raw, view, new org.apache.lucene.search.TotalHitCountCollectorManager(searcher.getSlices())));
        assertThat(count).isEqualTo(6);
      }
    }
  }

  @Test
  void aViewOfOtherSegmentsIsRefused() throws IOException {
    try (ByteBuffersDirectory a = new ByteBuffersDirectory(); ByteBuffersDirectory b = new ByteBuffersDirectory();
        IndexWriter wa = new IndexWriter(a, new IndexWriterConfig(new StandardAnalyzer()));
        IndexWriter wb = new IndexWriter(b, new IndexWriterConfig(new StandardAnalyzer()))) {
      addCasinoDocuments(wa, 1);
      addCasinoDocuments(wb, 1);
      try (DirectoryReader ra = DirectoryReader.open(wa); DirectoryReader rb = DirectoryReader.open(wb)) {
        DirectoryReader viewOfB = view(rb, List.of(new FixedBitSet(1)));
        assertThatThrownBy(() -> VisibleHits.of(ra, viewOfB, new TopScoreDocCollectorManager(1, null, 1)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("segment 0 of the view is not the searched reader's");
      }
    }
  }
}
