package dev.lucenefilter.search;

import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.UnfilteredReads;
import dev.lucenefilter.policy.PolicyRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Consumer;
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
public final class PolicyVisibility implements VisibilityFilter, AutoCloseable {
  private final Supplier<PolicySnapshot> snapshots;
  private final ExclusionCache cache;
  private final Clock clock;
  /** What {@link #close} undoes: the registration of {@link #following}; nothing otherwise. */
  private volatile Runnable unregister = () -> {};

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
    PolicySnapshot snapshot = snapshot();
    IndexReader reader = searcher.getIndexReader();
    if (!(reader instanceof DirectoryReader dr)) {
      throw new IllegalArgumentException(
          "policy filtering needs a DirectoryReader, got " + reader.getClass().getName());
    }
    return cache.visibleQuery(dr, snapshot, jurisdiction, clock.instant());
  }

  @Override
  public IndexReader view(DirectoryReader reader, String jurisdiction) throws IOException {
    return cache.visibleReader(reader, snapshot(), jurisdiction, clock.instant());
  }

  /** The snapshot current now and this instant, fixed: a filter for one request (it follows no registry). */
  @Override
  public VisibilityFilter forOneRequest() {
    PolicySnapshot snapshot = snapshot();
    return new PolicyVisibility(() -> snapshot, cache, Clock.fixed(clock.instant(), ZoneOffset.UTC));
  }

  private PolicySnapshot snapshot() {
    PolicySnapshot snapshot = snapshots.get();
    if (snapshot == null) throw new IllegalStateException("no policy is loaded: refusing to search unfiltered");
    return snapshot;
  }

  /**
   * Filtering that follows a registry: every request uses the snapshot current when it starts, and each new
   * snapshot is built and warmed for every jurisdiction over the index's current reader BEFORE the registry swaps
   * it in (a warming failure aborts the swap, and the last good snapshot keeps serving). The warm-up runs on the
   * reloading thread, paced so that it steps aside while queries wait for a core ({@link ExclusionCache#warm}).
   * {@link #close} the result when the index closes; an index closed or collected without that is skipped by later
   * reloads.
   */
  public static PolicyVisibility following(PolicyRegistry registry, ContentIndex index, ExclusionCache cache,
      Clock clock) {
    PolicyVisibility v = new PolicyVisibility(registry::current, cache, clock);
    WeakReference<ContentIndex> weakIndex = new WeakReference<>(index);
    // Holds the index weakly (it captures weakIndex only) and removes itself once the index is closed or gone, so
    // an index closed without closing its filter cannot make later reloads fail for the registry's other indexes.
    // An anonymous class, not a lambda: it removes itself, and removal goes by identity.
    Consumer<PolicySnapshot> hook = new Consumer<>() {
      @Override
      public void accept(PolicySnapshot snapshot) {
        ContentIndex ix = weakIndex.get();
        if (ix == null || !ix.isOpen()) {
          registry.removePreSwapHook(this);
          return;
        }
        try (ContentIndex.SearcherLease lease = UnfilteredReads.acquire(ix)) {
          cache.warm((DirectoryReader) lease.searcher().getIndexReader(), snapshot, snapshot.jurisdictions(),
              clock.instant());
        } catch (IOException | RuntimeException e) {
          // Closed while warming: nothing of it will be searched, so it cannot hold the swap back.
          if (!ix.isOpen()) {
            registry.removePreSwapHook(this);
            return;
          }
          if (e instanceof IOException io) {
            throw new UncheckedIOException("cannot warm the exclusion cache for policy " + snapshot.version(), io);
          }
          throw (RuntimeException) e;
        }
      }
    };
    registry.addPreSwapHook(hook);
    v.unregister = () -> registry.removePreSwapHook(hook);
    return v;
  }

  /**
   * Stops following the registry: removes the pre-swap hook of {@link #following}, so reloads no longer warm (or
   * touch) this index. Close it with (or before) the index. Idempotent; a no-op for a filter not made by {@link
   * #following}. Requests may still use the filter afterwards: they read the registry's current snapshot.
   */
  @Override
  public void close() {
    unregister.run();
  }
}
