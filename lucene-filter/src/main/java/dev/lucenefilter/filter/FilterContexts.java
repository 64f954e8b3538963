package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PolicySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Hands out {@link FilterContext}s: one per (snapshot, jurisdiction, epoch), reused by every query of the epoch
 * and replaced when the clock passes the next rule date boundary. Thread-safe.
 */
final class FilterContexts {
  static final String GLOBAL = "GLOBAL";

  private final RuleDocsCache ruleDocs;
  private final UnknownJurisdictions unknown;
  /**
   * Contexts of the few most recent snapshots. Not a weak map: contexts reference their snapshot, which would keep
   * every key alive; an LRU by identity lets old snapshots go after a few swaps.
   */
  private final Map<PolicySnapshot, Map<String, FilterContext>> bySnapshot =
      new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PolicySnapshot, Map<String, FilterContext>> e) {
          return size() > MAX_SNAPSHOTS;
        }
      };
  private static final int MAX_SNAPSHOTS = 4;

  FilterContexts(RuleDocsCache ruleDocs, UnknownJurisdictions unknown) {
    this.ruleDocs = ruleDocs;
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

  /** A key no jurisdiction code can take (codes match [A-Z][A-Z0-9_]*). */
  private static final String REJECTS_KEY = "#rejects";

  private FilterContext cached(PolicySnapshot snapshot, String key, String code, Instant at, boolean rejectsOnly) {
    synchronized (bySnapshot) {
      FilterContext c = valid(snapshot, key, at);
      if (c != null) return c;
    }
    // Built outside the lock: creating a context walks every rule of the jurisdiction, and the queries of the
    // serving snapshot must not wait for the warm-up of the next one (benchmarks/README.md, swap latency). Two
    // threads may build the same context at once; the first stored is kept, so callers share one.
    FilterContext built = FilterContext.create(snapshot, code, at, CompiledPolicy.of(snapshot), ruleDocs, rejectsOnly);
    synchronized (bySnapshot) {
      FilterContext c = valid(snapshot, key, at);
      if (c != null) return c;
      bySnapshot.computeIfAbsent(snapshot, s -> new java.util.HashMap<>()).put(key, built);
      return built;
    }
  }

  /** The stored context for the key if it covers {@code at}; the caller holds the lock. */
  private FilterContext valid(PolicySnapshot snapshot, String key, Instant at) {
    Map<String, FilterContext> m = bySnapshot.get(snapshot);
    FilterContext c = m == null ? null : m.get(key);
    return c != null && !at.isBefore(c.epochStart()) && at.isBefore(c.epochEnd()) ? c : null;
  }
}
