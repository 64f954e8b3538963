package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.DenseLiveDocs;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;

/** The visible-docs bits against a per-document reference, dense and sparse, with and without deletions. */
class HiddenDocsTest {
  /** {@code HiddenDocs}' own fields, beside the set it holds. */
  private static final long HEADER = org.apache.lucene.util.RamUsageEstimator.shallowSizeOfInstance(HiddenDocs.class);

  @Test
  void aThinlySpreadSparseSetIsStoredDenseWhenThatIsSmaller() throws java.io.IOException {
    int maxDoc = 1 << 20;
    // One hidden document in every 64-bit word: 1/64 of the segment, not above the dense threshold.
    FixedBitSet spread = new FixedBitSet(maxDoc);
    for (int d = 0; d < maxDoc; d += 64) spread.set(d);
    HiddenDocs h = HiddenDocs.of(spread.clone());
    assertTrue(h.visibleIterator() != null, "stored dense");
    assertEquals(spread.ramBytesUsed() + HEADER, h.ramBytesUsed());
    for (int d = 0; d < 1024; d++) assertEquals(spread.get(d), h.isHidden(d), "doc " + d);
    // Clustered in a few blocks, the same count is far smaller sparse.
    FixedBitSet clustered = new FixedBitSet(maxDoc);
    for (int d = 0; d < maxDoc / 64; d++) clustered.set(d);
    HiddenDocs c = HiddenDocs.of(clustered.clone());
    assertTrue(c.visibleIterator() == null, "stored sparse");
    assertTrue(c.ramBytesUsed() < clustered.ramBytesUsed() / 8, c.ramBytesUsed() + " B");
  }

  private static final Class<?> LUCENE_LIVE_DOCS = new FixedBitSet(1).asReadOnlyBits().getClass();

  @Test
  void visibleBitsAndTheirMaskAgreeWithTheDefinition() throws java.io.IOException {
    for (long seed = 1; seed <= 300; seed++) {
      Random r = new Random(seed);
      int maxDoc = 1 + r.nextInt(5000);
      FixedBitSet hidden = new FixedBitSet(maxDoc);
      int density = r.nextInt(4) == 0 ? 2 : 200; // dense (1/2) or sparse (1/200)
      for (int d = 0; d < maxDoc; d++) if (r.nextInt(density) == 0) hidden.set(d);
      FixedBitSet live = null;
      if (r.nextBoolean()) {
        live = new FixedBitSet(maxDoc);
        for (int d = 0; d < maxDoc; d++) if (r.nextInt(10) != 0) live.set(d);
      }
      HiddenDocs h = HiddenDocs.of(hidden.clone());
      if (hidden.cardinality() > maxDoc / 64) assertTrue(h.visibleIterator() != null, "seed " + seed + ": dense");
      assertTrue(h.ramBytesUsed() <= hidden.ramBytesUsed() + HEADER, "seed " + seed + ": " + h.ramBytesUsed()
          + " B for " + hidden.cardinality() + " of " + maxDoc + " hidden, dense " + hidden.ramBytesUsed() + " B");
      Bits visible = h.visible(live);
      if (h.isEmpty()) {
        assertSame(live, visible);
        continue;
      }
      // Dense with nothing deleted: the class of Lucene's own live docs, which its scorers call without a wrapper.
      assertEquals(live == null && h.visibleIterator() != null, visible.getClass() == LUCENE_LIVE_DOCS,
          "seed " + seed);
      // Dense over deletions: one bit set of the visible live documents, from Lucene's live docs or any Bits.
      FixedBitSet both = h.visibleAndLive(live);
      FixedBitSet bothFromLucene = live == null ? null
          : h.visibleAndLive(DenseLiveDocs.builder(live.clone(), maxDoc).build());
      assertEquals(live != null && h.visibleIterator() != null, both != null, "seed " + seed + ": combined");
      int visibleCount = 0;
      for (int d = 0; d < maxDoc; d++) {
        boolean expected = (live == null || live.get(d)) && !hidden.get(d);
        assertEquals(expected, visible.get(d), "seed " + seed + ", doc " + d);
        if (both != null) {
          assertEquals(expected, both.get(d), "seed " + seed + ", doc " + d + ": visible and live");
          assertEquals(expected, bothFromLucene.get(d), "seed " + seed + ", doc " + d + ": from Lucene's live docs");
        }
        if (expected) visibleCount++;
      }
      // VisibleLeafReader.numDocs counts the mask of the whole segment.
      FixedBitSet all = new FixedBitSet(maxDoc);
      all.set(0, maxDoc);
      visible.applyMask(all, 0);
      assertEquals(visibleCount, all.cardinality(), "seed " + seed + ": numDocs");
      int offset = r.nextInt(maxDoc);
      // Lucene applies masks to windows inside the segment.
      FixedBitSet mask = new FixedBitSet(1 + r.nextInt(Math.min(4096, maxDoc - offset)));
      for (int i = 0; i < mask.length(); i++) if (r.nextInt(3) != 0) mask.set(i);
      FixedBitSet expected = mask.clone();
      for (int i = 0; i < expected.length(); i++) {
        int d = offset + i;
        if (expected.get(i) && !visible.get(d)) expected.clear(i);
      }
      visible.applyMask(mask, offset);
      assertTrue(expected.equals(mask), "seed " + seed + ": applyMask differs from get()");
    }
  }
}
