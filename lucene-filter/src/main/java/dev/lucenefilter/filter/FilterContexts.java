package dev.lucenefilter.filter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lucenefilter.policy.PolicySnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * Hands out {@link FilterContext}s: one per (snapshot, jurisdiction, epoch), reused by every query of the epoch; a
 * query after the next rule date boundary gets the next epoch's. Thread-safe.
 */
final class FilterContexts {
  static final String GLOBAL = "GLOBAL";
  /** A key no jurisdiction code can take (codes match [A-Z][A-Z0-9_]*). */
  private static final String REJECTS_KEY = "#rejects";
  /**
   * Contexts of recent snapshots, by count: a context holds its snapshot, so old snapshots leave after a few swaps
   * of every jurisdiction (snapshots have identity equality).
   */
  private static final int MAX_CONTEXTS = 1024;

  private record Key(PolicySnapshot snapshot, String key, Instant epochStart) {}

  private final FilterContext.RuleSets ruleSets;
  private final UnknownJurisdictions unknown;
  private final Cache<Key, FilterContext> contexts = Caffeine.newBuilder().maximumSize(MAX_CONTEXTS)
      .executor(Runnable::run).build();

  FilterContexts(FilterContext.RuleSets ruleSets, UnknownJurisdictions unknown) {
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
    return contexts.get(new Key(snapshot, key, compiled.epochStart(at)),
        k -> new FilterContext(snapshot, code, at, compiled, ruleSets, rejectsOnly));
  }
}
