package dev.lucenefilter.filter;

import java.io.IOException;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;

/**
 * A third-party filter as a user would write one, registered through {@code META-INF/services} in the test
 * resources: in jurisdiction {@code XT} only, hide posts whose {@code spam} flag is at least 0.5.
 */
public final class SpamThresholdTestFilter implements ContentFilter {
  static final String JURISDICTION = "XT";
  static final double THRESHOLD = 0.5;
  static final String RULE_ID = "custom:spam>=0.5";

  @Override
  public String name() { return "test-spam-threshold"; }

  @Override
  public void match(FilterContext ctx, RecordView record, MatchSink sink) {
    if (!ctx.jurisdiction().equals(JURISDICTION) || !record.hasPostSide()) return;
    Double v = record.postFlags().get("spam");
    if (v != null && v >= THRESHOLD) sink.matched(RULE_ID, null, MatchSink.Side.POST, "spam " + v);
  }

  @Override
  public void hidden(FilterContext ctx, LeafReaderContext segment, FixedBitSet out) throws IOException {
    if (!ctx.jurisdiction().equals(JURISDICTION)) return;
    FixedBitSet bits = new FixedBitSet(out.length());
    SegmentDocs.matching(segment, DoublePoint.newRangeQuery(FilterFields.flag("spam"), THRESHOLD, Double.POSITIVE_INFINITY), bits);
    SegmentDocs.keepKind(FilterFields.KIND_POST, segment, bits);
    out.or(bits);
  }

  @Override
  public String cacheKey(FilterContext ctx) { return "spam>=" + THRESHOLD; }
}
