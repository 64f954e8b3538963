package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.Rule;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.Bits;

/**
 * Aggregates for transparency reports: per jurisdiction, how many indexed posts and channels are withheld, and
 * per rule how many records it withholds (a record hidden by several rules counts for each). Counts only: no ids,
 * no content.
 */
public final class TransparencyReport {
  private TransparencyReport() {}

  /** Records one rule withholds in one jurisdiction. */
  public record RuleCount(String ruleId, String category, String legalBasis, long records) {}

  /** The withheld records of one jurisdiction. */
  public record JurisdictionCounts(String jurisdiction, long posts, long channels, long hiddenPosts,
      long hiddenChannels, List<RuleCount> byRule) {}

  /** Counts over everything {@code reader} holds, under {@code snapshot} at {@code at}. */
  public static List<JurisdictionCounts> compute(DirectoryReader reader, PolicySnapshot snapshot,
      Collection<String> jurisdictions, Instant at, ContentFilters filters) throws IOException {
    ExclusionCache cache = new ExclusionCache(filters, UnknownJurisdictions.ERROR, ExclusionCache.DEFAULT_MAX_BYTES);
    DecisionEngine engine = DecisionEngine.create(snapshot, filters, UnknownJurisdictions.ERROR);
    IndexedRecords records = new IndexedRecords(reader);
    List<JurisdictionCounts> out = new ArrayList<>();
    for (String j : jurisdictions) {
      ReaderExclusions ex = cache.exclusions(reader, snapshot, j, at);
      long posts = 0, channels = 0, hiddenPosts = 0, hiddenChannels = 0;
      Map<String, long[]> byRule = new TreeMap<>();
      for (LeafReaderContext leaf : reader.leaves()) {
        HiddenDocs hidden = ex.forSegment(leaf.reader());
        Bits live = leaf.reader().getLiveDocs();
        var kinds = leaf.reader().storedFields();
        for (int d = 0; d < leaf.reader().maxDoc(); d++) {
          if (live != null && !live.get(d)) continue;
          String kind = kinds.document(d, java.util.Set.of(FilterFields.KIND)).get(FilterFields.KIND);
          if (FilterFields.KIND_REJECTED_CHANNEL.equals(kind)) continue; // a tombstone, not a record
          boolean isPost = FilterFields.KIND_POST.equals(kind);
          if (isPost) posts++; else channels++;
          if (!hidden.isHidden(d)) continue;
          if (isPost) hiddenPosts++; else hiddenChannels++;
          for (String rule : records.decide(engine, records.view(leaf.docBase + d), j, at).rules()) {
            byRule.computeIfAbsent(rule, k -> new long[1])[0]++;
          }
        }
      }
      List<RuleCount> counts = new ArrayList<>();
      for (var e : byRule.entrySet()) {
        Rule r = snapshot.rule(e.getKey()).orElse(null);
        counts.add(new RuleCount(e.getKey(), r == null ? "" : r.category(), r == null ? "" : r.legalBasis(), e.getValue()[0]));
      }
      out.add(new JurisdictionCounts(j, posts, channels, hiddenPosts, hiddenChannels, counts));
    }
    return out;
  }
}
