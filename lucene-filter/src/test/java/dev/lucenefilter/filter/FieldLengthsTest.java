package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;

/**
 * A field's visible statistics come from per-document lengths made once per segment and field, whatever the hidden
 * set: they must equal a count over the postings of the visible live documents, for every hidden set of the same
 * segment (one per jurisdiction), with deletions, and for a field only some documents have.
 */
class FieldLengthsTest {
  private static final String[] WORDS = {"casino", "bonus", "news", "weather", "spins", "free", "city", "sport"};

  /** {docCount, sumTotalTermFreq, sumDocFreq} of {@code field} counted over the postings, the way it was done before. */
  private static long[] reference(LeafReader segment, String field, Bits visible) throws IOException {
    Terms terms = segment.terms(field);
    FixedBitSet withField = new FixedBitSet(segment.maxDoc());
    long sumTotalTermFreq = 0;
    long sumDocFreq = 0;
    TermsEnum te = terms.iterator();
    PostingsEnum pe = null;
    while (te.next() != null) {
      pe = te.postings(pe, PostingsEnum.FREQS);
      for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
        if (!visible.get(d)) continue;
        withField.set(d);
        sumDocFreq++;
        sumTotalTermFreq += pe.freq();
      }
    }
    return new long[] {withField.cardinality(), sumTotalTermFreq, sumDocFreq};
  }

  @Test
  void visibleFieldStatisticsEqualACountOverThePostingsForEveryHiddenSet() throws IOException {
    Random random = new Random(42);
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer())
            .setMergePolicy(NoMergePolicy.INSTANCE))) {
      int docs = 3_000;
      for (int i = 0; i < docs; i++) {
        Document d = new Document();
        d.add(new StringField("id", "d" + i, Field.Store.NO));
        StringBuilder text = new StringBuilder();
        // Repeated words (frequencies above one) and documents without the field at all.
        for (int k = random.nextInt(12); k > 0; k--) text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        if (text.length() > 0) d.add(new TextField("text", text.toString(), Field.Store.NO));
        w.addDocument(d);
      }
      for (int i = 0; i < docs; i += 7) w.deleteDocuments(new Term("id", "d" + i));
      w.commit();
      try (DirectoryReader reader = DirectoryReader.open(w)) {
        assertThat(reader.leaves()).hasSize(1);
        LeafReader segment = reader.leaves().get(0).reader();
        assertThat(segment.getLiveDocs()).as("the segment has deletions").isNotNull();
        VisibleStatistics.FieldLengths first = null;
        for (int jurisdiction = 0; jurisdiction < 4; jurisdiction++) {
          FixedBitSet hidden = new FixedBitSet(segment.maxDoc());
          // From nothing hidden to most documents hidden.
          for (int d = 0; d < segment.maxDoc(); d++) if (random.nextInt(4) < jurisdiction) hidden.set(d);
          LeafReader view = VisibleLeafReader.hiding(segment, hidden);
          long[] expected = reference(segment, "text", view.getLiveDocs());
          assertThat(VisibleStatistics.field(view, "text", view.terms("text")))
              .as("jurisdiction %d", jurisdiction).containsExactly(expected);
          VisibleStatistics.FieldLengths lengths = VisibleStatistics.lengths(view, "text", view.terms("text"));
          if (first == null) first = lengths;
          assertThat(lengths).as("made once per segment and field, shared by every hidden set").isSameAs(first);
        }
      }
    }
  }
}
