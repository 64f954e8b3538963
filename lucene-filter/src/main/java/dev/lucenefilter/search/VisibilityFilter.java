package dev.lucenefilter.search;

import java.io.IOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * What a jurisdiction may see. {@link SearchService} applies it to every search, count, page, highlight and
 * get-by-id, as a reader view ({@link #view}) when the filter offers one, else as a non-scoring FILTER clause;
 * there is no path around it.
 *
 * <p>Implementations must be thread-safe, must fail closed (throw rather than return a query that shows too
 * much) and should be fast: the returned query runs on every request.
 */
public interface VisibilityFilter {

  /**
   * A query matching exactly the documents of {@code searcher}'s reader that {@code jurisdiction} may see; its
   * scores are ignored.
   *
   * @throws IllegalArgumentException when the jurisdiction is unknown (the request is refused)
   */
  Query visible(IndexSearcher searcher, String jurisdiction) throws IOException;

  /**
   * Optionally, the reader through which {@code jurisdiction} sees exactly what it may see (its hidden documents
   * look deleted), or null to use {@link #visible} as a FILTER clause. {@link SearchService} searches a view when
   * there is one: a top-k query keeps all of Lucene's skipping, which an extra clause can defeat. The view must
   * agree with {@link #visible} and fail the same way for unknown jurisdictions.
   */
  default IndexReader view(DirectoryReader reader, String jurisdiction) throws IOException {
    return null;
  }

  /**
   * This filter as one request sees it: every call of the returned filter answers from the same policy and the same
   * instant, so a request's view, filter clause, statistics and prefix expansion cannot straddle a reload or a
   * rule's date. {@link SearchService} asks for it once per request. The default, for filters whose answer does
   * not change over time, is the filter itself.
   */
  default VisibilityFilter forOneRequest() {
    return this;
  }

  /**
   * Accepts any jurisdiction code and hides nothing: for indexes without policies (tools, tests). Callers that
   * show results to people should say that they are unfiltered.
   */
  static VisibilityFilter unfiltered() {
    return Unfiltered.INSTANCE;
  }
}

/** See {@link VisibilityFilter#unfiltered()}. */
enum Unfiltered implements VisibilityFilter {
  INSTANCE;

  @Override
  public Query visible(IndexSearcher searcher, String jurisdiction) {
    return new MatchAllDocsQuery();
  }

  /** Nothing is hidden, so the reader is its own view (and statistics need no per-request pass). */
  @Override
  public IndexReader view(DirectoryReader reader, String jurisdiction) {
    return reader;
  }
}
