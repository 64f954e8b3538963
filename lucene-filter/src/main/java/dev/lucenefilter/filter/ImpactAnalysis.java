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
 * policy newly hides and those it unhides, counted per rule, with samples, and whether the change adds or removes
 * the jurisdiction itself. Uses the same exclusion machinery as query-time filtering, and the reference decision to
 * name the rules.
 */
public final class ImpactAnalysis {
  private ImpactAnalysis() {}

  /** Records changed by one rule. */
  public record RuleImpact(String ruleId, long records, List<String> samples) {}

  /** Whether a jurisdiction is in both policies, or only in one of them. */
  public enum Presence {
    /** In both policies. */
    KEPT,
    /**
     * Only in the new policy. Searches for it were refused before (unknown jurisdiction); after the change they are
     * filtered by its rules, and every record it hides counts as newly hidden. (Where unknown jurisdictions get
     * GLOBAL's rules, the change is counted from that GLOBAL-only view.)
     */
    ADDED,
    /**
     * Only in the old policy. After the change searches for it are refused (unknown jurisdiction: fail closed), so
     * nothing becomes visible and nothing is counted. (Where unknown jurisdictions get GLOBAL's rules, the change
     * is counted to that GLOBAL-only view: what only its own rules hid is unhidden.)
     */
    REMOVED;

    /** The presence of a jurisdiction that the old policy has ({@code was}) and the new one has ({@code is}). */
    public static Presence of(boolean was, boolean is) { return was == is ? KEPT : is ? ADDED : REMOVED; }
  }

  /**
   * The change in one jurisdiction.
   *
   * @param jurisdiction the code
   * @param presence     whether the change adds or removes the jurisdiction
   * @param newlyHidden  records visible before and hidden after
   * @param unhidden     records hidden before and visible after
   * @param hiddenBy     per rule of the new policy, the newly hidden records it matches
   * @param unhiddenFrom per rule of the old policy, the unhidden records it used to match
   */
  public record JurisdictionImpact(String jurisdiction, Presence presence, long newlyHidden, long unhidden,
      List<RuleImpact> hiddenBy, List<RuleImpact> unhiddenFrom) {}

  /**
   * Compares two policies over everything {@code reader} holds, for a service that refuses unknown jurisdictions
   * (the default, {@link UnknownJurisdictions#ERROR}).
   *
   * @param samples how many record ids to keep per rule
   * @throws UnknownJurisdictionException when a jurisdiction is in neither policy
   */
  public static List<JurisdictionImpact> compare(DirectoryReader reader, PolicySnapshot from, PolicySnapshot to,
      Collection<String> jurisdictions, Instant at, ContentFilters filters, int samples) throws IOException {
    return compare(reader, from, to, jurisdictions, at, filters, samples, UnknownJurisdictions.ERROR);
  }

  /**
   * Compares two policies over everything {@code reader} holds, for a service that treats jurisdictions without a
   * policy file as {@code unknown} says (see {@link Presence}).
   *
   * @param samples how many record ids to keep per rule
   * @throws UnknownJurisdictionException when a jurisdiction is in neither policy and {@code unknown} is {@link
   *     UnknownJurisdictions#ERROR}
   */
  public static List<JurisdictionImpact> compare(DirectoryReader reader, PolicySnapshot from, PolicySnapshot to,
      Collection<String> jurisdictions, Instant at, ContentFilters filters, int samples, UnknownJurisdictions unknown)
      throws IOException {
    ExclusionCache cache = new ExclusionCache(filters, unknown, ExclusionCache.DEFAULT_MAX_BYTES);
    DecisionEngine before = DecisionEngine.create(from, filters, unknown);
    DecisionEngine after = DecisionEngine.create(to, filters, unknown);
    IndexedRecords records = new IndexedRecords(reader);
    boolean refused = unknown == UnknownJurisdictions.ERROR;
    List<JurisdictionImpact> out = new ArrayList<>();
    for (String j : jurisdictions) {
      boolean was = from.hasJurisdiction(j);
      boolean is = to.hasJurisdiction(j);
      if (!was && !is && refused) throw new UnknownJurisdictionException(j, to.version());
      Presence presence = Presence.of(was, is);
      if (!is && refused) {
        // Searches for it will fail closed: nothing becomes visible, and there is nothing to hide.
        out.add(new JurisdictionImpact(j, presence, 0, 0, List.of(), List.of()));
        continue;
      }
      // Before an added jurisdiction existed, its searches were refused: everything it hides now is newly hidden.
      ReaderExclusions old = !was && refused ? null : cache.exclusions(reader, from, j, at);
      ReaderExclusions neu = cache.exclusions(reader, to, j, at);
      Tally hidden = new Tally(samples);
      Tally unhidden = new Tally(samples);
      records.forEachHidden(neu, old, v -> hidden.add(after.decide(v, j, at), v));
      if (old != null) records.forEachHidden(old, neu, v -> unhidden.add(before.decide(v, j, at), v));
      out.add(new JurisdictionImpact(j, presence, hidden.records, unhidden.records, hidden.impacts(), unhidden.impacts()));
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
