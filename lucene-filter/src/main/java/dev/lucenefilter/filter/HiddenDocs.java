package dev.lucenefilter.filter;

import java.io.IOException;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitSet;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.SparseFixedBitSet;

/**
 * The documents of one segment that a jurisdiction may not see. Immutable once built; safe to share between
 * threads and queries.
 *
 * <p>Stored dense ({@link FixedBitSet}, {@code maxDoc / 8} bytes) when more than 1/64 of the segment is hidden,
 * sparse ({@link SparseFixedBitSet}) otherwise, and as nothing at all when no document is hidden, so that the
 * common case costs no memory and no per-hit check.
 */
public final class HiddenDocs {
  private static final HiddenDocs NONE = new HiddenDocs(null, 0, 0);

  private final BitSet bits;
  private final int count;
  private final int maxDoc;

  private HiddenDocs(BitSet bits, int count, int maxDoc) {
    this.bits = bits;
    this.count = count;
    this.maxDoc = maxDoc;
  }

  /** No document hidden. */
  public static HiddenDocs none() { return NONE; }

  /**
   * Freezes a builder's bits: picks the dense or sparse form by density (same threshold as Lucene's
   * {@code DocIdSetBuilder}).
   */
  static HiddenDocs of(FixedBitSet hidden) {
    int count = hidden.cardinality();
    if (count == 0) return NONE;
    int maxDoc = hidden.length();
    if (count > (maxDoc >>> 6)) return new HiddenDocs(hidden, count, maxDoc);
    SparseFixedBitSet sparse = new SparseFixedBitSet(maxDoc);
    for (int d = hidden.nextSetBit(0); d != DocIdSetIterator.NO_MORE_DOCS;
        d = d + 1 < maxDoc ? hidden.nextSetBit(d + 1) : DocIdSetIterator.NO_MORE_DOCS) {
      sparse.set(d);
    }
    return new HiddenDocs(sparse, count, maxDoc);
  }

  /** True when {@code doc} is hidden. */
  public boolean isHidden(int doc) { return bits != null && bits.get(doc); }

  /** Number of hidden documents, live or deleted. */
  public int count() { return count; }

  /** True when nothing is hidden. */
  public boolean isEmpty() { return count == 0; }

  /** Bytes held, measured from the bit set itself. */
  public long ramBytesUsed() {
    return RamUsageEstimator.shallowSizeOfInstance(HiddenDocs.class) + (bits == null ? 0 : bits.ramBytesUsed());
  }

  /** True when stored as a dense bit set. */
  public boolean isDense() { return bits instanceof FixedBitSet; }

  /**
   * The documents that are live in {@code liveDocs} (null: all) and not hidden, as {@link Bits}; {@code
   * liveDocs} itself when nothing is hidden.
   */
  Bits visible(Bits liveDocs) {
    return bits == null ? liveDocs : new VisibleBits(liveDocs, bits, maxDoc);
  }

  /**
   * Live and not hidden. {@link #applyMask} is overridden because Lucene's dense conjunctions apply accepted docs a
   * window at a time: the default asks {@link #get} once per candidate, this clears only the hidden ones.
   */
  private static final class VisibleBits implements Bits {
    private final Bits live;
    private final BitSet hidden;
    private final int maxDoc;

    VisibleBits(Bits live, BitSet hidden, int maxDoc) {
      this.live = live;
      this.hidden = hidden;
      this.maxDoc = maxDoc;
    }

    @Override
    public boolean get(int index) { return (live == null || live.get(index)) && !hidden.get(index); }

    @Override
    public int length() { return maxDoc; }

    @Override
    public void applyMask(FixedBitSet mask, int offset) {
      if (live != null) live.applyMask(mask, offset);
      int end = Math.min(maxDoc, offset + mask.length());
      if (offset >= end) return;
      for (int d = hidden.nextSetBit(offset, end); d != DocIdSetIterator.NO_MORE_DOCS;
          d = d + 1 < end ? hidden.nextSetBit(d + 1, end) : DocIdSetIterator.NO_MORE_DOCS) {
        mask.clear(d - offset);
      }
    }
  }

  /** Number of documents live in {@code liveDocs} and hidden. */
  int countLiveHidden(Bits liveDocs) throws IOException {
    if (bits == null) return 0;
    if (liveDocs == null) return count;
    int n = 0;
    var it = new org.apache.lucene.util.BitSetIterator(bits, count);
    for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
      if (liveDocs.get(d)) n++;
    }
    return n;
  }
}
