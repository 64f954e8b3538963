package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The channels an index remembers as rejected at index time.
 *
 * <p>A channel record that an active {@code reject} rule matches (by its id, username, title, description or
 * flags) is never stored. Its posts must not be stored or shown either (docs/reference.md §2: a reject match on a channel
 * rejects the channel and all its posts), yet once the record is dropped nothing in the index could match them:
 * a post carries its channel's id, not the channel's title or flags. So the index keeps a tombstone per rejected
 * channel instead: a document of kind {@link FilterFields#KIND_REJECTED_CHANNEL} holding the channel id and the
 * rule ids ({@link FilterFields#REJECTED_BY}), and nothing of the channel's content.
 *
 * <p>Guarantees, in every jurisdiction and whatever the policy says now (a tombstone is a decision already made
 * on content the index no longer has, so it fails closed): posts of a tombstoned channel are rejected when
 * indexed later; those stored before the rejection, and any older record of the channel itself, are hidden by
 * query-time filtering ({@link ExclusionCache}) and explained and purged as rejected ({@link #reject}); the
 * tombstones themselves are hidden too. A tombstone goes only when the channel record is indexed again and
 * admitted. Thread-safe (stateless).
 */
public final class RejectedChannels {
  private RejectedChannels() {}

  /** One remembered rejection: the channel id and the reject rules that matched it, sorted. */
  public record Tombstone(String channelId, List<String> rules) {
    public Tombstone {
      rules = List.copyOf(new TreeSet<>(rules));
      if (rules.isEmpty()) throw new IllegalArgumentException("tombstone of channel " + channelId + " names no rule");
    }
  }

  private static final Set<String> FIELDS = Set.of(FilterFields.ID, FilterFields.REJECTED_BY);

  /** Every live tombstone of {@code reader} (an index, or one segment), by channel id. */
  public static Map<String, Tombstone> all(IndexReader reader) throws IOException {
    Map<String, Tombstone> out = new HashMap<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(FilterFields.KIND);
      TermsEnum te = terms == null ? null : terms.iterator();
      if (te == null || !te.seekExact(new BytesRef(FilterFields.KIND_REJECTED_CHANNEL))) continue;
      PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
      Bits live = leaf.reader().getLiveDocs();
      StoredFields stored = leaf.reader().storedFields();
      for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
        if (live != null && !live.get(d)) continue;
        Document doc = stored.document(d, FIELDS);
        String id = doc.get(FilterFields.ID);
        String[] rules = doc.getValues(FilterFields.REJECTED_BY);
        if (id == null || rules.length == 0) {
          // Fail closed: a tombstone we cannot read would let the channel's posts through.
          throw new IllegalStateException("tombstone document " + d + " has no stored channel id or rules");
        }
        out.put(id, new Tombstone(id, Arrays.asList(rules)));
      }
    }
    return out;
  }

  /**
   * The decision for a stored record of a rejected channel (one of its posts, or an older record of the channel):
   * {@code reject}, by the tombstone's rules and any reject rules the record matches itself; hiding matches give
   * way, as in every decision with a reject rule. Rules the current policy no longer holds are still named.
   */
  static Decision reject(Decision own, Tombstone t, PolicySnapshot snapshot) {
    List<RuleMatch> matches = new ArrayList<>();
    TreeSet<String> rules = new TreeSet<>(t.rules());
    Set<String> matched = new HashSet<>();
    if (own.outcome() == Decision.Outcome.REJECT) {
      matches.addAll(own.matches());
      rules.addAll(own.rules());
      for (RuleMatch m : own.matches()) matched.add(m.ruleId());
    }
    for (String r : t.rules()) {
      if (matched.contains(r)) continue;
      matches.add(new RuleMatch(r, snapshot.rule(r).orElse(null), MatchSink.Side.CHANNEL,
          "channel " + t.channelId() + " was rejected at index time (its record is not stored)"));
    }
    matches.sort(Comparator.comparing(RuleMatch::ruleId));
    return new Decision(Decision.Outcome.REJECT, new ArrayList<>(rules), matches, own.jurisdiction(),
        own.policyVersion());
  }
}
