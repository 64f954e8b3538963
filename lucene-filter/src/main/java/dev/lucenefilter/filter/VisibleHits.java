package dev.lucenefilter.filter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.DocIdStream;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.Bits;

/**
 * A collector manager that lets through only the documents a reader view shows: searched over the unfiltered
 * reader, the query matches and scores hidden documents too, but none of them reaches the wrapped collectors, so
 * hits, counts and every value derived from collected documents are exactly those of the same search over the
 * view. Use it for top-k relevance searches, with the view's statistics ({@code VisibleStatsSearcher}) when
 * scores must not depend on hidden documents either.
 *
 * <p>Why: over the view, Lucene checks every candidate against the view's live documents before scoring it (one
 * bit-set read per posting of a query term, before any pruning). A top-k collector only ever sees the candidates
 * that beat its minimum competitive score: the first ones until it holds k hits (and its total-hits threshold is
 * reached), then a few more. Checking there reads the hidden set for those only. The minimum competitive score
 * moves exactly as over the view (it comes from collected, hence visible, documents), so the same blocks are
 * skipped. When one index serves many jurisdictions, each hidden set is cold in the CPU cache at its
 * jurisdiction's query, and the per-candidate check was most of the cost of filtering.
 *
 * <p>Guarantees: a document reaches a wrapped collector only if the view's live documents for its segment hold
 * it; every way Lucene hands documents to a leaf collector (one, a stream, a range) is checked one by one; the
 * wrapped collectors never get the query's weight, so none can count a segment from the index without
 * collecting.
 * Construction checks that the view has the searched reader's segments (same count, each with the same core and
 * size), and every leaf is checked again when collected. Thread-safe like the wrapped manager.
 */
public final class VisibleHits<C extends Collector, T> implements CollectorManager<VisibleHits.VisibleCollector<C>, T> {
  private final CollectorManager<C, T> in;
  private final List<LeafReader> visibleLeaves;

  private VisibleHits(CollectorManager<C, T> in, List<LeafReader> visibleLeaves) {
    this.in = in;
    this.visibleLeaves = visibleLeaves;
  }

  /**
   * {@code in}, restricted to what {@code view} shows, for a search over {@code searched}: the reader {@code view}
   * was made from (a reader view of the same segments, e.g. {@link ExclusionCache#visibleReader}).
   *
   * @throws IllegalArgumentException when the two readers do not hold the same segments
   */
  public static <C extends Collector, T> VisibleHits<C, T> of(IndexReader searched, IndexReader view,
      CollectorManager<C, T> in) {
    List<LeafReaderContext> s = searched.leaves();
    List<LeafReaderContext> v = view.leaves();
    if (s.size() != v.size()) {
      throw new IllegalArgumentException("the view has " + v.size() + " segments, the searched reader " + s.size());
    }
    List<LeafReader> leaves = new ArrayList<>(v.size());
    for (int ord = 0; ord < s.size(); ord++) {
      sameSegment(s.get(ord).reader(), v.get(ord).reader(), ord);
      leaves.add(v.get(ord).reader());
    }
    return new VisibleHits<>(in, List.copyOf(leaves));
  }

  private static void sameSegment(LeafReader searched, LeafReader view, int ord) {
    LeafReader.CacheHelper a = searched.getCoreCacheHelper();
    LeafReader.CacheHelper b = view.getCoreCacheHelper();
    boolean same = searched.maxDoc() == view.maxDoc() && a != null && b != null && a.getKey() == b.getKey();
    if (!same) throw new IllegalArgumentException("segment " + ord + " of the view is not the searched reader's");
  }

  @Override
  public VisibleCollector<C> newCollector() throws IOException {
    return new VisibleCollector<>(in.newCollector(), visibleLeaves);
  }

  @Override
  public T reduce(Collection<VisibleCollector<C>> collectors) throws IOException {
    List<C> inner = new ArrayList<>(collectors.size());
    for (VisibleCollector<C> c : collectors) inner.add(c.in);
    return in.reduce(inner);
  }

  /** One collector of the manager: the wrapped one, fed visible documents only. */
  public static final class VisibleCollector<C extends Collector> implements Collector {
    private final C in;
    private final List<LeafReader> visibleLeaves;

    private VisibleCollector(C in, List<LeafReader> visibleLeaves) {
      this.in = in;
      this.visibleLeaves = visibleLeaves;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      LeafReader view = visibleLeaves.get(context.ord);
      sameSegment(context.reader(), view, context.ord);
      LeafCollector leaf = in.getLeafCollector(context);
      Bits visible = view.getLiveDocs();
      return visible == null ? leaf : new VisibleLeafCollector(leaf, visible);
    }

    @Override
    public ScoreMode scoreMode() { return in.scoreMode(); }

    // setWeight is deliberately not handed on: with the weight, a counting collector (TotalHitCountCollector) takes
    // a segment's count from the index (Weight.count) without collecting, hidden documents included.
  }

  private static final class VisibleLeafCollector implements LeafCollector {
    private final LeafCollector in;
    private final Bits visible;

    VisibleLeafCollector(LeafCollector in, Bits visible) {
      this.in = in;
      this.visible = visible;
    }

    @Override
    public void setScorer(Scorable scorer) throws IOException { in.setScorer(scorer); }

    @Override
    public void collect(int doc) throws IOException {
      if (visible.get(doc)) in.collect(doc);
    }

    // Spelled out rather than inherited: a stream or range handed on as a whole would pass hidden documents.
    @Override
    public void collect(DocIdStream stream) throws IOException { stream.forEach(this::collect); }

    @Override
    public void collectRange(int min, int max) throws IOException {
      for (int doc = min; doc < max; doc++) collect(doc);
    }

    @Override
    public DocIdSetIterator competitiveIterator() throws IOException { return in.competitiveIterator(); }

    @Override
    public void finish() throws IOException { in.finish(); }
  }
}
