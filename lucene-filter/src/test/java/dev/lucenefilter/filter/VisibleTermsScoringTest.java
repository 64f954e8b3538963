package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;

/**
 * A plain {@link IndexSearcher} over leaves whose terms come from {@link VisibleStatistics#terms} scores every hit
 * exactly as over an index that holds only the visible documents (BM25 reads docFreq, totalTermFreq, docCount and
 * sumTotalTermFreq), so a score never depends on a hidden record. This is how the OpenSearch plugin's reader
 * wrapper keeps hidden records out of scores and explanations, where the library's own searches use {@code
 * VisibleStatsSearcher}.
 */
class VisibleTermsScoringTest {
  private static final String[] WORDS = {"casino", "bonus", "news", "weather", "spins", "free", "city", "sport"};

  static Document doc(String id, String text) {
    Document d = new Document();
    d.add(new StringField("id", id, Field.Store.YES));
    d.add(new TextField("text", text, Field.Store.NO));
    return d;
  }

  /** Leaves as a jurisdiction sees them: hidden documents deleted, and (when {@code visibleStats}) their statistics gone. */
  static DirectoryReader view(DirectoryReader full, Map<Integer, FixedBitSet> hiddenBySegment,
      boolean visibleStats) throws IOException {
    List<LeafReader> views = new ArrayList<>();
    for (int ord = 0; ord < full.leaves().size(); ord++) {
      views.add(VisibleLeafReader.hiding(full.leaves().get(ord).reader(), hiddenBySegment.get(ord).clone()));
    }
    return new FilterDirectoryReader(full, new FilterDirectoryReader.SubReaderWrapper() {
      private int ord;

      @Override
      public LeafReader wrap(LeafReader reader) {
        LeafReader hiding = views.get(ord++);
        if (!visibleStats) return hiding;
        return new FilterLeafReader(hiding) {
          @Override
          public Terms terms(String field) throws IOException {
            Terms t = super.terms(field);
            return t == null ? null : VisibleStatistics.terms(t, field, () -> in, () -> views);
          }

          @Override
          public CacheHelper getCoreCacheHelper() { return in.getCoreCacheHelper(); }

          @Override
          public CacheHelper getReaderCacheHelper() { return null; }
        };
      }
    }) {
      @Override
      protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) { throw new UnsupportedOperationException(); }

      @Override
      public CacheHelper getReaderCacheHelper() { return null; }
    };
  }

  /** Score of every hit of {@code q} (top 1,000), by stored id. */
  static Map<String, Float> scores(IndexSearcher s, Query q) throws IOException {
    Map<String, Float> out = new TreeMap<>();
    for (ScoreDoc sd : s.search(q, 1_000).scoreDocs) out.put(s.storedFields().document(sd.doc).get("id"), sd.score);
    return out;
  }

  @Test
  void scoresEqualThoseOfAnIndexHoldingOnlyTheVisibleDocuments() throws IOException {
    Random r = new Random(11);
    ByteBuffersDirectory fullDir = new ByteBuffersDirectory();
    ByteBuffersDirectory visibleDir = new ByteBuffersDirectory();
    List<List<Boolean>> hiddenPerSegment = new ArrayList<>();
    IndexWriterConfig fullConfig = new IndexWriterConfig(new StandardAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
    try (IndexWriter full = new IndexWriter(fullDir, fullConfig);
        IndexWriter visible = new IndexWriter(visibleDir, new IndexWriterConfig(new StandardAnalyzer()))) {
      int id = 0;
      for (int segment = 0; segment < 4; segment++) {
        List<Boolean> hidden = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
          StringBuilder text = new StringBuilder();
          for (int w = 0; w < 3 + r.nextInt(12); w++) text.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
          boolean hide = r.nextInt(4) == 0;
          // A word only hidden records hold, and in segment 2 none at all: its visible docFreq is zero there.
          if (hide && segment != 2 && r.nextBoolean()) text.append("contraband ");
          // A word one visible record holds in segment 0 and one hidden record in segment 1.
          if (i == 0 && segment < 2) {
            text.append("rare ");
            hide = segment == 1;
          }
          Document d = doc("d" + id++, text.toString());
          full.addDocument(d);
          if (!hide) visible.addDocument(d);
          hidden.add(hide);
        }
        full.commit(); // one segment each
        hiddenPerSegment.add(hidden);
      }
    }
    try (DirectoryReader full = DirectoryReader.open(fullDir); DirectoryReader visibleOnly = DirectoryReader.open(visibleDir)) {
      assertThat(full.leaves()).hasSize(4);
      Map<Integer, FixedBitSet> hidden = new TreeMap<>();
      for (int s = 0; s < 4; s++) {
        FixedBitSet bits = new FixedBitSet(150);
        for (int d = 0; d < 150; d++) if (hiddenPerSegment.get(s).get(d)) bits.set(d);
        hidden.put(s, bits);
      }
      IndexSearcher expected = new IndexSearcher(visibleOnly);
      IndexSearcher withVisibleStats = new IndexSearcher(view(full, hidden, true));
      IndexSearcher withSegmentStats = new IndexSearcher(view(full, hidden, false));
      List<Query> queries = List.of(
          new TermQuery(new Term("text", "casino")),
          new TermQuery(new Term("text", "contraband")),
          new PhraseQuery("text", "free", "spins"),
          new BooleanQuery.Builder()
              .add(new TermQuery(new Term("text", "news")), BooleanClause.Occur.SHOULD)
              .add(new TermQuery(new Term("text", "bonus")), BooleanClause.Occur.SHOULD)
              .add(new TermQuery(new Term("text", "contraband")), BooleanClause.Occur.SHOULD).build(),
          new PrefixQuery(new Term("text", "sp")));
      int differing = 0;
      for (Query q : queries) {
        Map<String, Float> want = scores(expected, q);
        assertThat(scores(withVisibleStats, q)).as("scores of %s", q).isEqualTo(want);
        if (!scores(withSegmentStats, q).equals(want)) differing++;
      }
      // Without visible statistics the hidden records move the scores: what the wrapper is for.
      assertThat(differing).isGreaterThanOrEqualTo(3);
      assertThat(withVisibleStats.collectionStatistics("text")).usingRecursiveComparison()
          .ignoringFields("maxDoc").isEqualTo(expected.collectionStatistics("text"));
      // Nothing visible holds the hidden word: it is scored for no one and explains nothing.
      assertThat(withVisibleStats.count(new TermQuery(new Term("text", "contraband")))).isZero();
      // Segment 1 holds 'rare' in a hidden record only: it counts zero there, as the visible record of segment 0
      // keeps the sum positive.
      assertThat(TermStates.build(expected, new Term("text", "rare"), true).docFreq()).isEqualTo(1);
      assertThat(TermStates.build(withVisibleStats, new Term("text", "rare"), true).docFreq()).isEqualTo(1);
      assertThat(scores(withVisibleStats, new TermQuery(new Term("text", "rare"))))
          .isEqualTo(scores(expected, new TermQuery(new Term("text", "rare"))));
    }
  }
}
