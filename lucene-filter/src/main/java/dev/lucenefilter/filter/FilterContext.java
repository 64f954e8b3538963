package dev.lucenefilter.filter;

import com.github.benmanes.caffeine.cache.Caffeine;
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
  private final List<Rule> activeRules;
  private final Map<String, Rule> activeById;
  private final Map<Class<? extends Rule>, List<Rule>> byClass;
  private final CompiledPolicy compiled;
  private final ConcurrentHashMap<Class<?>, Map<String, ? extends List<? extends Rule>>> indexes =
      new ConcurrentHashMap<>();
  private final RuleSets ruleSets;
  private volatile String rulesDigest;

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

  /**
   * SHA-256 (hex) of the active rules: the ids of the active rules, in id order, after the digest of each policy file
   * that declares one of them ({@link PolicySnapshot#jurisdictionDigest}). A file's digest fixes the content of every
   * rule it declares, so two contexts with equal digests hold the same rules and hide the same documents, whichever
   * snapshot or epoch they come from. Cached exclusions are keyed on it rather than on the snapshot version, so a
   * policy edit rebuilds only the jurisdictions whose active rules come from a file it changes. Computed once, on
   * first use, in time linear in the active rules (no rule is serialized again).
   */
  String rulesDigest() {
    String d = rulesDigest;
    if (d == null) {
      java.security.MessageDigest md;
      try {
        md = java.security.MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new AssertionError("every JDK has SHA-256", e);
      }
      java.util.SortedSet<String> files = new java.util.TreeSet<>();
      for (Rule r : activeRules) files.add(r.jurisdiction());
      text(md, Integer.toString(files.size()));
      for (String code : files) {
        text(md, code);
        text(md, snapshot.jurisdictionDigest(code));
      }
      for (Rule r : activeRules) text(md, r.id());
      rulesDigest = d = java.util.HexFormat.of().formatHex(md.digest());
    }
    return d;
  }

  /** One length-prefixed string of the digest, so no two sequences of strings feed it the same bytes. */
  private static void text(java.security.MessageDigest md, String s) {
    byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    md.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
        (byte) bytes.length});
    md.update(bytes);
  }

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

    private record Key(PolicySnapshot snapshot, String key, Instant epochStart) {}

    private final RuleSets ruleSets;
    private final UnknownJurisdictions unknown;
    /**
     * Contexts of recent snapshots, by count: a context holds its snapshot, so old snapshots leave after a few
     * swaps of every jurisdiction (snapshots have identity equality).
     */
    private final ConcurrentMap<Key, FilterContext> contexts =
        Caffeine.newBuilder().maximumSize(1024).executor(Runnable::run).<Key, FilterContext>build().asMap();

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
      return contexts.computeIfAbsent(new Key(snapshot, key, compiled.epochStart(at)),
          k -> new FilterContext(snapshot, code, at, compiled, ruleSets, rejectsOnly));
    }
  }
}
