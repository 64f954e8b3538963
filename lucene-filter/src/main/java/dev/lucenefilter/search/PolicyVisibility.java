package dev.lucenefilter.search;

import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.policy.PolicyRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * The policy-backed {@link VisibilityFilter}: what a jurisdiction's active rules (own, inherited and GLOBAL) leave
 * visible under the snapshot current when the request starts. Unknown jurisdictions are refused (or get GLOBAL
 * only, as the {@link ExclusionCache} is configured); a missing policy is an error, never an unfiltered result.
 * Thread-safe.
 */
public final class PolicyVisibility implements VisibilityFilter {
  private final Supplier<PolicySnapshot> snapshots;
  private final ExclusionCache cache;
  private final Clock clock;

  /**
   * @param snapshots the current policy, e.g. {@code registry::current}; read once per request
   * @param cache     the exclusion cache (share one per index)
   * @param clock     the clock rule dates are evaluated against
   */
  public PolicyVisibility(Supplier<PolicySnapshot> snapshots, ExclusionCache cache, Clock clock) {
    this.snapshots = Objects.requireNonNull(snapshots);
    this.cache = Objects.requireNonNull(cache);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Query visible(IndexSearcher searcher, String jurisdiction) throws IOException {
    PolicySnapshot snapshot = snapshots.get();
    if (snapshot == null) throw new IllegalStateException("no policy is loaded: refusing to search unfiltered");
    IndexReader reader = searcher.getIndexReader();
    if (!(reader instanceof DirectoryReader dr)) {
      throw new IllegalArgumentException("policy filtering needs a DirectoryReader, got " + reader.getClass().getName());
    }
    return cache.visibleQuery(dr, snapshot, jurisdiction, clock.instant());
  }

  @Override
  public IndexReader view(DirectoryReader reader, String jurisdiction) throws IOException {
    PolicySnapshot snapshot = snapshots.get();
    if (snapshot == null) throw new IllegalStateException("no policy is loaded: refusing to search unfiltered");
    return cache.visibleReader(reader, snapshot, jurisdiction, clock.instant());
  }

  /**
   * Filtering that follows a registry: every request uses the snapshot current when it starts, and each new
   * snapshot is built and warmed for every jurisdiction over the index's current reader BEFORE the registry swaps it
   * in (a warming failure aborts the swap, and the last good snapshot keeps serving).
   */
  public static PolicyVisibility following(PolicyRegistry registry, ContentIndex index, ExclusionCache cache, Clock clock) {
    PolicyVisibility v = new PolicyVisibility(registry::current, cache, clock);
    registry.addPreSwapHook(snapshot -> {
      try (ContentIndex.SearcherLease lease = index.acquireUnfiltered()) {
        cache.warm((DirectoryReader) lease.searcher().getIndexReader(), snapshot, snapshot.jurisdictions(), clock.instant());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot warm the exclusion cache for policy " + snapshot.version(), e);
      }
    });
    return v;
  }

  /** The exclusion cache behind this filter. */
  public ExclusionCache cache() { return cache; }
}
