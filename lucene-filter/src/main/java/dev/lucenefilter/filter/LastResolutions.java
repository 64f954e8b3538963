package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PolicySnapshot;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.IndexReader;

/**
 * Each jurisdiction's last resolution ({@link ExclusionCache#visibleReader}, {@link ExclusionCache#visibleQuery}),
 * so that the next query of the same snapshot, reader and rule-date epoch takes one map read instead of the context
 * lookup, key building and store lookup. Measured: their footprint pushed the following search's own data out of the
 * CPU cache, 4-6% of a term query at 100k posts; and those lookups run the store's (Caffeine's) read path, whose
 * compiled code the JIT threw away when a policy swap's writes took a branch the queries had never taken, so a
 * swap's queries ran interpreted until it recompiled.
 *
 * <p>Guarantees: an entry is returned only for the identical snapshot and reader key and an instant inside the epoch
 * it was resolved in (the active rules, hence the exclusions, are a function of exactly these). It never keeps a
 * snapshot alive (its context is held weakly; the context cache keeps it while it is in use), and it holds no
 * exclusions the store has dropped: the store's removal listener calls {@link #forget}, and {@link #remember} takes
 * back an entry whose exclusions the store no longer holds. Callers keep the number of keys bounded (only codes the
 * policy defines). Thread-safe.
 */
final class LastResolutions {
  /** A resolution in use: the context (held strongly while a query uses it), its key and the exclusions. */
  record Resolution(FilterContext context, ExclusionCache.ContextKey key, ReaderExclusions exclusions) {}

  private record Entry(WeakReference<FilterContext> context, IndexReader.CacheKey reader, Instant from,
      Instant until, ExclusionCache.ContextKey key, ReaderExclusions exclusions) {
    /** The resolution, when it stands for these arguments and its context is still reachable; else null. */
    Resolution covering(PolicySnapshot s, IndexReader.CacheKey r, Instant at) {
      if (r != reader || at.isBefore(from) || !at.isBefore(until)) return null;
      FilterContext c = context.get();
      return c == null || c.snapshot() != s ? null : new Resolution(c, key, exclusions);
    }
  }

  private final ConcurrentHashMap<String, Entry> byJurisdiction = new ConcurrentHashMap<>();

  /** What was last resolved for these arguments, or null. */
  Resolution get(String jurisdiction, PolicySnapshot snapshot, IndexReader.CacheKey reader, Instant at) {
    Entry e = byJurisdiction.get(jurisdiction);
    return e == null ? null : e.covering(snapshot, reader, at);
  }

  /**
   * Keeps {@code resolution} as the jurisdiction's last, for its context's snapshot and epoch. {@code held} tells
   * whether the store still holds its exclusions; asked after the entry is in, so that an eviction racing with this
   * call either sees the entry (and its listener forgets it) or is seen here.
   */
  void remember(String jurisdiction, Resolution resolution, IndexReader.CacheKey reader, BooleanSupplier held) {
    FilterContext ctx = resolution.context();
    Entry e = new Entry(new WeakReference<>(ctx), reader, ctx.epochStart(), ctx.epochEnd(), resolution.key(),
        resolution.exclusions());
    byJurisdiction.put(jurisdiction, e);
    if (!held.getAsBoolean()) byJurisdiction.remove(jurisdiction, e);
  }

  /** Drops every entry holding {@code exclusions} (the store let them go). */
  void forget(Object exclusions) {
    byJurisdiction.values().removeIf(e -> e.exclusions() == exclusions);
  }

  /** How many jurisdictions have an entry. */
  int size() { return byJurisdiction.size(); }
}
