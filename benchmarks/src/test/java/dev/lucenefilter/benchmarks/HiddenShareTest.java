package dev.lucenefilter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lucenefilter.filter.VisibleHits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hidden-share views: what they hide, that VisibleHits takes them, and what {@code stepped} counts. */
class HiddenShareTest {
  private static final int DOCS = 5_000;

  private static Directory index() throws Exception {
    Directory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
      for (int i = 0; i < DOCS; i++) {
        Document d = new Document();
        // Every third document holds the word, some twice: scores differ, so a top-k search prunes.
        d.add(new TextField("text", (i % 3 == 0 ? "word " : "") + (i % 7 == 0 ? "word " : "") + "filler " + i,
            Field.Store.NO));
        d.add(new StoredField("n", i));
        w.addDocument(d);
      }
      w.forceMerge(1);
    }
    return dir;
  }

  @Test
  void aViewHidesAboutItsShareAndNothingElseAndIsTheSameEveryTime() throws Exception {
    try (Directory dir = index(); DirectoryReader reader = DirectoryReader.open(dir)) {
      assertEquals(0.0, HiddenShare.hiddenShare(HiddenShare.hiding(reader, 0, 42)));
      assertEquals(1.0, HiddenShare.hiddenShare(HiddenShare.hiding(reader, 1, 42)));
      DirectoryReader tenth = HiddenShare.hiding(reader, 0.10, 42);
      double share = HiddenShare.hiddenShare(tenth);
      assertTrue(share > 0.08 && share < 0.12, "hid " + share);
      Bits a = tenth.leaves().get(0).reader().getLiveDocs();
      Bits b = HiddenShare.hiding(reader, 0.10, 42).leaves().get(0).reader().getLiveDocs();
      for (int d = 0; d < DOCS; d++) assertEquals(a.get(d), b.get(d), "doc " + d);
    }
  }

  @Test
  void searchedThroughVisibleHitsAViewReturnsOnlyItsVisibleDocumentsAndStepsOverMoreMatches() throws Exception {
    try (Directory dir = index(); DirectoryReader reader = DirectoryReader.open(dir)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      TermQuery query = new TermQuery(new Term("text", "word"));
      DirectoryReader fifth = HiddenShare.hiding(reader, 0.20, 7);
      LeafReader leaf = fifth.leaves().get(0).reader();

      TopDocs hits = searcher.search(query, VisibleHits.of(reader, fifth, new TopScoreDocCollectorManager(10, null, 100)));
      assertEquals(10, hits.scoreDocs.length);
      for (ScoreDoc sd : hits.scoreDocs) assertTrue(leaf.getLiveDocs().get(sd.doc), "hidden doc " + sd.doc);
      // The exact top 10 of the view: the same search over the view's own segments.
      TopDocs overView = new IndexSearcher(fifth).search(query, new TopScoreDocCollectorManager(10, null, 100));
      for (int i = 0; i < 10; i++) assertEquals(overView.scoreDocs[i].doc, hits.scoreDocs[i].doc);

      long unfiltered = HiddenShare.stepped(searcher, null, query, 10, 100);
      assertEquals(unfiltered, HiddenShare.stepped(searcher, HiddenShare.hiding(reader, 0, 7), query, 10, 100));
      // At least the threshold's worth of visible matches, so more offers in all once a fifth of them is hidden.
      assertTrue(HiddenShare.stepped(searcher, fifth, query, 10, 100) > unfiltered);
    }
  }

  @Test
  void aPurgedIndexHoldsExactlyTheViewsVisibleDocumentsInTheirOrderInOneSegment(@TempDir Path dir) throws Exception {
    try (Directory source = index(); DirectoryReader reader = DirectoryReader.open(source)) {
      DirectoryReader fifth = HiddenShare.hiding(reader, 0.20, 7);
      Bits visible = fifth.leaves().get(0).reader().getLiveDocs();
      List<Integer> expected = new ArrayList<>();
      for (int d = 0; d < DOCS; d++) if (visible.get(d)) expected.add(d);

      try (DirectoryReader purged = HiddenShare.purged(fifth, dir)) {
        assertEquals(1, purged.leaves().size());
        assertEquals(expected.size(), purged.maxDoc(), "no deleted documents left behind");
        assertEquals(expected.size(), purged.numDocs());
        StoredFields stored = purged.storedFields();
        List<Integer> held = new ArrayList<>();
        for (int d = 0; d < purged.maxDoc(); d++) held.add(stored.document(d).getField("n").numericValue().intValue());
        assertEquals(expected, held);
        // The word's matches are the view's visible ones, and the word's statistics count only those.
        TermQuery query = new TermQuery(new Term("text", "word"));
        int visibleMatches = new IndexSearcher(fifth).count(query);
        assertEquals(visibleMatches, new IndexSearcher(purged).count(query));
        assertEquals(visibleMatches, purged.docFreq(new Term("text", "word")));
        assertTrue(visibleMatches < reader.docFreq(new Term("text", "word")));
      }
    }
  }
}
