package dev.lucenefilter.filter;

import dev.lucenefilter.policy.Rule;
import dev.lucenefilter.policy.PolicySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What filters evaluate against: one policy snapshot, one jurisdiction, and the rules active for it during one
 * epoch (the interval between two rule date boundaries). Immutable and shared by every query in the epoch.
 */
public final class FilterContext {
  private final PolicySnapshot snapshot;
  private final String jurisdiction;
  private final Instant epochStart;
  private final Instant epochEnd;
  private final List<Rule> activeRules;
  private final Map<String, Rule> activeById;
  private final Map<Class<? extends Rule>, List<Rule>> byClass;
  private final CompiledPolicy compiled;
  private final ConcurrentHashMap<Class<?>, Map<String, ? extends List<? extends Rule>>> indexes =
      new ConcurrentHashMap<>();
  private final RuleSets ruleSets;

  /**
   * The one definition of the active rules: those active at {@code at} for {@code jurisdiction} (its effective
   * rules, own, inherited and GLOBAL's, plus every reject rule), and the epoch around {@code at}. With {@code
   * rejectsOnly}, only the active reject rules (what index time applies).
   */
  FilterContext(PolicySnapshot snapshot, String jurisdiction, Instant at, CompiledPolicy compiled, RuleSets ruleSets,
      boolean rejectsOnly) {
    this.snapshot = Objects.requireNonNull(snapshot);
    this.jurisdiction = Objects.requireNonNull(jurisdiction);
    this.epochStart = compiled.epochStart(at);
    this.epochEnd = compiled.epochEnd(at);
    TreeMap<String, Rule> active = new TreeMap<>();
    if (!rejectsOnly) for (Rule r : snapshot.effectiveRules(jurisdiction)) if (r.activeAt(at)) active.put(r.id(), r);
    for (Rule r : snapshot.rejectRules()) if (r.activeAt(at)) active.put(r.id(), r);
    this.activeRules = List.copyOf(active.values());
    this.activeById = Map.copyOf(active);
    this.byClass = Map.copyOf(activeRules.stream().collect(Collectors.groupingBy(Rule::getClass,
        Collectors.toUnmodifiableList())));
    this.compiled = compiled;
    this.ruleSets = ruleSets;
  }

  /** The snapshot the rules come from. */
  public PolicySnapshot snapshot() { return snapshot; }

  /** The jurisdiction code. */
  public String jurisdiction() { return jurisdiction; }

  /** Start of the epoch (inclusive); {@link Instant#MIN} when no rule date lies before it. */
  public Instant epochStart() { return epochStart; }

  /** End of the epoch (exclusive): the next rule date boundary; {@link Instant#MAX} when there is none. */
  public Instant epochEnd() { return epochEnd; }

  /** Every rule active in the epoch for the jurisdiction (its effective rules and every reject rule), by id. */
  public List<Rule> activeRules() { return activeRules; }

  /** The active rule with this id, or null. */
  public Rule activeRule(String ruleId) { return activeById.get(ruleId); }

  /** The active rules of one rule class, sorted by id. */
  @SuppressWarnings("unchecked")
  public <R extends Rule> List<R> active(Class<R> type) {
    return (List<R>) byClass.getOrDefault(type, List.of());
  }

  /**
   * The active rules of one class by each of their values (channel ids, usernames, domains, hashes), built once
   * per context on first use: deciding a record costs a lookup per value it holds, not a pass over every rule.
   */
  @SuppressWarnings("unchecked")
  public <R extends Rule> Map<String, List<R>> byValue(Class<R> type, Function<R, Collection<String>> values) {
    return (Map<String, List<R>>) indexes.computeIfAbsent(type, t -> {
      Map<String, List<R>> m = new HashMap<>();
      for (R r : active(type)) for (String v : values.apply(r)) m.computeIfAbsent(v, k -> new ArrayList<>(1)).add(r);
      // Not Map.copyOf: its linear probing clusters on ids like c-1, c-2.
      return java.util.Collections.unmodifiableMap(m);
    });
  }

  CompiledPolicy compiled() { return compiled; }

  RuleSets ruleSets() { return ruleSets; }

  /**
   * Where rule filters get a rule's documents in a segment: the {@link ExclusionCache} store (shared across
   * contexts and snapshots), or a slot that is always the caller's to fill (reference decisions never ask).
   */
  @FunctionalInterface
  interface RuleSets {
    RuleSets UNCACHED = (rule, segment) -> ExclusionCache.Slot.uncached();

    ExclusionCache.Slot<ExclusionCache.RuleDocs> slot(Rule rule, org.apache.lucene.index.LeafReader segment);
  }
}
