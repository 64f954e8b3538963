package dev.lucenefilter.filter;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.FixedBitSet;

/**
 * The helpers a third-party {@link ContentFilter} needs for {@link ContentFilter#hidden}, written in any package:
 * the documents of one segment that a Lucene query matches, and keeping only posts or only channels. They are
 * the same code the built-in filters use, so a custom filter's segment sets agree with theirs (deleted documents
 * may be set, as {@code hidden} allows).
 */
public final class SegmentDocs {
  private SegmentDocs() {}

  /** Sets in {@code out} every document of {@code segment} that {@code query} matches. */
  public static void matching(LeafReaderContext segment, Query query, FixedBitSet out) throws IOException {
    DocSets.query(segment, query, out);
  }

  /**
   * Clears in {@code bits} every document of {@code segment} that is not of {@code kind}
   * ({@link FilterFields#KIND_POST} or {@link FilterFields#KIND_CHANNEL}).
   */
  public static void keepKind(String kind, LeafReaderContext segment, FixedBitSet bits) throws IOException {
    RuleFilter.restrictToKind(kind, segment.reader(), bits);
  }
}
