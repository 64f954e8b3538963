package dev.lucenefilter.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One validated policy directory, frozen: immutable and safe to share between threads. Made by {@link
 * PolicyLoader}. A jurisdiction's effective rules are its own, every ancestor's (transitively) and GLOBAL's; GLOBAL
 * always exists (empty when the directory has no {@code GLOBAL.json}). Methods taking a code throw {@link
 * IllegalArgumentException} for a code that is not a jurisdiction of the snapshot: fail closed, never "no rules".
 */
public final class PolicySnapshot {
  private final String version;
  private final Map<String, String> jurisdictionDigests;
  private final Map<String, Jurisdiction> jurisdictions;
  private final Map<String, byte[]> sources;
  private final Map<String, Map<String, List<String>>> paths;
  private final Map<String, List<Rule>> effective;
  private final List<Rule> all;
  private final List<Rule> rejects;
  private final Map<String, Rule> byId;
  private final Set<String> ruleTypes;

  PolicySnapshot(Canonical.Digests digests, Map<String, Jurisdiction> jurisdictions, Map<String, byte[]> sources) {
    this.version = digests.version();
    this.jurisdictionDigests = Map.copyOf(digests.byJurisdiction());
    this.jurisdictions = Collections.unmodifiableMap(new TreeMap<>(jurisdictions));
    this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
    this.all = this.jurisdictions.values().stream().flatMap(j -> j.rules().stream())
        .sorted(Comparator.comparing(Rule::id)).toList();
    // Ids are unique across the directory: the loader refuses a duplicate.
    this.byId = all.stream().collect(Collectors.toUnmodifiableMap(Rule::id, r -> r));
    this.rejects = all.stream().filter(r -> r.action() == Action.REJECT).toList();
    this.ruleTypes = Collections.unmodifiableSortedSet(all.stream().map(Rule::type)
        .collect(Collectors.toCollection(TreeSet::new)));
    this.paths = new HashMap<>();
    this.effective = new HashMap<>();
    for (String code : this.jurisdictions.keySet()) {
      Map<String, List<String>> reach = ancestry(code);
      paths.put(code, reach);
      effective.put(code, reach.keySet().stream().flatMap(from -> this.jurisdictions.get(from).rules().stream())
          .sorted(Comparator.comparing(Rule::id)).toList());
    }
  }

  /** Breadth-first over {@code inherits}, so each ancestor gets its shortest path; GLOBAL is added last if not reached. */
  private Map<String, List<String>> ancestry(String code) {
    Map<String, List<String>> reach = new LinkedHashMap<>();
    reach.put(code, List.of(code));
    Deque<String> queue = new ArrayDeque<>(List.of(code));
    while (!queue.isEmpty()) {
      String c = queue.poll();
      for (String parent : jurisdictions.get(c).inherits()) {
        if (!reach.containsKey(parent)) {
          List<String> path = new ArrayList<>(reach.get(c));
          path.add(parent);
          reach.put(parent, List.copyOf(path));
          queue.add(parent);
        }
      }
    }
    reach.putIfAbsent(Jurisdiction.GLOBAL, List.of(code, Jurisdiction.GLOBAL));
    return Collections.unmodifiableMap(reach);
  }

  /** SHA-256 hex of the canonical content: equal rules give equal versions whatever the formatting or order. */
  public String version() { return version; }

  /**
   * SHA-256 hex of one jurisdiction's own part of the canonical content (its declaration and its own rules, as in
   * {@link #version}, formatting aside): equal in two snapshots exactly when that file says the same, so it fixes
   * every rule the file declares.
   */
  public String jurisdictionDigest(String code) {
    return Objects.requireNonNull(jurisdictionDigests.get(require(code)), () -> "no digest for jurisdiction " + code);
  }

  /** Every jurisdiction code, sorted; always contains GLOBAL. */
  public Set<String> jurisdictions() { return jurisdictions.keySet(); }

  /** True when {@code code} is a jurisdiction of this snapshot. */
  public boolean hasJurisdiction(String code) { return jurisdictions.containsKey(code); }

  /** The jurisdiction's declaration (its own rules, parents, description). */
  public Jurisdiction jurisdiction(String code) { return jurisdictions.get(require(code)); }

  /** Own, every ancestor's and GLOBAL's rules, each once, sorted by id (regardless of dates). */
  public List<Rule> effectiveRules(String code) { return effective.get(require(code)); }

  /** Every reject rule (all declared in GLOBAL; they apply in every jurisdiction), sorted by id. */
  public List<Rule> rejectRules() { return rejects; }

  /** The rule with this id. */
  public Optional<Rule> rule(String id) { return Optional.ofNullable(byId.get(id)); }

  /**
   * Every rule type of the directory ({@link Rule#type}), sorted: computed once here, so a filter checking that it
   * handles every type does not pass over every rule at each swap.
   */
  public Set<String> ruleTypes() { return ruleTypes; }

  /** Every rule of the directory, sorted by id. */
  public List<Rule> allRules() { return all; }

  /**
   * Where {@code rule} reaches {@code code} from: the shortest chain of jurisdictions from {@code code} to the one
   * declaring the rule, e.g. {@code [FR, EU, GLOBAL]}; {@code [FR]} for FR's own rules. Throws when the rule is not
   * effective in {@code code}.
   */
  public List<String> inheritancePath(String code, Rule rule) {
    List<String> path = paths.get(require(code)).get(rule.jurisdiction());
    if (path == null || !rule.equals(byId.get(rule.id()))) {
      throw new IllegalArgumentException("rule " + rule.id() + " is not effective in " + code);
    }
    return path;
  }

  /** The bytes of each policy file as read (file name to content), for saving a copy. */
  Map<String, byte[]> sources() { return sources; }

  /**
   * The SHA-256 (lower-case hex) of each policy file exactly as loaded, by file name ({@code KZ.json}): what an
   * integrity check compares with a signed manifest, free of any race with later writes to the directory.
   */
  public Map<String, String> sourceDigests() {
    Map<String, String> out = new TreeMap<>();
    sources.forEach((file, bytes) -> out.put(file, HexFormat.of().formatHex(Canonical.sha256().digest(bytes))));
    return Collections.unmodifiableMap(out);
  }

  private String require(String code) {
    if (!jurisdictions.containsKey(code)) {
      throw new IllegalArgumentException("unknown jurisdiction '" + code + "' (known: " + String.join(", ", jurisdictions.keySet()) + ")");
    }
    return code;
  }

  @Override
  public String toString() {
    return "PolicySnapshot[" + version.substring(0, 12) + ", " + jurisdictions.size() + " jurisdictions, " + all.size() + " rules]";
  }
}
