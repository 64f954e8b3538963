package dev.lucenefilter.filter;

import dev.lucenefilter.policy.DomainRule;
import dev.lucenefilter.text.Domains;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import dev.lucenefilter.text.LinkFinding;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;

/**
 * Built-in filter for {@code domain} rules: a rule entry matches a domain and all its subdomains, found in a
 * post's links and text (post side) or a channel's title and description (channel side).
 */
final class DomainRuleFilter extends RuleFilter<DomainRule> {
  DomainRuleFilter() { super(DomainRule.class, "domain"); }

  @Override
  public void match(FilterContext ctx, RecordView record, MatchSink sink) {
    var byDomain = ctx.byValue(DomainRule.class, DomainRule::domains);
    if (byDomain.isEmpty()) return;
    // Only rules listing one of the record's domain suffixes can match.
    java.util.Set<DomainRule> candidates = new java.util.LinkedHashSet<>();
    if (record.hasPostSide()) {
      for (String d : record.postDomainSuffixes()) candidates.addAll(byDomain.getOrDefault(d, List.of()));
    }
    for (String d : record.channelDomainSuffixes()) candidates.addAll(byDomain.getOrDefault(d, List.of()));
    for (DomainRule r : candidates) {
      if (record.hasPostSide() && readsPost(r) && intersects(r, record.postDomainSuffixes())) {
        sink.matched(r.id(), r, MatchSink.Side.POST, where(r, record.postLinkFindings()));
      } else if (readsChannel(r) && intersects(r, record.channelDomainSuffixes())) {
        sink.matched(r.id(), r, MatchSink.Side.CHANNEL, find(r, record.channelDomains()));
      }
    }
  }

  /** Cheap test first: most records have no domain, and most rules match none of a record's suffixes. */
  private static boolean intersects(DomainRule r, Set<String> suffixes) {
    for (String s : suffixes) if (r.domains().contains(s)) return true;
    return false;
  }

  /** The evidence for a post-side match: the domain, the rule entry, and the link or text span it came from. */
  private static String where(DomainRule r, List<LinkFinding> findings) {
    for (LinkFinding f : findings) {
      if (f.kind() != LinkFinding.Kind.DOMAIN) continue;
      String hit = find(r, Set.of(f.value()));
      if (hit != null) {
        return hit + (f.source().equals(LinkFinding.TEXT) ? " in text at " + f.start() + "-" + f.end() : " in " + f.source());
      }
    }
    throw new IllegalStateException("a matching suffix without a finding");
  }

  /** The evidence for a match that {@link #intersects} found. */
  private static String find(DomainRule r, Set<String> domains) {
    for (String d : domains) {
      for (String suffix : Domains.suffixes(d)) {
        if (r.domains().contains(suffix)) return "domain " + d + (suffix.equals(d) ? "" : " (under " + suffix + ")");
      }
    }
    return null;
  }

  @Override
  void ruleDocs(FilterContext ctx, DomainRule r, LeafReaderContext segment, FixedBitSet out) throws IOException {
    SegmentDocs.terms(segment.reader(), FilterFields.DOMAIN, r.domains(), out);
    restrictToSides(r, segment, out);
  }
}
