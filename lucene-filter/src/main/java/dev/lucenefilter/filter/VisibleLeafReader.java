package dev.lucenefilter.filter;

import java.io.IOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * A segment as one jurisdiction sees it: hidden documents look deleted. Because Lucene applies live docs to every
 * query, count, collector and by-id lookup, nothing hidden can be reached through this reader (the approach of
 * Elasticsearch's document-level security). Its term statistics and term dictionary still include hidden
 * documents, as Lucene's include deleted ones, and so do its points' bounds and counts ({@link VisiblePoints} gives
 * those over the visible documents): {@code SearchService} therefore scores with statistics of the live
 * (visible) documents ({@link VisibleStatistics}) and expands prefixes over visible words only; code searching
 * this reader directly for scores or term lists shown to users must do the same. {@link Directory} wraps every
 * segment of an index.
 */
public final class VisibleLeafReader extends FilterLeafReader {
  private final HiddenDocs hidden;
  private final Bits visible;
  private volatile int numDocs = -1;

  VisibleLeafReader(LeafReader in, HiddenDocs hidden) {
    this(in, hidden, hidden.visible(in.getLiveDocs()));
  }

  /** {@code visible}: the documents of {@code in} that are live and not in {@code hidden}, as Lucene reads them. */
  private VisibleLeafReader(LeafReader in, HiddenDocs hidden, Bits visible) {
    super(in);
    this.hidden = hidden;
    this.visible = visible;
  }

  /** {@code in} with the documents set in {@code hidden} (taken over, not copied) looking deleted. */
  public static LeafReader hiding(LeafReader in, FixedBitSet hidden) throws IOException {
    return new VisibleLeafReader(in, HiddenDocs.of(hidden));
  }

  @Override
  public Bits getLiveDocs() { return visible; }

  @Override
  public int numDocs() {
    int n = numDocs;
    if (n < 0) {
      // Lazy: counting costs a pass over the segment's bits, and most queries never ask.
      n = in.numDocs();
      if (!hidden.isEmpty()) {
        FixedBitSet mask = new FixedBitSet(maxDoc());
        mask.set(0, maxDoc());
        visible.applyMask(mask, 0);
        n = mask.cardinality();
      }
      numDocs = n;
    }
    return n;
  }

  /**
   * True when every segment of {@code reader} has no deleted-looking document or has them in the form Lucene gives
   * its own live docs (here: a dense hidden set, combined with the segment's deletions in views of {@link
   * ExclusionCache#visibleReader}). Lucene's {@code IndexSearcher}
   * hands that form to its scorers as it is, and a sorted listing masks each window of documents with it a 64-bit
   * word at a time; any other {@link Bits} it wraps in a class that asks {@link Bits#get} once per document. A
   * sorted listing through such a view is as fast as through a bit set FILTER clause ({@link
   * ExclusionCache#visibleQuery}) or faster; through any other view it is slower.
   */
  public static boolean masksWordWise(IndexReader reader) {
    for (LeafReaderContext leaf : reader.leaves()) {
      Bits live = leaf.reader().getLiveDocs();
      if (live != null && live.getClass() != LUCENE_LIVE_DOCS) return false;
    }
    return true;
  }

  /** The class of the live docs Lucene writes for its own segments: the one its scorers take unwrapped. */
  private static final Class<?> LUCENE_LIVE_DOCS = new FixedBitSet(1).asReadOnlyBits().getClass();

  /** The hidden documents this view applies: shared by every view of the segment with the same hidden set. */
  HiddenDocs hidden() { return hidden; }

  /** The core (postings, doc values) is the wrapped segment's: caches keyed on it stay valid. */
  @Override
  public CacheHelper getCoreCacheHelper() { return in.getCoreCacheHelper(); }

  /** Live docs differ from the wrapped reader's, so no reader-level cache may be shared with it. */
  @Override
  public CacheHelper getReaderCacheHelper() { return null; }

  /**
   * A point-in-time index view for one jurisdiction under one policy snapshot: every segment a {@link
   * VisibleLeafReader}, so searching it can only return what the jurisdiction may see.
   */
  static final class Directory extends FilterDirectoryReader {
    private final ReaderExclusions exclusions;

    Directory(DirectoryReader in, ReaderExclusions exclusions) throws IOException {
      super(in, new SubReaderWrapper() {
        @Override
        public LeafReader wrap(LeafReader reader) {
          return new VisibleLeafReader(reader, exclusions.forSegment(reader), exclusions.liveDocs(reader));
        }
      });
      this.exclusions = exclusions;
    }

    /**
     * Refused: a view holds one policy snapshot's exclusions at one instant, and a reopened reader may hold
     * segments and rule dates they do not cover. Ask {@link ExclusionCache#visibleReader} again for the new reader.
     */
    @Override
    protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) {
      throw new UnsupportedOperationException("a jurisdiction's view cannot be reopened: ask"
          + " ExclusionCache.visibleReader for a view of the reopened reader");
    }

    @Override
    public CacheHelper getReaderCacheHelper() { return null; }
  }
}
