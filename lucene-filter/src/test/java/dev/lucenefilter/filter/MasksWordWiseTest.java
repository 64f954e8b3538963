package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import java.util.Map;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;

/** Which views SearchService may search a sorted listing through: those whose live docs Lucene masks word-wise. */
class MasksWordWiseTest {
  @Test
  void denseHiddenSetsWithoutDeletionsQualifySparseOnesAndDeletionsDoNot() throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
        for (int i = 0; i < 1000; i++) {
          Document d = new Document();
          d.add(new StringField("id", "d" + i, Field.Store.NO));
          w.addDocument(d);
        }
      }
      try (DirectoryReader plain = DirectoryReader.open(dir)) {
        LeafReader segment = plain.leaves().get(0).reader();
        assertTrue(VisibleLeafReader.masksWordWise(plain), "nothing deleted, nothing hidden");
        assertTrue(VisibleLeafReader.masksWordWise(view(segment, hidden(1000, 2))), "dense hidden set");
        assertFalse(VisibleLeafReader.masksWordWise(view(segment, hidden(1000, 500))), "sparse hidden set (2 of 1,000)");
        assertFalse(VisibleLeafReader.masksWordWise(new MultiReader(
            new VisibleLeafReader[] {hiding(segment, 2), hiding(segment, 500)}, false)), "one sparse segment of two");
      }
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
        w.deleteDocuments(new Term("id", "d7"));
      }
      try (DirectoryReader deleted = DirectoryReader.open(dir)) {
        LeafReader segment = deleted.leaves().get(0).reader();
        assertFalse(VisibleLeafReader.masksWordWise(view(segment, hidden(1000, 2))), "dense hidden set over deletions");
        // The cache's views combine a dense hidden set with the deletions of the reader they were made for.
        HiddenDocs dense = HiddenDocs.of(hidden(1000, 2));
        Object key = ReaderExclusions.segmentKey(segment);
        ReaderExclusions made = new ReaderExclusions(Map.of(key, dense), Map.of(key, new ReaderExclusions.VisibleAndLive(
            segment.getLiveDocs(), dense.visibleAndLive(segment.getLiveDocs()))), "digest", "KZ");
        DirectoryReader view = made.view(deleted);
        assertTrue(VisibleLeafReader.masksWordWise(view), "dense hidden set and deletions in one bit set");
        Bits live = view.leaves().get(0).reader().getLiveDocs();
        for (int d = 0; d < 1000; d++) assertEquals(d % 2 != 0 && d != 7, live.get(d), "doc " + d);
      }
    }
  }

  private static FixedBitSet hidden(int maxDoc, int every) {
    FixedBitSet bits = new FixedBitSet(maxDoc);
    for (int d = 0; d < maxDoc; d += every) bits.set(d);
    return bits;
  }

  private static VisibleLeafReader hiding(LeafReader segment, int every) throws java.io.IOException {
    return (VisibleLeafReader) VisibleLeafReader.hiding(segment, hidden(segment.maxDoc(), every));
  }

  private static MultiReader view(LeafReader segment, FixedBitSet hidden) throws java.io.IOException {
    return new MultiReader(new LeafReader[] {VisibleLeafReader.hiding(segment, hidden)}, false);
  }
}
