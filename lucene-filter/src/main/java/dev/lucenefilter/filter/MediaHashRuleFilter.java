package dev.lucenefilter.filter;

import dev.lucenefilter.policy.MediaHashRule;
import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;

/** Built-in filter for {@code media_hash} rules: SHA-256 of a post's media (post side only). */
final class MediaHashRuleFilter extends RuleFilter<MediaHashRule> {
  MediaHashRuleFilter() { super(MediaHashRule.class, "media_hash"); }

  @Override
  public void match(FilterContext ctx, RecordView record, MatchSink sink) {
    if (!record.hasPostSide()) return;
    var byHash = ctx.byValue(MediaHashRule.class, MediaHashRule::sha256);
    java.util.Set<String> reported = new java.util.HashSet<>();
    for (String h : record.media()) {
      for (MediaHashRule r : byHash.getOrDefault(h, java.util.List.of())) {
        if (readsPost(r) && reported.add(r.id())) sink.matched(r.id(), r, MatchSink.Side.POST, "media sha256 " + h);
      }
    }
  }

  @Override
  void ruleDocs(FilterContext ctx, MediaHashRule r, LeafReaderContext segment, FixedBitSet out) throws IOException {
    if (!readsPost(r)) return;
    SegmentDocs.terms(segment.reader(), FilterFields.MEDIA, r.sha256(), out);
    SegmentDocs.keepKind(FilterFields.KIND_POST, segment, out);
  }
}
