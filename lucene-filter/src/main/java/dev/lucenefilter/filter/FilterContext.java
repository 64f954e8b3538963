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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.DocIdSet;

/**
 * What filters evaluate against: one policy snapshot, one jurisdiction, and the rules active for it during one
 * epoch (the interval between two rule date boundaries). Immutable and shared by every query in the epoch.
 */
public final class FilterContext {
  static final String GLOBAL = "GLOBAL";

  private final PolicySnapshot snapshot;
  private final String jurisdiction;
  private final Instant epochStart;
  /** End of the epoch (exclusive): the next rule date, or {@link Instant#MAX}. */
  private final Instant epochEnd;
  private final List<Rule> activeRules;
  /** Built on first use: a swap makes a context for every jurisdiction, and most only need their digest. */
  private volatile Map<String, Rule> activeById;
  private volatile Map<Class<? extends Rule>, List<Rule>> byClass;
  private final CompiledPolicy compiled;
  private final ConcurrentHashMap<Class<?>, Map<String, ? extends List<? extends Rule>>> indexes =
      new ConcurrentHashMap<>();
  private final RuleSets ruleSets;
  private final String rulesDigest;

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
    ActiveRules active = ActiveRules.of(snapshot, jurisdiction, at, rejectsOnly);
    this.activeRules = active.rules();
    this.rulesDigest = active.digest();
    this.compiled = compiled;
    this.ruleSets = ruleSets;
  }

  /** The snapshot the rules come from. */
  public PolicySnapshot snapshot() { return snapshot; }

  /** The jurisdiction code. */
  public String jurisdiction() { return jurisdiction; }

  /** Start of the epoch (inclusive); {@link Instant#MIN} when no rule date lies before it. */
  public Instant epochStart() { return epochStart; }

  /** End of the epoch (exclusive): the next rule date, or {@link Instant#MAX}. */
  Instant epochEnd() { return epochEnd; }

  /** True when {@code at} lies in this context's epoch: the same rules are active then. */
  boolean covers(Instant at) { return !at.isBefore(epochStart) && at.isBefore(epochEnd); }

  /** Every rule active in the epoch for the jurisdiction (its effective rules and every reject rule), by id. */
  public List<Rule> activeRules() { return activeRules; }

  /** The active rule with this id, or null. */
  public Rule activeRule(String ruleId) {
    Map<String, Rule> m = activeById;
    if (m == null) {
      m = new HashMap<>(activeRules.size() * 2);
      for (Rule r : activeRules) m.put(r.id(), r);
      activeById = m = java.util.Collections.unmodifiableMap(m);
    }
    return m.get(ruleId);
  }

  /** The active rules of one rule class, sorted by id. */
  @SuppressWarnings("unchecked")
  public <R extends Rule> List<R> active(Class<R> type) {
    Map<Class<? extends Rule>, List<Rule>> m = byClass;
    if (m == null) {
      byClass = m = Map.copyOf(activeRules.stream().collect(Collectors.groupingBy(Rule::getClass,
          Collectors.toUnmodifiableList())));
    }
    return (List<R>) m.getOrDefault(type, List.of());
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

  /**
   * The active rules' digest ({@link ActiveRules}): equal for two contexts that hold the same rules, whichever
   * snapshot or epoch they come from. Cached exclusions are keyed on it rather than on the snapshot version, so a
   * policy edit rebuilds only the jurisdictions whose active rules come from a file it changes.
   */
  String rulesDigest() { return rulesDigest; }

  RuleSets ruleSets() { return ruleSets; }

  /**
   * Where rule filters get a rule's documents in a segment: the {@link ExclusionCache} store (shared across
   * contexts and snapshots), or a slot that is always the caller's to fill (reference decisions never ask).
   */
  @FunctionalInterface
  interface RuleSets {
    RuleSets UNCACHED = (rule, segment) -> ExclusionCache.Slot.uncached();

    ExclusionCache.Slot<DocIdSet> slot(Rule rule, LeafReader segment);
  }

  /**
   * Hands out contexts: one per (snapshot, jurisdiction, epoch), reused by every query of the epoch; a query after
   * the next rule date boundary gets the next epoch's. Thread-safe.
   */
  static final class Cache {
    /** A key no jurisdiction code can take (codes match [A-Z][A-Z0-9_]*). */
    private static final String REJECTS_KEY = "#rejects";

    /** Snapshots whose contexts are kept: the current one and the few before it (in-flight queries, index time). */
    static final int RECENT_SNAPSHOTS = 4;
    /** Contexts kept per snapshot before its map starts over (one per jurisdiction and rule-date epoch). */
    static final int MAX_CONTEXTS_PER_SNAPSHOT = 4096;

    private record Key(String key, Instant epochStart) {}

    /** One snapshot's contexts (snapshots have identity equality). */
    private record SnapshotContexts(PolicySnapshot snapshot, ConcurrentMap<Key, FilterContext> contexts) {}

    private final RuleSets ruleSets;
    private final UnknownJurisdictions unknown;
    /**
     * The contexts of the {@link #RECENT_SNAPSHOTS} snapshots used last (by first use, newest first): a context
     * holds its snapshot, so an old snapshot leaves once newer ones have come. Bounded by snapshot, not by a count
     * of contexts: a count-bounded cache admitting by frequency (Caffeine's, 1,024 entries) turned away the
     * contexts the newest snapshot's jurisdictions had just been given, past 1,024 (five swaps of 200), in favour of
     * older snapshots' ones; the jurisdictions' remembered resolutions hold contexts weakly, so after the next
     * collection each jurisdiction's next query built its context again.
     */
    private volatile List<SnapshotContexts> recent = List.of();

    Cache(RuleSets ruleSets, UnknownJurisdictions unknown) {
      this.ruleSets = Objects.requireNonNull(ruleSets);
      this.unknown = Objects.requireNonNull(unknown);
    }

    /**
     * The context for a jurisdiction at an instant.
     *
     * @throws UnknownJurisdictionException when the snapshot does not define the code and unknown codes are refused
     * @throws IllegalArgumentException when the code is null or blank
     */
    FilterContext get(PolicySnapshot snapshot, String jurisdiction, Instant at) {
      if (jurisdiction == null || jurisdiction.isBlank()) {
        throw new IllegalArgumentException("a jurisdiction is required: nothing is shown without one");
      }
      String code = jurisdiction;
      if (!snapshot.hasJurisdiction(code) && !GLOBAL.equals(code)) {
        if (unknown == UnknownJurisdictions.ERROR) throw new UnknownJurisdictionException(code, snapshot.version());
        code = GLOBAL;
      }
      return cached(snapshot, jurisdiction, code, at, false);
    }

    /** The context of index time: every active reject rule and nothing else (they apply in every jurisdiction). */
    FilterContext rejectsOnly(PolicySnapshot snapshot, Instant at) {
      return cached(snapshot, REJECTS_KEY, GLOBAL, at, true);
    }

    private FilterContext cached(PolicySnapshot snapshot, String key, String code, Instant at, boolean rejectsOnly) {
      CompiledPolicy compiled = CompiledPolicy.of(snapshot);
      ConcurrentMap<Key, FilterContext> contexts = contextsOf(snapshot);
      if (contexts.size() >= MAX_CONTEXTS_PER_SNAPSHOT) contexts.clear();
      return contexts.computeIfAbsent(new Key(key, compiled.epochStart(at)),
          k -> new FilterContext(snapshot, code, at, compiled, ruleSets, rejectsOnly));
    }

    /** The snapshot's contexts; a snapshot not among the recent ones becomes the newest, the oldest leaving. */
    private ConcurrentMap<Key, FilterContext> contextsOf(PolicySnapshot snapshot) {
      for (SnapshotContexts s : recent) if (s.snapshot() == snapshot) return s.contexts();
      synchronized (this) {
        List<SnapshotContexts> now = recent;
        for (SnapshotContexts s : now) if (s.snapshot() == snapshot) return s.contexts();
        List<SnapshotContexts> next = new ArrayList<>(RECENT_SNAPSHOTS);
        next.add(new SnapshotContexts(snapshot, new ConcurrentHashMap<>()));
        for (int i = 0; i < now.size() && next.size() < RECENT_SNAPSHOTS; i++) next.add(now.get(i));
        recent = List.copyOf(next);
        return next.get(0).contexts();
      }
    }
  }
}
