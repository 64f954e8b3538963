package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;

/**
 * Multi-term queries over leaves whose terms come from {@link VisibleStatistics#terms} match exactly the visible
 * documents an index holding only those documents matches. Lucene's constant-score rewrites keep a single term when
 * its docFreq equals the field's docCount in a segment ("it holds every document with the field"), so the statistics
 * a term only hidden records hold is given (Lucene needs a positive sum) must never equal a segment's count of
 * visible documents with the field: with a floor of one per segment, a prefix query lost the one visible document
 * of a segment whenever a word only hidden records held shared the prefix. Differential, over random small worlds:
 * segments of one to four documents, so that segments with exactly one visible document are frequent, and words that
 * share their first letters. Expansions capped at a number of terms (a fuzzy query's top terms, OpenSearch's
 * phrase-prefix expansion) pick the same words as over that index: a word only hidden records hold takes no slot.
 */
class VisibleTermsMultiTermTest {
  /** Words sharing prefixes; more than 16 start with "s", so both halves of Lucene's rewrite are exercised. */
  private static final String[] WORDS = words();

  private static String[] words() {
    List<String> w = new ArrayList<>(List.of("spice", "spam", "spin", "sport", "salt", "news", "nest", "net"));
    for (int i = 0; i < 18; i++) w.add("s" + (char) ('a' + i) + "x");
    return w.toArray(String[]::new);
  }

  /** One random world: documents in segments, each hidden or not, the full index and the visible-only one. */
  private record World(DirectoryReader full, DirectoryReader visibleOnly, Map<Integer, FixedBitSet> hidden) {}

  private static World world(Random r, boolean manyWords) throws IOException {
    ByteBuffersDirectory fullDir = new ByteBuffersDirectory();
    ByteBuffersDirectory visibleDir = new ByteBuffersDirectory();
    Map<Integer, FixedBitSet> hidden = new TreeMap<>();
    int vocabulary = manyWords ? WORDS.length : 8;
    try (IndexWriter full = new IndexWriter(fullDir, config()); IndexWriter visible = new IndexWriter(visibleDir, config())) {
      int segments = 1 + r.nextInt(4);
      int id = 0;
      for (int s = 0; s < segments; s++) {
        int docs = 1 + r.nextInt(4);
        FixedBitSet bits = new FixedBitSet(docs);
        for (int d = 0; d < docs; d++) {
          StringBuilder text = new StringBuilder();
          for (int w = 0, n = 1 + r.nextInt(3); w < n; w++) text.append(WORDS[r.nextInt(vocabulary)]).append(' ');
          Document doc = VisibleTermsScoringTest.doc("d" + id++, text.toString());
          full.addDocument(doc);
          if (r.nextInt(3) == 0) bits.set(d);
          else visible.addDocument(doc);
        }
        full.commit();
        visible.commit();
        hidden.put(s, bits);
      }
    }
    return new World(DirectoryReader.open(fullDir), DirectoryReader.open(visibleDir), hidden);
  }

  private static IndexWriterConfig config() {
    return new IndexWriterConfig(new WhitespaceAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
  }

  /** The ids of every match. */
  private static TreeSet<String> ids(IndexSearcher s, Query q) throws IOException {
    TreeSet<String> out = new TreeSet<>();
    for (ScoreDoc sd : s.search(q, 1_000).scoreDocs) out.add(s.storedFields().document(sd.doc).get("id"));
    return out;
  }

  /** Score of every match, by id, collected with pruning on from the first hit (total hits threshold 0). */
  private static Map<String, Float> prunedTopScores(IndexSearcher s, Query q, int k) throws IOException {
    Map<String, Float> out = new TreeMap<>();
    for (ScoreDoc sd : s.search(q, new TopScoreDocCollectorManager(k, 0)).scoreDocs) {
      out.put(s.storedFields().document(sd.doc).get("id"), sd.score);
    }
    return out;
  }

  private static List<Query> multiTermQueries() {
    List<Query> queries = new ArrayList<>();
    for (MultiTermQuery.RewriteMethod rewrite : List.of(MultiTermQuery.CONSTANT_SCORE_REWRITE,
        MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE)) {
      queries.add(new PrefixQuery(new Term("text", "s"), rewrite));
      queries.add(new PrefixQuery(new Term("text", "sp"), rewrite));
      queries.add(new PrefixQuery(new Term("text", "ne"), rewrite));
      queries.add(new WildcardQuery(new Term("text", "s*"), Integer.MAX_VALUE, rewrite));
      queries.add(new RegexpQuery(new Term("text", "s.*"), 0, 0, RegexpQuery.DEFAULT_PROVIDER, Integer.MAX_VALUE, rewrite));
      queries.add(new TermRangeQuery("text", new BytesRef("n"), new BytesRef("t"), true, true, rewrite));
      queries.add(new TermInSetQuery(rewrite, "text", List.of(new BytesRef("spice"), new BytesRef("spam"),
          new BytesRef("net"), new BytesRef("salt"))));
      queries.add(new FuzzyQuery(new Term("text", "spim"), 1, 0, 50, true, rewrite));
    }
    return queries;
  }

  /** What a check sees of one world: its number, the full index, the visible-only searcher and the view's. */
  private record Searchers(int world, World w, DirectoryReader full, IndexSearcher expected, IndexSearcher actual) {}

  private interface WorldCheck {
    void check(Searchers s) throws IOException;
  }

  /** Runs {@code check} over 400 random worlds from {@code seed}; every other one has more than 16 "s" words. */
  private static void eachWorld(long seed, boolean manyWords, WorldCheck check) throws IOException {
    Random r = new Random(seed);
    for (int i = 0; i < 400; i++) {
      World w = world(r, manyWords && i % 2 == 1);
      try (DirectoryReader full = w.full(); DirectoryReader visibleOnly = w.visibleOnly()) {
        check.check(new Searchers(i, w, full, new IndexSearcher(visibleOnly),
            new IndexSearcher(VisibleTermsScoringTest.view(full, w.hidden(), true))));
      }
    }
  }

  @Test
  void multiTermQueriesMatchExactlyTheVisibleDocuments() throws IOException {
    int[] worlds = {0};
    int[] oneVisibleSegments = {0};
    eachWorld(42, true, s -> {
      for (Query q : multiTermQueries()) {
        assertThat(ids(s.actual(), q)).as("world %d: %s", s.world(), q).isEqualTo(ids(s.expected(), q));
      }
      for (int seg = 0; seg < s.full().leaves().size(); seg++) {
        if (s.full().leaves().get(seg).reader().maxDoc() - s.w().hidden().get(seg).cardinality() == 1) oneVisibleSegments[0]++;
      }
      worlds[0]++;
    });
    assertThat(worlds[0]).isEqualTo(400);
    // The case the rewrite's shortcut trips on must be common, or the test proves nothing.
    assertThat(oneVisibleSegments[0]).isGreaterThan(100);
  }

  @Test
  void scoredDisjunctionsWithWordsOnlyHiddenRecordsHoldKeepEveryVisibleHit() throws IOException {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (int t = 0; t < 8; t++) b.add(new TermQuery(new Term("text", WORDS[t])), BooleanClause.Occur.SHOULD);
    Query q = b.build();
    eachWorld(7, false, s -> {
      for (int k = 1; k <= 3; k++) {
        assertThat(prunedTopScores(s.actual(), q, k).values()).as("world %d, top %d", s.world(), k)
            .containsExactlyInAnyOrderElementsOf(prunedTopScores(s.expected(), q, k).values());
      }
    });
  }

  /**
   * The words a capped prefix expansion picks, as OpenSearch's {@code match_phrase_prefix} does: segment by segment,
   * seek to the prefix and walk on while words start with it, until {@code max} words.
   */
  private static List<String> prefixExpansion(IndexSearcher s, String prefix, int max) throws IOException {
    List<String> out = new ArrayList<>();
    BytesRef p = new BytesRef(prefix);
    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
      Terms terms = leaf.reader().terms("text");
      if (terms == null) continue;
      TermsEnum te = terms.iterator();
      if (te.seekCeil(p) == TermsEnum.SeekStatus.END) continue;
      for (BytesRef t = te.term(); t != null && StringHelper.startsWith(t, p); t = te.next()) {
        if (!out.contains(t.utf8ToString())) out.add(t.utf8ToString());
        if (out.size() >= max) return out;
      }
    }
    return out;
  }

  @Test
  void cappedExpansionsPickTheWordsOfTheVisibleDocumentsOnly() throws IOException {
    int[] differentWithoutTheWalk = {0};
    eachWorld(3, true, s -> {
      for (int max = 1; max <= 3; max++) {
        // Lucene's default for a fuzzy query: the top terms by edit distance, then by term order.
        Query fuzzy = new FuzzyQuery(new Term("text", "spim"), 2, 0, max, true);
        assertThat(VisibleTermsScoringTest.scores(s.actual(), fuzzy)).as("world %d: %s, %d terms", s.world(), fuzzy, max)
            .isEqualTo(VisibleTermsScoringTest.scores(s.expected(), fuzzy));
        for (String prefix : List.of("s", "sp", "n")) {
          List<String> want = prefixExpansion(s.expected(), prefix, max);
          assertThat(prefixExpansion(s.actual(), prefix, max)).as("world %d: %s*, %d terms", s.world(), prefix, max)
              .isEqualTo(want);
          if (!prefixExpansion(new IndexSearcher(s.full()), prefix, max).equals(want)) differentWithoutTheWalk[0]++;
        }
      }
    });
    // Over the segments' own dictionaries, words only hidden records hold take slots: what the walk is for.
    assertThat(differentWithoutTheWalk[0]).isGreaterThan(100);
  }
}
