package dev.lucenefilter.filter;

import dev.lucenefilter.policy.ClassifierRule;
import java.io.IOException;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;

/**
 * Built-in filter for {@code classifier} rules: a flag score ≥ threshold, compared as doubles (scores are indexed
 * as exact doubles, never floats). Reads the post's flags on the post side and the channel's on the channel side.
 */
final class ClassifierRuleFilter extends RuleFilter<ClassifierRule> {
  ClassifierRuleFilter() { super(ClassifierRule.class, "classifier"); }

  @Override
  public void match(FilterContext ctx, RecordView record, MatchSink sink) {
    for (ClassifierRule r : ctx.active(ClassifierRule.class)) {
      if (record.hasPostSide() && readsPost(r)) {
        Double v = record.postFlags().get(r.flag());
        if (v != null && v >= r.threshold()) {
          sink.matched(r.id(), r, MatchSink.Side.POST, "post flag " + r.flag() + " = " + v + " ≥ " + r.threshold());
          continue;
        }
      }
      if (readsChannel(r)) {
        Double v = record.channelFlags().get(r.flag());
        if (v != null && v >= r.threshold()) {
          sink.matched(r.id(), r, MatchSink.Side.CHANNEL, "channel flag " + r.flag() + " = " + v + " ≥ " + r.threshold());
        }
      }
    }
  }

  @Override
  void ruleDocs(FilterContext ctx, ClassifierRule r, LeafReaderContext segment, FixedBitSet out) throws IOException {
    // Points order -0.0 below 0.0 although they are equal decimals; records are stored with 0.0, but an index
    // written before that may still hold -0.0, so a threshold of 0 starts the range at -0.0.
    double lower = r.threshold() == 0 ? -0.0 : r.threshold();
    SegmentDocs.matching(segment, DoublePoint.newRangeQuery(FilterFields.flag(r.flag()), lower, Double.POSITIVE_INFINITY), out);
    restrictToSides(r, segment, out);
  }
}
