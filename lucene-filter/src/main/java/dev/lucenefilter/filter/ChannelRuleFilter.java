package dev.lucenefilter.filter;

import dev.lucenefilter.policy.ChannelRule;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;

/**
 * Built-in filter for {@code channel} rules: exact channel ids. A post's channel id is the same on both its
 * sides, so a post matches whatever the target; a channel record matches when the rule reads the channel side.
 */
final class ChannelRuleFilter extends RuleFilter<ChannelRule> {
  ChannelRuleFilter() { super(ChannelRule.class, "channel"); }

  @Override
  public void match(FilterContext ctx, RecordView record, MatchSink sink) {
    for (ChannelRule r : ctx.byValue(ChannelRule.class, ChannelRule::channelIds).getOrDefault(record.channelId(), List.of())) {
      if (!record.hasPostSide() && !readsChannel(r)) continue;
      MatchSink.Side side = record.hasPostSide() && readsPost(r) ? MatchSink.Side.POST : MatchSink.Side.CHANNEL;
      sink.matched(r.id(), r, side, "channel id " + record.channelId());
    }
  }

  @Override
  void ruleDocs(FilterContext ctx, ChannelRule r, LeafReaderContext segment, FixedBitSet out) throws IOException {
    SegmentDocs.terms(segment.reader(), FilterFields.CHANNEL_ID, r.channelIds(), out);
    if (!readsChannel(r)) SegmentDocs.keepKind(FilterFields.KIND_POST, segment, out);
  }
}
