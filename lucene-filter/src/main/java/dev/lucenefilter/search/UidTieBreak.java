package dev.lucenefilter.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.FieldComparator;
import org.apache.lucene.search.FieldComparatorSource;
import org.apache.lucene.search.LeafFieldComparator;
import org.apache.lucene.search.Pruning;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

/**
 * Sorts by a {@link SortedDocValues} field's bytes, ascending, documents without a value first: the order, the
 * {@link org.apache.lucene.search.FieldDoc#fields} values ({@link BytesRef}, null when missing) and the
 * search-after semantics of {@code new SortField(field, SortField.Type.STRING)}, meant for a secondary key that
 * only breaks ties, such as {@link dev.lucenefilter.index.Fields#UID}.
 *
 * <p>Why: Lucene's STRING comparator looks up and copies a hit's bytes whenever it takes the hit into the queue.
 * A newest-first listing over posts indexed in date order takes nearly every hit, and those term dictionary
 * lookups were ~16% of a {@link SearchService} request (JFR, 100k posts), although bytes matter only to compare
 * hits of different segments and to report the page's values. This comparator keeps a hit's ord and segment and
 * looks its bytes up only when they are needed: when the search leaves the segment (at most {@code numHits}
 * lookups a segment, for the hits still queued), for {@link FieldComparator#value} and for comparing hits of two
 * segments. It offers no competitive iterator: skipping is the primary sort's business.
 *
 * <p>The comparators are, like Lucene's, for one collector (one thread) each; the source is stateless.
 */
final class UidTieBreak extends FieldComparatorSource {

  @Override
  public FieldComparator<BytesRef> newComparator(String field, int numHits, Pruning pruning, boolean reversed) {
    // Neither pruning nor the direction changes anything without skipping: the collector applies the direction.
    return new LazyOrdComparator(field, numHits);
  }

  // SortField's equality includes its comparator source: two sorts on this source are the same sort.
  @Override
  public boolean equals(Object o) { return o instanceof UidTieBreak; }

  @Override
  public int hashCode() { return UidTieBreak.class.hashCode(); }

  @Override
  public String toString() { return "UidTieBreak"; }

  /**
   * Lucene's {@link org.apache.lucene.search.comparators.TermOrdValComparator} with missing values first, without
   * skipping, with bytes looked up lazily.
   */
  static final class LazyOrdComparator extends FieldComparator<BytesRef> {
    /** The ord of a missing value: below every ord, as STRING_FIRST sorts it. */
    private static final int MISSING_ORD = -1;

    private final String field;
    private final int[] ords;
    private final int[] readerGen;
    /** A slot's bytes, valid unless {@link #pending}; null for a missing value. */
    private final BytesRef[] values;
    private final BytesRefBuilder[] valueBuilders;
    /**
     * Slots whose bytes are not looked up yet. Only slots of the current segment are ever pending: leaving a
     * segment resolves its slots, so {@link #termsIndex} can resolve any pending slot.
     */
    private final boolean[] pending;
    private int currentReaderGen = -1;
    private SortedDocValues termsIndex;
    private int bottomSlot = -1;
    private BytesRef topValue;

    LazyOrdComparator(String field, int numHits) {
      this.field = field;
      ords = new int[numHits];
      readerGen = new int[numHits];
      values = new BytesRef[numHits];
      valueBuilders = new BytesRefBuilder[numHits];
      pending = new boolean[numHits];
    }

    @Override
    public int compare(int slot1, int slot2) {
      if (readerGen[slot1] == readerGen[slot2]) return Integer.compare(ords[slot1], ords[slot2]);
      return compareValues(bytes(slot1), bytes(slot2));
    }

    @Override
    public LeafFieldComparator getLeafComparator(LeafReaderContext context) throws IOException {
      // The segment's ords mean nothing once the next segment's are in use; its doc values can still resolve them.
      if (termsIndex != null) {
        for (int slot = 0; slot < pending.length; slot++) {
          if (pending[slot]) resolve(slot);
        }
      }
      currentReaderGen++;
      termsIndex = DocValues.getSorted(context.reader(), field);
      return new Leaf(termsIndex);
    }

    @Override
    public void setTopValue(BytesRef value) {
      // null is a legal top: the last hit of the prior page had no value.
      topValue = value;
    }

    @Override
    public BytesRef value(int slot) {
      return bytes(slot);
    }

    @Override
    public int compareValues(BytesRef val1, BytesRef val2) {
      if (val1 == null) return val2 == null ? 0 : -1;
      if (val2 == null) return 1;
      return val1.compareTo(val2);
    }

    /** The slot's bytes, looked up now if not yet. */
    private BytesRef bytes(int slot) {
      if (pending[slot]) {
        try {
          resolve(slot);
        } catch (IOException e) {
          // compare and value cannot throw IOException; doc values of an open reader should not fail here.
          throw new UncheckedIOException(e);
        }
      }
      return values[slot];
    }

    private void resolve(int slot) throws IOException {
      BytesRefBuilder b = valueBuilders[slot];
      if (b == null) valueBuilders[slot] = b = new BytesRefBuilder();
      // lookupOrd returns a BytesRef the doc values reuse: keep a copy.
      b.copyBytes(termsIndex.lookupOrd(ords[slot]));
      values[slot] = b.get();
      pending[slot] = false;
    }

    private final class Leaf implements LeafFieldComparator {
      private final SortedDocValues termsIndex;
      /** Whether bottomOrd is the bottom's ord in this segment; else the greatest ord below the bottom's bytes. */
      private boolean bottomSameReader;
      private int bottomOrd;
      /** Whether topOrd is the top's ord in this segment; else the greatest ord below the top's bytes. */
      private final boolean topSameReader;
      private final int topOrd;

      Leaf(SortedDocValues termsIndex) throws IOException {
        this.termsIndex = termsIndex;
        if (topValue != null) {
          int ord = termsIndex.lookupTerm(topValue);
          topSameReader = ord >= 0;
          topOrd = ord >= 0 ? ord : -ord - 2;
        } else {
          topOrd = MISSING_ORD;
          topSameReader = true;
        }
        if (bottomSlot != -1) setBottom(bottomSlot);
      }

      private int ordOf(int doc) throws IOException {
        return termsIndex.advanceExact(doc) ? termsIndex.ordValue() : MISSING_ORD;
      }

      @Override
      public void setBottom(int slot) throws IOException {
        bottomSlot = slot;
        if (readerGen[slot] == currentReaderGen) {
          bottomOrd = ords[slot];
          bottomSameReader = true;
          return;
        }
        // A slot of an earlier segment: its bytes are resolved (leaving a segment resolved them).
        BytesRef bottomValue = values[slot];
        if (bottomValue == null) {
          // A missing value has the same ord in every segment.
          bottomOrd = MISSING_ORD;
          bottomSameReader = true;
          readerGen[slot] = currentReaderGen;
          ords[slot] = MISSING_ORD;
          return;
        }
        int ord = termsIndex.lookupTerm(bottomValue);
        if (ord < 0) {
          bottomOrd = -ord - 2;
          bottomSameReader = false;
        } else {
          // The same bytes exist here: the slot becomes one of this segment's, compared by ord from now on. Its
          // bytes stay valid, so it is not pending.
          bottomOrd = ord;
          bottomSameReader = true;
          readerGen[slot] = currentReaderGen;
          ords[slot] = ord;
        }
      }

      @Override
      public int compareBottom(int doc) throws IOException {
        int docOrd = ordOf(doc);
        if (bottomSameReader) return Integer.compare(bottomOrd, docOrd);
        // bottomOrd is the greatest ord below the bottom's bytes, so equal ords mean the bottom is greater.
        return bottomOrd >= docOrd ? 1 : -1;
      }

      @Override
      public int compareTop(int doc) throws IOException {
        int docOrd = ordOf(doc);
        if (topSameReader) return Integer.compare(topOrd, docOrd);
        // topOrd is the greatest ord below the top's bytes, so equal ords mean the top is greater.
        return docOrd <= topOrd ? 1 : -1;
      }

      @Override
      public void copy(int slot, int doc) throws IOException {
        int ord = ordOf(doc);
        ords[slot] = ord;
        readerGen[slot] = currentReaderGen;
        if (ord == MISSING_ORD) {
          values[slot] = null;
          pending[slot] = false;
        } else {
          pending[slot] = true;
        }
      }

      @Override
      public void setScorer(Scorable scorer) {}
    }
  }
}
