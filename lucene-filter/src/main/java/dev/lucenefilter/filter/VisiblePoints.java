package dev.lucenefilter.filter;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.PointValues.IntersectVisitor;
import org.apache.lucene.index.PointValues.PointTree;
import org.apache.lucene.index.PointValues.Relation;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * A segment's points as a view shows them: bounds and counts over the documents the view leaves visible (its live
 * documents) only, so nothing read from points depends on a hidden or deleted document. A segment's own points keep
 * the minimum, maximum, point count and document count of every document it ever held, and searches read them
 * without visiting a document: to skip a shard (a range outside them), to rewrite a range that covers them, to
 * bound a histogram, to count without collecting. Thread-safe.
 *
 * <p>What {@link #of} returns guarantees:
 * <ul>
 *   <li>{@code getMinPackedValue}, {@code getMaxPackedValue}, {@code size} and {@code getDocCount} are those of an
 *       index holding only the visible documents (the same as after deleting the others and merging them away);
 *   <li>its {@link PointTree} is one node, those bounds and that size, without children, so no node bound or size
 *       of the segment's tree is ever read ({@code estimatePointCount} included);
 *   <li>visiting it hands the visitor only visible documents, each after a {@code grow(1)}, so no count passed to
 *       {@code grow} exceeds what it is then given. Finding them walks the segment's tree, and the visitor's {@code
 *       compare} is asked about its cells, each clipped to the visible bounds, only to skip the cells it does not
 *       want: which documents it gets never depends on those answers, and it is never told a cell's size;
 *   <li>null where no visible document has a point of the field, as Lucene answers for a segment without the field.
 * </ul>
 *
 * <p>The bounds and counts are one pass over the field's points, made on first use and cached per segment core,
 * hidden set, deletions and field with the view's term statistics ({@link VisibleStatistics}), so every query of a
 * jurisdiction, across refreshes that keep the segment, shares them.
 */
public final class VisiblePoints {
  private VisiblePoints() {}

  /** Bounds and counts of the visible points of one field; {@code size == 0} when there are none. */
  record Summary(byte[] min, byte[] max, long size, int docCount) {
    static final Summary NONE = new Summary(null, null, 0, 0);
  }

  /**
   * {@code segment} (the points of {@code field} in the segment {@code view} shows, or null) as {@code view}
   * shows them: as it is when the view neither hides nor deletes anything, null when no visible document has a
   * point of the field.
   */
  public static PointValues of(LeafReader view, String field, PointValues segment) throws IOException {
    if (segment == null) return null;
    Bits visible = view.getLiveDocs();
    if (visible == null) return segment;
    var perField = VisibleStatistics.counts(view).points();
    Summary s = perField.get(field);
    if (s == null) {
      s = summarize(segment, visible, view.maxDoc());
      perField.putIfAbsent(field, s);
    }
    return s.size() == 0 ? null : new Visible(segment, visible, s);
  }

  /** One pass over every point of {@code segment}, counting those of documents {@code visible} keeps. */
  static Summary summarize(PointValues segment, Bits visible, int maxDoc) throws IOException {
    int dims = segment.getNumIndexDimensions();
    int bytes = segment.getBytesPerDimension();
    // Documents with several points of the field count once; single-valued fields need no set.
    FixedBitSet docs = segment.size() == segment.getDocCount() ? null : new FixedBitSet(maxDoc);
    byte[] min = new byte[dims * bytes];
    byte[] max = new byte[dims * bytes];
    long[] counts = new long[2];
    segment.intersect(new IntersectVisitor() {
      @Override
      public void visit(int docID) {
        throw new IllegalStateException("every cell is reported as crossing, so every point comes with its value");
      }

      @Override
      public void visit(int docID, byte[] packedValue) {
        if (!visible.get(docID)) return;
        if (counts[0]++ == 0) {
          System.arraycopy(packedValue, 0, min, 0, min.length);
          System.arraycopy(packedValue, 0, max, 0, max.length);
        } else {
          for (int d = 0; d < dims; d++) {
            int from = d * bytes;
            int to = from + bytes;
            if (Arrays.compareUnsigned(packedValue, from, to, min, from, to) < 0) {
              System.arraycopy(packedValue, from, min, from, bytes);
            } else if (Arrays.compareUnsigned(packedValue, from, to, max, from, to) > 0) {
              System.arraycopy(packedValue, from, max, from, bytes);
            }
          }
        }
        if (docs == null) counts[1]++;
        else if (!docs.getAndSet(docID)) counts[1]++;
      }

      @Override
      public Relation compare(byte[] minPackedValue, byte[] maxPackedValue) { return Relation.CELL_CROSSES_QUERY; }
    });
    return counts[0] == 0 ? Summary.NONE : new Summary(min, max, counts[0], Math.toIntExact(counts[1]));
  }

  /** The segment's points with the visible bounds and counts, and a tree of one node. */
  private static final class Visible extends PointValues {
    private final PointValues in;
    private final Bits visible;
    private final Summary summary;

    Visible(PointValues in, Bits visible, Summary summary) {
      this.in = in;
      this.visible = visible;
      this.summary = summary;
    }

    @Override
    public PointTree getPointTree() { return new Root(); }

    // Copies: a caller may keep or change what it is given, and the summary is shared by every view.
    @Override
    public byte[] getMinPackedValue() { return summary.min().clone(); }

    @Override
    public byte[] getMaxPackedValue() { return summary.max().clone(); }

    @Override
    public int getNumDimensions() throws IOException { return in.getNumDimensions(); }

    @Override
    public int getNumIndexDimensions() throws IOException { return in.getNumIndexDimensions(); }

    @Override
    public int getBytesPerDimension() throws IOException { return in.getBytesPerDimension(); }

    @Override
    public long size() { return summary.size(); }

    @Override
    public int getDocCount() { return summary.docCount(); }

    /**
     * The only node: the segment's inner nodes have bounds and sizes over hidden documents too, and callers read
     * them directly (Lucene's count shortcuts, OpenSearch's histogram and approximate range traversals).
     */
    private final class Root implements PointTree {
      @Override
      public PointTree clone() { return new Root(); }

      @Override
      public boolean moveToChild() { return false; }

      @Override
      public boolean moveToSibling() { return false; }

      @Override
      public boolean moveToParent() { return false; }

      @Override
      public byte[] getMinPackedValue() { return Visible.this.getMinPackedValue(); }

      @Override
      public byte[] getMaxPackedValue() { return Visible.this.getMaxPackedValue(); }

      @Override
      public long size() { return summary.size(); }

      @Override
      public void visitDocIDs(IntersectVisitor visitor) throws IOException {
        in.getPointTree().visitDocIDs(new VisibleVisitor(visitor));
      }

      @Override
      public void visitDocValues(IntersectVisitor visitor) throws IOException {
        in.intersect(new VisibleVisitor(visitor));
      }
    }

    /**
     * Passes on the visible documents only. Lucene grows a visitor by a cell's size before visiting it, a count
     * over hidden documents too, so growing is done here, by one before each document passed on.
     */
    private final class VisibleVisitor implements IntersectVisitor {
      private final IntersectVisitor out;
      private final int dims;
      private final int bytes;
      private final byte[] clippedMin;
      private final byte[] clippedMax;

      VisibleVisitor(IntersectVisitor out) throws IOException {
        this.out = out;
        this.dims = in.getNumIndexDimensions();
        this.bytes = in.getBytesPerDimension();
        this.clippedMin = new byte[dims * bytes];
        this.clippedMax = new byte[dims * bytes];
      }

      @Override
      public void visit(int docID) throws IOException {
        if (!visible.get(docID)) return;
        out.grow(1);
        out.visit(docID);
      }

      @Override
      public void visit(int docID, byte[] packedValue) throws IOException {
        if (!visible.get(docID)) return;
        out.grow(1);
        out.visit(docID, packedValue);
      }

      @Override
      public void grow(int count) {}

      /** A cell clipped to the visible bounds; outside when no visible point can be in it. */
      @Override
      public Relation compare(byte[] minPackedValue, byte[] maxPackedValue) {
        byte[] vmin = summary.min();
        byte[] vmax = summary.max();
        for (int d = 0; d < dims; d++) {
          int from = d * bytes;
          int to = from + bytes;
          byte[] lo = Arrays.compareUnsigned(minPackedValue, from, to, vmin, from, to) > 0 ? minPackedValue : vmin;
          byte[] hi = Arrays.compareUnsigned(maxPackedValue, from, to, vmax, from, to) < 0 ? maxPackedValue : vmax;
          if (Arrays.compareUnsigned(lo, from, to, hi, from, to) > 0) return Relation.CELL_OUTSIDE_QUERY;
          System.arraycopy(lo, from, clippedMin, from, bytes);
          System.arraycopy(hi, from, clippedMax, from, bytes);
        }
        return out.compare(clippedMin, clippedMax);
      }
    }
  }
}
