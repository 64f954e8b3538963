package dev.lucenefilter.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How the effective rules of each jurisdiction differ between two snapshots, inherited effects included (a rule
 * added to GLOBAL appears in every jurisdiction). Immutable.
 *
 * @param jurisdictions one entry per code in either snapshot, sorted by code
 */
public record PolicyDiff(List<JurisdictionDiff> jurisdictions) {
  public PolicyDiff {
    jurisdictions = List.copyOf(jurisdictions);
  }

  /**
   * One jurisdiction's difference. {@code existedBefore}/{@code existsAfter} tell a new or removed jurisdiction;
   * the lists are sorted by rule id.
   */
  public record JurisdictionDiff(String code, boolean existedBefore, boolean existsAfter, List<Rule> added,
      List<Rule> removed, List<Change> changed) {
    public JurisdictionDiff {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
      changed = List.copyOf(changed);
    }

    /** True when nothing differs. */
    public boolean isEmpty() {
      return existedBefore == existsAfter && added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
  }

  /** A rule whose id stayed but whose content changed; {@code fields} names what changed, in JSON terms. */
  public record Change(Rule before, Rule after, List<String> fields) {
    public Change {
      fields = List.copyOf(fields);
    }
  }

  /** True when no jurisdiction differs. */
  public boolean isEmpty() { return jurisdictions.stream().allMatch(JurisdictionDiff::isEmpty); }

  /** The difference from {@code before} to {@code after}. */
  public static PolicyDiff between(PolicySnapshot before, PolicySnapshot after) {
    TreeSet<String> codes = new TreeSet<>(before.jurisdictions());
    codes.addAll(after.jurisdictions());
    List<JurisdictionDiff> out = new ArrayList<>();
    for (String code : codes) {
      Map<String, Rule> b = byId(before.hasJurisdiction(code) ? before.effectiveRules(code) : List.of());
      Map<String, Rule> a = byId(after.hasJurisdiction(code) ? after.effectiveRules(code) : List.of());
      List<Rule> added = new ArrayList<>();
      List<Rule> removed = new ArrayList<>();
      List<Change> changed = new ArrayList<>();
      for (Rule r : a.values()) {
        Rule old = b.get(r.id());
        List<String> fields = old == null ? List.of() : changedFields(old, r);
        if (old == null) added.add(r);
        else if (!fields.isEmpty()) changed.add(new Change(old, r, fields));
      }
      for (Rule r : b.values()) if (!a.containsKey(r.id())) removed.add(r);
      out.add(new JurisdictionDiff(code, before.hasJurisdiction(code), after.hasJurisdiction(code), added, removed, changed));
    }
    return new PolicyDiff(out);
  }

  private static Map<String, Rule> byId(Collection<Rule> rules) {
    return rules.stream().collect(Collectors.toMap(Rule::id, r -> r, (a, b) -> b, TreeMap::new));
  }

  /** The names of the fields that differ: common fields in canonical order, then parameters by name. */
  static List<String> changedFields(Rule a, Rule b) {
    Map<String, Object> x = Canonical.fields(a);
    Map<String, Object> y = Canonical.fields(b);
    Set<String> params = new TreeSet<>(x.keySet());
    params.addAll(y.keySet());
    Set<String> names = new LinkedHashSet<>(Canonical.HEADER);
    names.addAll(params);
    return names.stream().filter(n -> !Objects.equals(x.get(n), y.get(n))).toList();
  }
}
