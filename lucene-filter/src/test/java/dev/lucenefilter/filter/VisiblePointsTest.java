package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.BinaryPoint;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.PointValues.IntersectVisitor;
import org.apache.lucene.index.PointValues.Relation;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;

/**
 * Differential: a segment's points seen through {@link VisiblePoints} must answer as the points of an index where
 * the hidden (and deleted) documents were really deleted and merged away: bounds, point and document counts, range
 * counts and matches, on random data of one to three dimensions of 1 to 8 bytes, single- and multi-valued, with and
 * without deletions; and its tree must never show more than the visible root.
 */
class VisiblePointsTest {
  private static final String FIELD = "p";
  private static final String ID = "id";

  /** One random corpus: per document its points (none, one or several), each {@code dims * bytes} bytes. */
  private record Corpus(int dims, int bytes, List<List<byte[][]>> docs) {}

  private static Corpus corpus(Random random, int dims, int bytes, boolean multiValued, int n) {
    List<List<byte[][]>> docs = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      int values = random.nextInt(8) == 0 ? 0 : multiValued ? 1 + random.nextInt(3) : 1;
      List<byte[][]> points = new ArrayList<>();
      for (int v = 0; v < values; v++) {
        byte[][] point = new byte[dims][bytes];
        // Few distinct values per byte, so equal values, ties on bounds and leaves of one value occur.
        for (byte[] dim : point) for (int b = 0; b < bytes; b++) dim[b] = (byte) (random.nextInt(6) * 51);
        points.add(point);
      }
      docs.add(points);
    }
    return new Corpus(dims, bytes, docs);
  }

  /** Indexes {@code c} as one segment, documents in order; then deletes {@code deleted} (kept in the segment). */
  private static Directory index(Corpus c, FixedBitSet deleted, boolean merge) throws IOException {
    Directory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
      for (int d = 0; d < c.docs().size(); d++) {
        Document doc = new Document();
        doc.add(new StringField(ID, Integer.toString(d), Field.Store.NO));
        doc.add(new NumericDocValuesField(ID, d));
        for (byte[][] p : c.docs().get(d)) doc.add(new BinaryPoint(FIELD, p));
        w.addDocument(doc);
      }
      w.forceMerge(1);
      for (int d = 0; d < deleted.length(); d++) if (deleted.get(d)) w.deleteDocuments(new Term(ID, Integer.toString(d)));
      if (merge) w.forceMergeDeletes(true);
      w.commit();
    }
    return dir;
  }

  private static FixedBitSet random(Random random, int n, int oneIn) {
    FixedBitSet s = new FixedBitSet(n);
    for (int d = 0; d < n; d++) if (random.nextInt(oneIn) == 0) s.set(d);
    return s;
  }

  /** {@code view} answering its points through {@link VisiblePoints}, as the plugin's segments do. */
  private static LeafReader withVisiblePoints(LeafReader view) {
    return new FilterLeafReader(view) {
      @Override
      public PointValues getPointValues(String field) throws IOException {
        return VisiblePoints.of(view, field, super.getPointValues(field));
      }

      @Override
      public CacheHelper getCoreCacheHelper() { return null; }

      @Override
      public CacheHelper getReaderCacheHelper() { return null; }
    };
  }

  @Test
  void visiblePointsAnswerAsAnIndexWithoutTheHiddenDocuments() throws IOException {
    Random random = new Random(7);
    int[][] shapes = {{1, 8}, {1, 1}, {2, 4}, {3, 2}, {2, 8}};
    for (int[] shape : shapes) {
      for (boolean multiValued : new boolean[] {false, true}) {
        for (int round = 0; round < 3; round++) {
          int n = 200 + random.nextInt(3000);
          Corpus c = corpus(random, shape[0], shape[1], multiValued, n);
          FixedBitSet deleted = round == 0 ? new FixedBitSet(n) : random(random, n, 10);
          FixedBitSet hidden = random(random, n, round == 2 ? 2 : 5);
          FixedBitSet gone = deleted.clone();
          gone.or(hidden);
          try (Directory segmentDir = index(c, deleted, false); Directory referenceDir = index(c, gone, true);
              DirectoryReader segment = DirectoryReader.open(segmentDir);
              DirectoryReader reference = DirectoryReader.open(referenceDir)) {
            String what = "shape " + shape[0] + "x" + shape[1] + " multi " + multiValued + " round " + round;
            LeafReader view = withVisiblePoints(VisibleLeafReader.hiding(segment.leaves().get(0).reader(), hidden.clone()));
            LeafReader ref = reference.leaves().isEmpty() ? null : reference.leaves().get(0).reader();
            compare(what, random, c, view, ref);
          }
        }
      }
    }
  }

  private static void compare(String what, Random random, Corpus c, LeafReader view, LeafReader ref) throws IOException {
    PointValues seen = view.getPointValues(FIELD);
    PointValues expected = ref == null ? null : ref.getPointValues(FIELD);
    if (expected == null || expected.size() == 0) {
      assertThat(seen).as(what).isNull();
      return;
    }
    assertThat(seen).as(what).isNotNull();
    assertThat(seen.getMinPackedValue()).as(what).isEqualTo(expected.getMinPackedValue());
    assertThat(seen.getMaxPackedValue()).as(what).isEqualTo(expected.getMaxPackedValue());
    assertThat(seen.size()).as(what).isEqualTo(expected.size());
    assertThat(seen.getDocCount()).as(what).isEqualTo(expected.getDocCount());
    PointValues.PointTree root = seen.getPointTree();
    assertThat(root.moveToChild()).as(what).isFalse();
    assertThat(root.size()).as(what).isEqualTo(expected.size());
    assertThat(root.getMinPackedValue()).as(what).isEqualTo(expected.getMinPackedValue());

    IndexSearcher viewSearcher = new IndexSearcher(view);
    IndexSearcher refSearcher = new IndexSearcher(ref);
    viewSearcher.setQueryCache(null);
    refSearcher.setQueryCache(null);
    for (int q = 0; q < 20; q++) {
      byte[][] lower = new byte[c.dims()][c.bytes()];
      byte[][] upper = new byte[c.dims()][c.bytes()];
      for (int d = 0; d < c.dims(); d++) {
        for (int b = 0; b < c.bytes(); b++) {
          int x = random.nextInt(6) * 51;
          int y = random.nextInt(6) * 51;
          lower[d][b] = (byte) Math.min(x, y);
          upper[d][b] = (byte) Math.max(x, y);
        }
      }
      if (q == 0) { // everything: covers the visible bounds, the case range rewrites and count shortcuts take
        for (int d = 0; d < c.dims(); d++) {
          Arrays.fill(lower[d], (byte) 0);
          Arrays.fill(upper[d], (byte) 0xff);
        }
      }
      Query range = BinaryPoint.newRangeQuery(FIELD, lower, upper);
      assertThat(viewSearcher.count(range)).as(what + " " + range).isEqualTo(refSearcher.count(range));
      assertThat(ids(view, seen, range)).as(what + " " + range).isEqualTo(ids(ref, expected, range));
    }
  }

  /**
   * The ids of the documents {@code points} hands a visitor for {@code range} (by intersect, over the live documents
   * of {@code reader}), checking that no visitor is grown beyond what it is then given.
   */
  private static FixedBitSet ids(LeafReader reader, PointValues points, Query range) throws IOException {
    byte[] lo = ((PointRangeQuery) range).getLowerPoint();
    byte[] hi = ((PointRangeQuery) range).getUpperPoint();
    int dims = points.getNumIndexDimensions();
    int bytes = points.getBytesPerDimension();
    NumericDocValues idValues = reader.getNumericDocValues(ID);
    long[] idOf = new long[reader.maxDoc()];
    for (int d = idValues.nextDoc(); d != NumericDocValues.NO_MORE_DOCS; d = idValues.nextDoc()) idOf[d] = idValues.longValue();
    Bits live = reader.getLiveDocs();
    FixedBitSet out = new FixedBitSet(100_000);
    long[] grown = new long[2];
    points.intersect(new IntersectVisitor() {
      private void take(int docID) {
        if (live != null && !live.get(docID)) return;
        out.set((int) idOf[docID]);
      }

      @Override
      public void grow(int count) { grown[0] += count; }

      @Override
      public void visit(int docID) {
        grown[1]++;
        take(docID);
      }

      @Override
      public void visit(int docID, byte[] v) {
        grown[1]++;
        for (int d = 0; d < dims; d++) {
          int from = d * bytes;
          if (Arrays.compareUnsigned(v, from, from + bytes, lo, from, from + bytes) < 0
              || Arrays.compareUnsigned(v, from, from + bytes, hi, from, from + bytes) > 0) return;
        }
        take(docID);
      }

      @Override
      public Relation compare(byte[] min, byte[] max) {
        boolean inside = true;
        for (int d = 0; d < dims; d++) {
          int from = d * bytes;
          if (Arrays.compareUnsigned(max, from, from + bytes, lo, from, from + bytes) < 0
              || Arrays.compareUnsigned(min, from, from + bytes, hi, from, from + bytes) > 0) {
            return Relation.CELL_OUTSIDE_QUERY;
          }
          inside &= Arrays.compareUnsigned(min, from, from + bytes, lo, from, from + bytes) >= 0
              && Arrays.compareUnsigned(max, from, from + bytes, hi, from, from + bytes) <= 0;
        }
        return inside ? Relation.CELL_INSIDE_QUERY : Relation.CELL_CROSSES_QUERY;
      }
    });
    if (points.getClass().getEnclosingClass() == VisiblePoints.class) {
      assertThat(grown[0]).as("grown by what it was handed, at most").isLessThanOrEqualTo(grown[1]);
    }
    return out;
  }

  @Test
  void nothingHiddenOrDeletedIsTheSegmentsOwnPointsAndNoVisiblePointIsNull() throws IOException {
    Random random = new Random(3);
    Corpus c = corpus(random, 1, 8, false, 500);
    try (Directory dir = index(c, new FixedBitSet(500), false); DirectoryReader r = DirectoryReader.open(dir)) {
      LeafReader segment = r.leaves().get(0).reader();
      PointValues own = segment.getPointValues(FIELD);
      assertThat(VisiblePoints.of(VisibleLeafReader.hiding(segment, new FixedBitSet(500)), FIELD, own)).isSameAs(own);
      FixedBitSet all = new FixedBitSet(500);
      all.set(0, 500);
      assertThat(VisiblePoints.of(VisibleLeafReader.hiding(segment, all), FIELD, own)).isNull();
      assertThat(VisiblePoints.of(VisibleLeafReader.hiding(segment, all), FIELD, null)).isNull();
    }
  }

  @Test
  void longPointsThroughAPlainViewToo() throws IOException {
    Directory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
      for (long v : new long[] {5, 1, 9, 3}) {
        Document doc = new Document();
        doc.add(new LongPoint(FIELD, v));
        w.addDocument(doc);
      }
    }
    try (DirectoryReader r = DirectoryReader.open(dir)) {
      LeafReader segment = r.leaves().get(0).reader();
      FixedBitSet hidden = new FixedBitSet(4);
      hidden.set(2); // 9, the maximum
      hidden.set(1); // 1, the minimum
      PointValues p = VisiblePoints.of(VisibleLeafReader.hiding(segment, hidden), FIELD, segment.getPointValues(FIELD));
      assertThat(LongPoint.decodeDimension(p.getMinPackedValue(), 0)).isEqualTo(3);
      assertThat(LongPoint.decodeDimension(p.getMaxPackedValue(), 0)).isEqualTo(5);
      assertThat(p.size()).isEqualTo(2);
      assertThat(p.getDocCount()).isEqualTo(2);
    }
    dir.close();
  }
}
