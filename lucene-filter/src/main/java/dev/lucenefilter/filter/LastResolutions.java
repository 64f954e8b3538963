package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PolicySnapshot;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.IndexReader;

/**
 * Each jurisdiction's last {@link ExclusionCache#visibleReader} resolution, so that the next query of the same
 * snapshot, reader and rule-date epoch takes one map read instead of the context lookup, key building and store
 * lookup (measured: their footprint pushed the following search's own data out of the CPU cache, 4-6% of a term
 * query at 100k posts).
 *
 * <p>Guarantees: an entry is returned only for the identical snapshot and reader key and an instant inside the epoch
 * it was resolved in (the active rules, hence the exclusions, are a function of exactly these). It never keeps a
 * snapshot alive (held weakly), and it holds no exclusions the store has dropped: the store's removal listener calls
 * {@link #forget}, and {@link #remember} takes back an entry whose exclusions the store no longer holds. Callers keep
 * the number of keys bounded (only codes the policy defines). Thread-safe.
 */
final class LastResolutions {
  private record Entry(WeakReference<PolicySnapshot> snapshot, IndexReader.CacheKey reader, Instant from,
      Instant until, ReaderExclusions exclusions) {
    boolean covers(PolicySnapshot s, IndexReader.CacheKey r, Instant at) {
      return r == reader && snapshot.get() == s && !at.isBefore(from) && at.isBefore(until);
    }
  }

  private final ConcurrentHashMap<String, Entry> byJurisdiction = new ConcurrentHashMap<>();

  /** The exclusions last resolved for these arguments, or null. */
  ReaderExclusions get(String jurisdiction, PolicySnapshot snapshot, IndexReader.CacheKey reader, Instant at) {
    Entry e = byJurisdiction.get(jurisdiction);
    return e != null && e.covers(snapshot, reader, at) ? e.exclusions() : null;
  }

  /**
   * Keeps {@code exclusions} as the jurisdiction's last resolution, for {@code ctx}'s snapshot and epoch. {@code held}
   * tells whether the store still holds them; asked after the entry is in, so that an eviction racing with this
   * call either sees the entry (and its listener forgets it) or is seen here.
   */
  void remember(String jurisdiction, FilterContext ctx, IndexReader.CacheKey reader, ReaderExclusions exclusions,
      BooleanSupplier held) {
    Entry e = new Entry(new WeakReference<>(ctx.snapshot()), reader, ctx.epochStart(), ctx.epochEnd(), exclusions);
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
