package dev.lucenefilter.filter;

import java.io.IOException;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Accountable;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.LiveDocs;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.SparseFixedBitSet;

/**
 * The documents of one segment that a jurisdiction may not see. Immutable once built; safe to share between
 * threads and queries.
 *
 * <p>When more than 1/64 of the segment is hidden it is stored dense, as the complement: a {@link FixedBitSet} of
 * the documents left visible ({@code maxDoc / 8} bytes), which Lucene can intersect a word at a time as a filter
 * ({@link #visibleIterator}) or as accepted documents. Below that density the hidden documents are stored sparse
 * ({@link SparseFixedBitSet}) unless that would take more bytes than the dense form, and when none is hidden, as
 * nothing at all, so the common case costs no memory and no per-hit check. Either way a segment's set holds at most
 * {@code maxDoc / 8} bytes plus a few object headers. A dense set is shared by every reader of the segment;
 * {@link #visibleAndLive} makes, for one reader whose segment has deletions, a second bit set of that size.
 */
final class HiddenDocs implements Accountable {
  private static final HiddenDocs NONE = new HiddenDocs(null, null, 0, 0);

  private final SparseFixedBitSet sparseHidden;
  private final FixedBitSet denseVisible;
  private final int count;
  private final int maxDoc;

  private HiddenDocs(SparseFixedBitSet sparseHidden, FixedBitSet denseVisible, int count, int maxDoc) {
    this.sparseHidden = sparseHidden;
    this.denseVisible = denseVisible;
    this.count = count;
    this.maxDoc = maxDoc;
  }

  /**
   * Freezes a builder's bits (it takes ownership of {@code hidden}): picks the dense or sparse form by density
   * (same threshold as Lucene's {@code DocIdSetBuilder}).
   */
  static HiddenDocs of(FixedBitSet hidden) throws IOException {
    int count = hidden.cardinality();
    if (count == 0) return NONE;
    int maxDoc = hidden.length();
    if (count > (maxDoc >>> 6)) return dense(hidden, count);
    SparseFixedBitSet sparse = new SparseFixedBitSet(maxDoc);
    sparse.or(new BitSetIterator(hidden, count));
    // Hidden documents spread one per 64-bit word, just under the threshold, cost a sparse set its words plus an
    // index and an array per 4,096 documents: more than the dense words. The cache never holds more than maxDoc/8.
    if (sparse.ramBytesUsed() >= hidden.ramBytesUsed()) return dense(hidden, count);
    return new HiddenDocs(sparse, null, count, maxDoc);
  }

  private static HiddenDocs dense(FixedBitSet hidden, int count) {
    hidden.flip(0, hidden.length());
    return new HiddenDocs(null, hidden, count, hidden.length());
  }

  /** True when {@code doc} is hidden. */
  public boolean isHidden(int doc) {
    if (denseVisible != null) return !denseVisible.get(doc);
    return sparseHidden != null && sparseHidden.get(doc);
  }

  /** True when nothing is hidden. */
  public boolean isEmpty() { return count == 0; }

  /** Bytes held, measured from the bit set itself. */
  @Override
  public long ramBytesUsed() {
    long set = denseVisible != null ? denseVisible.ramBytesUsed() : sparseHidden != null ? sparseHidden.ramBytesUsed() : 0;
    return RamUsageEstimator.shallowSizeOfInstance(HiddenDocs.class) + set;
  }

  /**
   * When stored dense, an iterator over the documents not hidden (deleted ones included: Lucene applies live docs),
   * a {@link BitSetIterator} that conjunctions intersect word by word; null otherwise.
   */
  DocIdSetIterator visibleIterator() {
    return denseVisible == null ? null : new BitSetIterator(denseVisible, maxDoc - count);
  }

  /**
   * For a dense set over a segment with deletions: the documents live in {@code live} and not hidden, as one new bit
   * set of {@code maxDoc / 8} bytes, so that Lucene gets them in the form of its own live docs ({@link
   * #visible}'s combination of the two is a {@code Bits} it wraps and asks once per document). Null when the set is
   * not dense or nothing is deleted: {@link #visible} is then that form already, or as good as this would be.
   */
  FixedBitSet visibleAndLive(Bits live) throws IOException {
    if (denseVisible == null || live == null) return null;
    FixedBitSet both = denseVisible.clone();
    if (live instanceof LiveDocs lucene) {
      // Lucene's own: walk only the deleted documents (its dense form would otherwise be asked once per document).
      DocIdSetIterator deleted = lucene.deletedDocsIterator();
      for (int d = deleted.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = deleted.nextDoc()) both.clear(d);
    } else {
      live.applyMask(both, 0);
    }
    return both;
  }

  /**
   * The documents that are live in {@code live} (null: all) and not hidden, as {@link Bits}; {@code live} itself
   * when nothing is hidden. {@code applyMask} is overridden because Lucene's dense conjunctions apply accepted docs
   * a window at a time: the default asks {@code get} once per candidate, this works a word at a time (dense) or
   * clears only the hidden ones (sparse). Dense with nothing deleted, it is a read-only view of the visible bit set.
   */
  Bits visible(Bits live) {
    if (isEmpty()) return live;
    // The words themselves when nothing is deleted, as the read-only view Lucene gives its own live docs: its scorers
    // call that class's get directly (ScorerUtil.likelyLiveDocs) and wrap any other Bits, a FixedBitSet included, in
    // one more virtual call per candidate. Its applyMask works a word at a time.
    if (live == null && denseVisible != null) return denseVisible.asReadOnlyBits();
    return new Bits() {
      @Override
      public boolean get(int index) { return (live == null || live.get(index)) && !isHidden(index); }

      @Override
      public int length() { return maxDoc; }

      @Override
      public void applyMask(FixedBitSet mask, int offset) {
        if (live != null) live.applyMask(mask, offset);
        if (denseVisible != null) {
          denseVisible.applyMask(mask, offset);
          return;
        }
        int end = Math.min(maxDoc, offset + mask.length());
        if (offset >= end) return;
        BitSetIterator hidden = new BitSetIterator(sparseHidden, count);
        for (int d = hidden.advance(offset); d < end; d = hidden.nextDoc()) mask.clear(d - offset);
      }
    };
  }
}
