package dev.lucenefilter.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The visible view of each segment for a {@link VisibilityFilter} that offers no reader view: leaves whose live
 * documents are exactly the live documents its query matches. Used for statistics and prefix expansion only (the
 * search itself keeps the FILTER clause). Built per request, one pass of the query per segment.
 */
final class QueryVisibleLeaves {
  private QueryVisibleLeaves() {}

  static List<LeafReader> of(IndexSearcher unfiltered, Query visible) throws IOException {
    Weight w = unfiltered.createWeight(unfiltered.rewrite(visible), ScoreMode.COMPLETE_NO_SCORES, 1f);
    List<LeafReader> out = new ArrayList<>();
    for (LeafReaderContext ctx : unfiltered.getIndexReader().leaves()) {
      LeafReader r = ctx.reader();
      FixedBitSet bits = new FixedBitSet(Math.max(1, r.maxDoc()));
      Bits live = r.getLiveDocs();
      Scorer s = w.scorer(ctx);
      if (s != null) {
        DocIdSetIterator it = s.iterator();
        for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
          if (live == null || live.get(d)) bits.set(d);
        }
      }
      out.add(new Leaf(r, bits));
    }
    return out;
  }

  /** A segment whose live documents are the visible ones. */
  private static final class Leaf extends FilterLeafReader {
    private final FixedBitSet visible;
    private final int numDocs;

    Leaf(LeafReader in, FixedBitSet visible) {
      super(in);
      this.visible = visible;
      this.numDocs = visible.cardinality();
    }

    @Override
    public Bits getLiveDocs() { return visible.asReadOnlyBits(); }

    @Override
    public int numDocs() { return numDocs; }

    @Override
    public CacheHelper getCoreCacheHelper() { return in.getCoreCacheHelper(); }

    @Override
    public CacheHelper getReaderCacheHelper() { return null; }
  }
}
