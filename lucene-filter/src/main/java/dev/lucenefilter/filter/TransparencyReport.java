package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.Rule;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;

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
    long posts = records.count(FilterFields.KIND_POST), channels = records.count(FilterFields.KIND_CHANNEL);
    List<JurisdictionCounts> out = new ArrayList<>();
    for (String j : jurisdictions) {
      Map<RecordView.Kind, Long> hidden = new EnumMap<>(RecordView.Kind.class);
      Map<String, Long> byRule = new TreeMap<>();
      records.forEachHidden(cache.exclusions(reader, snapshot, j, at), null, v -> {
        hidden.merge(v.kind(), 1L, Long::sum);
        for (String rule : records.decide(engine, v, j, at).rules()) byRule.merge(rule, 1L, Long::sum);
      });
      List<RuleCount> counts = new ArrayList<>();
      byRule.forEach((id, n) -> {
        Rule r = snapshot.rule(id).orElse(null);
        counts.add(new RuleCount(id, r == null ? "" : r.category(), r == null ? "" : r.legalBasis(), n));
      });
      out.add(new JurisdictionCounts(j, posts, channels, hidden.getOrDefault(RecordView.Kind.POST, 0L),
          hidden.getOrDefault(RecordView.Kind.CHANNEL, 0L), counts));
    }
    return out;
  }
}
