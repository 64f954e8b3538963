package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.VisibleHits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterCodecReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SlowCodecReaderWrapper;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdStream;
import org.apache.lucene.search.FilterCollector;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * Where the relevance path's cost over an unfiltered search comes from when no policy is involved: views of the
 * benchmark index that hide a random share of its documents (drawn with a fixed seed, independent of any rule), for
 * {@link VisibleHits} to search through exactly as {@code SearchService} does. A top-k search with a total-hits
 * threshold must count that many <em>visible</em> matches before it may start skipping: with a share {@code h}
 * hidden it steps over about {@code threshold / (1 - h)} matches where the unfiltered search steps over {@code
 * threshold}, whatever the filter costs per document. {@link Paired}'s {@code hiddenshare} group measures these
 * views beside the policy's own, and {@link #stepped} counts the matches each path hands its collector.
 */
final class HiddenShare {
  private HiddenShare() {}

  /** A view of {@code reader} hiding each document with probability {@code share} (fixed seed), deletions kept. */
  static DirectoryReader hiding(DirectoryReader reader, double share, long seed) throws IOException {
    Random random = new Random(seed);
    return new FilterDirectoryReader(reader, new FilterDirectoryReader.SubReaderWrapper() {
      @Override
      public LeafReader wrap(LeafReader leaf) {
        FixedBitSet visible = new FixedBitSet(leaf.maxDoc());
        Bits live = leaf.getLiveDocs();
        for (int d = 0; d < leaf.maxDoc(); d++) {
          if (random.nextDouble() >= share && (live == null || live.get(d))) visible.set(d);
        }
        return new HidingLeafReader(leaf, visible);
      }
    }) {
      @Override
      protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) {
        throw new UnsupportedOperationException("a fixed benchmark view is not reopened");
      }

      @Override
      public CacheHelper getReaderCacheHelper() { return null; }
    };
  }

  private static final class HidingLeafReader extends FilterLeafReader {
    private final FixedBitSet visible;
    private final int numDocs;

    HidingLeafReader(LeafReader in, FixedBitSet visible) {
      super(in);
      this.visible = visible;
      this.numDocs = visible.cardinality();
    }

    @Override
    public Bits getLiveDocs() { return visible.asReadOnlyBits(); }

    @Override
    public int numDocs() { return numDocs; }

    // The segment's core is the searched reader's: VisibleHits checks exactly that.
    @Override
    public CacheHelper getCoreCacheHelper() { return in.getCoreCacheHelper(); }

    @Override
    public CacheHelper getReaderCacheHelper() { return null; }
  }

  /**
   * A new index in {@code dir} (which must not hold one) of exactly the documents {@code view} shows, merged into one
   * segment with the view's index sort: the records a jurisdiction sees, in an index that never held the others. Its
   * postings, their per-block maximum scores and its statistics carry no trace of the hidden documents, so searching
   * it is what a query-time filter over the shared index can at best approach. The returned reader keeps its
   * directory open for the life of the process (benchmark use).
   */
  static DirectoryReader purged(DirectoryReader view, Path dir) throws IOException {
    List<CodecReader> visible = new ArrayList<>();
    Sort sort = null;
    for (LeafReaderContext leaf : view.leaves()) {
      LeafReader reader = leaf.reader();
      sort = reader.getMetaData().sort();
      visible.add(new OnlyVisible(SlowCodecReaderWrapper.wrap(FilterLeafReader.unwrap(reader)), reader.getLiveDocs(),
          reader.numDocs()));
    }
    IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    if (sort != null) config.setIndexSort(sort);
    Directory directory = FSDirectory.open(dir);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      writer.addIndexes(visible.toArray(new CodecReader[0]));
      writer.forceMerge(1);
    }
    DirectoryReader purged = DirectoryReader.open(directory);
    if (purged.numDocs() != view.numDocs()) {
      throw new IllegalStateException("purged index holds " + purged.numDocs() + " documents, the view shows "
          + view.numDocs());
    }
    return purged;
  }

  /** A segment whose live documents are a view's: {@code addIndexes} copies only those. */
  private static final class OnlyVisible extends FilterCodecReader {
    private final Bits visible;
    private final int numDocs;

    OnlyVisible(CodecReader in, Bits visible, int numDocs) {
      super(in);
      this.visible = visible;
      this.numDocs = numDocs;
    }

    @Override
    public Bits getLiveDocs() { return visible; }

    @Override
    public int numDocs() { return numDocs; }

    @Override
    public CacheHelper getCoreCacheHelper() { return null; }

    @Override
    public CacheHelper getReaderCacheHelper() { return null; }
  }

  /** The share of {@code view}'s documents (of all maxDoc) that are not live. */
  static double hiddenShare(DirectoryReader view) {
    return 1 - view.numDocs() / (double) view.maxDoc();
  }

  /**
   * How many matches a top-{@code page} search of {@code query} with {@code threshold} offers its collector (hidden
   * ones included): over {@code searched} unfiltered when {@code view} is null, else through {@link VisibleHits}
   * with {@code view}.
   */
  static long stepped(IndexSearcher searched, DirectoryReader view, Query query, int page, int threshold)
      throws IOException {
    TopScoreDocCollectorManager top = new TopScoreDocCollectorManager(page, null, threshold);
    return view == null ? offered(searched, query, top)
        : offered(searched, query, VisibleHits.of(searched.getIndexReader(), view, top));
  }

  private static <C extends Collector> long offered(IndexSearcher searched, Query query,
      CollectorManager<C, TopDocs> manager) throws IOException {
    long[] count = new long[1];
    searched.search(query, new CountingOffers<>(manager, count));
    return count[0];
  }

  /** A manager that counts every document offered to its collectors' leaves before handing it on. */
  private record CountingOffers<C extends Collector, T>(CollectorManager<C, T> in, long[] count)
      implements CollectorManager<CountingOffers.Counting<C>, T> {

    @Override
    public Counting<C> newCollector() throws IOException { return new Counting<>(in.newCollector(), count); }

    @Override
    public T reduce(Collection<Counting<C>> collectors) throws IOException {
      List<C> inner = new ArrayList<>();
      for (Counting<C> c : collectors) inner.add(c.wrapped);
      return in.reduce(inner);
    }

    static final class Counting<C extends Collector> extends FilterCollector {
      final C wrapped;
      private final long[] count;

      Counting(C in, long[] count) {
        super(in);
        this.wrapped = in;
        this.count = count;
      }

      @Override
      public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        return new FilterLeafCollector(super.getLeafCollector(context)) {
          @Override
          public void collect(int doc) throws IOException {
            synchronized (count) {
              count[0]++;
            }
            super.collect(doc);
          }

          @Override
          public void collect(DocIdStream stream) throws IOException { stream.forEach(this::collect); }

          @Override
          public void collectRange(int min, int max) throws IOException {
            for (int doc = min; doc < max; doc++) collect(doc);
          }
        };
      }
    }
  }
}
