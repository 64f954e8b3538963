package dev.lucenefilter.opensearch;

import dev.lucenefilter.filter.VisiblePoints;
import dev.lucenefilter.filter.VisibleStatistics;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.codecs.StoredFieldsReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesSkipper;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.util.Bits;
import org.opensearch.common.lucene.index.SequentialStoredFieldsLeafReader;

/**
 * A shard's reader as one jurisdiction sees it: every segment's live documents are the library's visible
 * documents ({@code ExclusionCache#visibleReader}), so hidden documents look deleted to every query, count,
 * aggregation, fetch and get. The sets are built lazily ({@link LazyExclusions}).
 *
 * <p>OpenSearch requires a wrapper to keep its reader reachable and to delegate the top-level reader cache key
 * (its caches key on the shard's reader); segment readers delegate only their core key (postings and doc values
 * are shared), never a reader key, because their live documents differ. The shard request cache would share
 * results across jurisdictions under that delegated key, so the plugin turns it off for every search
 * ({@link PolicyActionFilter}).
 */
final class JurisdictionDirectoryReader extends FilterDirectoryReader {
  private final LazyExclusions exclusions;

  JurisdictionDirectoryReader(DirectoryReader in, LazyExclusions exclusions) throws IOException {
    super(in, new SubReaderWrapper() {
      @Override
      public LeafReader wrap(LeafReader reader) {
        List<LeafReaderContext> leaves = in.leaves();
        for (int i = 0; i < leaves.size(); i++) {
          if (leaves.get(i).reader() == reader) return new JurisdictionLeafReader(reader, exclusions, i);
        }
        throw new IllegalStateException("segment " + reader + " is not a segment of the wrapped reader");
      }
    });
    this.exclusions = exclusions;
  }

  LazyExclusions exclusions() { return exclusions; }

  @Override
  protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
    return new JurisdictionDirectoryReader(in, exclusions.on(in));
  }

  @Override
  public CacheHelper getReaderCacheHelper() { return in.getReaderCacheHelper(); }

  /** The jurisdiction reader under any number of filter readers (OpenSearch adds its own), or null. */
  static JurisdictionDirectoryReader find(IndexReader reader) {
    IndexReader r = reader;
    while (r instanceof FilterDirectoryReader f) {
      if (f instanceof JurisdictionDirectoryReader j) return j;
      r = f.getDelegate();
    }
    return null;
  }

  /**
   * One segment: live documents, term statistics and point bounds, from the library's view of the segment. A {@link
   * SequentialStoredFieldsLeafReader}, because OpenSearch's fetch phase asks for a sequential stored-fields reader
   * when it loads ten or more consecutive documents and fails on any other filter reader; the stored fields are the
   * segment's, so the segment's sequential reader is returned as it is (hidden documents are never fetched: they
   * are never hits).
   */
  static final class JurisdictionLeafReader extends SequentialStoredFieldsLeafReader {
    private final LazyExclusions exclusions;
    private final int ord;

    JurisdictionLeafReader(LeafReader in, LazyExclusions exclusions, int ord) {
      super(in);
      this.exclusions = exclusions;
      this.ord = ord;
    }

    @Override
    public Bits getLiveDocs() { return exclusions.leaf(ord).getLiveDocs(); }

    /**
     * The segment's terms with statistics over the visible documents only, so BM25 scores, {@code explain} and
     * term-frequency aggregations never count a hidden record ({@link VisibleStatistics#terms}).
     */
    @Override
    public Terms terms(String field) throws IOException {
      Terms terms = super.terms(field);
      return terms == null ? null
          : VisibleStatistics.terms(terms, field, () -> exclusions.leaf(ord), exclusions::leaves);
    }

    /**
     * The segment's points with bounds and counts over the visible documents only ({@link VisiblePoints}): OpenSearch
     * reads a segment's point bounds to skip shards, rewrite ranges, bound histograms and count, so the segment's
     * own, over every record, would tell the dates of hidden ones. Null when no visible record has the field.
     */
    @Override
    public PointValues getPointValues(String field) throws IOException {
      return VisiblePoints.of(exclusions.leaf(ord), field, super.getPointValues(field));
    }

    /**
     * None: a skip index holds each block's and the segment's minimum, maximum and document count over every record
     * (a date field has one when the index is sorted on it, is named {@code @timestamp} or sets {@code skip_list}),
     * and OpenSearch's histograms count its blocks without reading live documents. Every caller handles a field
     * without one, as for any field that was not indexed with it.
     */
    @Override
    public DocValuesSkipper getDocValuesSkipper(String field) { return null; }

    @Override
    public int numDocs() { return exclusions.leaf(ord).numDocs(); }

    @Override
    public CacheHelper getCoreCacheHelper() { return in.getCoreCacheHelper(); }

    @Override
    public CacheHelper getReaderCacheHelper() { return null; }

    @Override
    protected StoredFieldsReader doGetSequentialStoredFieldsReader(StoredFieldsReader reader) { return reader; }
  }
}
