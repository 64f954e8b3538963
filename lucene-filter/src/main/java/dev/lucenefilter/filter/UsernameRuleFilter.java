package dev.lucenefilter.filter;

import dev.lucenefilter.policy.UsernameRule;
import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;

/**
 * Built-in filter for {@code username} rules. A post's own {@code channel_username} is on both of its sides; the
 * channel record's username is on the channel side (carried to posts through the channel); with {@code
 * mentions}, a post whose text or links mention the username matches on its post side.
 */
final class UsernameRuleFilter extends RuleFilter<UsernameRule> {
  UsernameRuleFilter() { super(UsernameRule.class, "username"); }

  @Override
  public void match(FilterContext ctx, RecordView record, MatchSink sink) {
    var byName = ctx.byValue(UsernameRule.class, UsernameRule::usernames);
    if (byName.isEmpty()) return;
    // Only rules naming a username the record holds can match; each is then checked side by side.
    java.util.Set<UsernameRule> candidates = new java.util.LinkedHashSet<>();
    for (String u : record.channelSideUsernames()) candidates.addAll(byName.getOrDefault(u, java.util.List.of()));
    if (record.hasPostSide()) {
      for (String u : record.postLinks().mentions()) candidates.addAll(byName.getOrDefault(u, java.util.List.of()));
    }
    for (UsernameRule r : candidates) {
      String found = null;
      MatchSink.Side side = null;
      if (record.hasPostSide() && readsPost(r)) {
        for (String u : record.postSideUsernames()) if (r.usernames().contains(u)) { found = "channel username @" + u; side = MatchSink.Side.POST; }
        if (found == null && r.mentions()) {
          for (String u : record.postLinks().mentions()) {
            if (r.usernames().contains(u)) { found = "mention of @" + u; side = MatchSink.Side.POST; break; }
          }
        }
      }
      if (found == null && readsChannel(r)) {
        for (String u : record.channelSideUsernames()) if (r.usernames().contains(u)) { found = "channel username @" + u; side = MatchSink.Side.CHANNEL; }
      }
      if (found != null) sink.matched(r.id(), r, side, found);
    }
  }

  @Override
  void ruleDocs(FilterContext ctx, UsernameRule r, LeafReaderContext segment, FixedBitSet out) throws IOException {
    var leaf = segment.reader();
    SegmentDocs.terms(leaf, FilterFields.USERNAME, r.usernames(), out);
    if (!readsChannel(r)) SegmentDocs.keepKind(FilterFields.KIND_POST, segment, out);
    if (r.mentions() && readsPost(r)) {
      FixedBitSet mentions = new FixedBitSet(out.length());
      SegmentDocs.terms(leaf, FilterFields.MENTION, r.usernames(), mentions);
      SegmentDocs.keepKind(FilterFields.KIND_POST, segment, mentions);
      out.or(mentions);
    }
  }
}
