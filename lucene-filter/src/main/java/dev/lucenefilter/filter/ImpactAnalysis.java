package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DirectoryReader;

/**
 * What a policy change would do before it is deployed: for each jurisdiction, the records of an index that the new
 * policy newly hides and those it unhides, counted per rule, with samples. Uses the same exclusion machinery as
 * query-time filtering, and the reference decision to name the rules.
 */
public final class ImpactAnalysis {
  private ImpactAnalysis() {}

  /** Records changed by one rule. */
  public record RuleImpact(String ruleId, long records, List<String> samples) {}

  /**
   * The change in one jurisdiction.
   *
   * @param jurisdiction the code
   * @param newlyHidden  records visible before and hidden after
   * @param unhidden     records hidden before and visible after
   * @param hiddenBy     per rule of the new policy, the newly hidden records it matches
   * @param unhiddenFrom per rule of the old policy, the unhidden records it used to match
   */
  public record JurisdictionImpact(String jurisdiction, long newlyHidden, long unhidden,
      List<RuleImpact> hiddenBy, List<RuleImpact> unhiddenFrom) {}

  /**
   * Compares two policies over everything {@code reader} holds.
   *
   * @param samples how many record ids to keep per rule
   */
  public static List<JurisdictionImpact> compare(DirectoryReader reader, PolicySnapshot from, PolicySnapshot to,
      Collection<String> jurisdictions, Instant at, ContentFilters filters, int samples) throws IOException {
    ExclusionCache cache = new ExclusionCache(filters, UnknownJurisdictions.GLOBAL_ONLY, ExclusionCache.DEFAULT_MAX_BYTES);
    DecisionEngine before = DecisionEngine.create(from, filters, UnknownJurisdictions.GLOBAL_ONLY);
    DecisionEngine after = DecisionEngine.create(to, filters, UnknownJurisdictions.GLOBAL_ONLY);
    IndexedRecords records = new IndexedRecords(reader);
    List<JurisdictionImpact> out = new ArrayList<>();
    for (String j : jurisdictions) {
      ReaderExclusions old = cache.exclusions(reader, from, j, at);
      ReaderExclusions neu = cache.exclusions(reader, to, j, at);
      Tally hidden = new Tally(samples);
      Tally unhidden = new Tally(samples);
      records.forEachHidden(neu, old, v -> hidden.add(after.decide(v, j, at), v));
      records.forEachHidden(old, neu, v -> unhidden.add(before.decide(v, j, at), v));
      out.add(new JurisdictionImpact(j, hidden.records, unhidden.records, hidden.impacts(), unhidden.impacts()));
    }
    return out;
  }

  /** The records changed one way, counted per rule of their decision, with the first few as samples. */
  private static final class Tally {
    private final int max;
    private final Map<String, long[]> counts = new TreeMap<>();
    private final Map<String, List<String>> samples = new TreeMap<>();
    private long records;

    Tally(int max) { this.max = max; }

    void add(Decision d, RecordView v) {
      records++;
      for (String rule : d.rules()) {
        counts.computeIfAbsent(rule, k -> new long[1])[0]++;
        List<String> s = samples.computeIfAbsent(rule, k -> new ArrayList<>());
        if (s.size() < max) s.add((v.kind() == RecordView.Kind.POST ? "post:" : "channel:") + v.id());
      }
    }

    List<RuleImpact> impacts() {
      List<RuleImpact> out = new ArrayList<>();
      counts.forEach((rule, n) -> out.add(new RuleImpact(rule, n[0], List.copyOf(samples.get(rule)))));
      return out;
    }
  }
}
