package dev.lucenefilter.example;

import dev.lucenefilter.filter.ContentFilter;
import dev.lucenefilter.filter.FilterContext;
import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.MatchSink;
import dev.lucenefilter.filter.RecordView;
import dev.lucenefilter.filter.SegmentDocs;
import java.io.IOException;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;

/**
 * A third-party filter outside the library's packages, built on public API only: in one jurisdiction, hide posts
 * whose upstream score for a flag is at least a threshold (a rule a policy file cannot express per tenant).
 */
public final class MinimumScoreFilter implements ContentFilter {
  private final String jurisdiction;
  private final String flag;
  private final double threshold;

  public MinimumScoreFilter(String jurisdiction, String flag, double threshold) {
    this.jurisdiction = jurisdiction;
    this.flag = flag;
    this.threshold = threshold;
  }

  /** The rule id this filter reports in decisions and explanations. */
  public String ruleId() {
    return "custom:" + flag + ">=" + threshold;
  }

  @Override
  public String name() {
    return "minimum-score";
  }

  @Override
  public void match(FilterContext ctx, RecordView record, MatchSink sink) {
    if (!ctx.jurisdiction().equals(jurisdiction) || !record.hasPostSide()) return;
    Double score = record.postFlags().get(flag);
    if (score != null && score >= threshold) sink.matched(ruleId(), null, MatchSink.Side.POST, flag + " " + score);
  }

  @Override
  public void hidden(FilterContext ctx, LeafReaderContext segment, FixedBitSet out) throws IOException {
    if (!ctx.jurisdiction().equals(jurisdiction)) return;
    FixedBitSet bits = new FixedBitSet(out.length());
    SegmentDocs.matching(segment, DoublePoint.newRangeQuery(FilterFields.flag(flag), threshold, Double.POSITIVE_INFINITY), bits);
    SegmentDocs.keepKind(FilterFields.KIND_POST, segment, bits);
    out.or(bits);
  }

  @Override
  public String cacheKey(FilterContext ctx) {
    // Configuration, not rules: cached exclusions must be rebuilt when it changes.
    return jurisdiction + "/" + flag + ">=" + threshold;
  }
}
