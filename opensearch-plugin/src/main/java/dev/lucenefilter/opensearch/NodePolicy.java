package dev.lucenefilter.opensearch;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.lucene.index.DirectoryReader;
import org.opensearch.cluster.ClusterChangedEvent;
import org.opensearch.cluster.ClusterStateListener;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.index.Index;
import org.opensearch.index.IndexService;
import org.opensearch.index.engine.Engine;
import org.opensearch.index.shard.IndexShard;
import org.opensearch.index.shard.IndexShardState;
import org.opensearch.threadpool.ThreadPool;

/**
 * The policy one node serves, following the cluster's {@link PolicyMetadata}. When a new version is published,
 * the node compiles it, warms the exclusion sets of every local shard of every filtered index for every
 * jurisdiction, and only then swaps it in as one reference: requests never wait for a build, and never see a
 * half-applied policy. A policy that fails to compile or warm is not swapped in (the last good one keeps
 * serving, and the failure is logged and reported by {@code GET _lucene_filter/policy}). Until the node has a
 * policy, filtered indices are refused, never served unfiltered. Thread-safe.
 */
public final class NodePolicy implements ClusterStateListener {
  private static final Logger LOG = LogManager.getLogger(NodePolicy.class);
  /** Thread-context transient that lets the node's own warming read a shard without the jurisdiction wrapper. */
  static final String UNFILTERED_KEY = "_lucene_filter_unfiltered";
  /** Unforgeable: transients never come from clients, and only this object unlocks the bypass. */
  static final Object UNFILTERED_TOKEN = new Object();

  private final ContentFilters filters;
  private final ExclusionCache cache;
  private final Path scratch;
  private final Clock clock;
  private final Map<Index, IndexService> filteredIndices = new ConcurrentHashMap<>();
  private final AtomicReference<PolicyMetadata> latest = new AtomicReference<>();
  private volatile ServingPolicy serving;
  private volatile String lastFailure;
  private volatile ThreadPool threadPool;

  NodePolicy(ContentFilters filters, long cacheBytes, Path scratch, Clock clock) {
    if (filters.all().isEmpty()) throw new IllegalStateException("no content filters found: refusing to run unfiltered");
    this.filters = filters;
    this.cache = new ExclusionCache(filters, UnknownJurisdictions.ERROR, cacheBytes);
    this.scratch = scratch;
    this.clock = clock;
  }

  void start(ThreadPool threadPool) { this.threadPool = threadPool; }

  /** The policy served now, or null before the first one is applied. */
  public ServingPolicy serving() { return serving; }

  /** Why the last published policy could not be applied on this node, or null. */
  public String lastFailure() { return lastFailure; }

  ExclusionCache cache() { return cache; }

  ContentFilters filters() { return filters; }

  Clock clock() { return clock; }

  Path scratch() { return scratch; }

  void indexCreated(IndexService service) { filteredIndices.put(service.index(), service); }

  void indexRemoved(Index index) { filteredIndices.remove(index); }

  @Override
  public void clusterChanged(ClusterChangedEvent event) {
    PolicyMetadata m = event.state().metadata().custom(PolicyMetadata.TYPE);
    if (m == null) return;
    ServingPolicy s = serving;
    if (s != null && s.serial() >= m.serial()) return;
    PolicyMetadata prev = latest.getAndUpdate(p -> p == null || p.serial() < m.serial() ? m : p);
    if (prev != null && prev.serial() >= m.serial()) return;
    // Compiling and warming can take a while: never on the cluster-state applier thread.
    threadPool.generic().execute(this::applyLatest);
  }

  /** Applies the newest published policy not yet served; one at a time, newest wins. */
  synchronized void applyLatest() {
    PolicyMetadata m = latest.get();
    ServingPolicy current = serving;
    if (m == null || (current != null && current.serial() >= m.serial())) return;
    try {
      PolicySnapshot snapshot = m.files().load(scratch);
      if (!snapshot.version().equals(m.version())) {
        throw new IllegalStateException("policy compiled to version " + snapshot.version() + " but the cluster published "
            + m.version() + ": library versions differ between nodes");
      }
      warm(snapshot);
      serving = new ServingPolicy(snapshot, m.serial(), m.hash());
      lastFailure = null;
      LOG.info("lucene-filter: serving policy {} (serial {})", snapshot.version(), m.serial());
    } catch (PolicyValidationException e) {
      lastFailure = "policy serial " + m.serial() + " is invalid: " + String.join("; ", PolicyFiles.describe(e));
      LOG.error("lucene-filter: keeping policy {}: {}", current == null ? "none" : current.version(), lastFailure);
    } catch (RuntimeException e) {
      lastFailure = "policy serial " + m.serial() + " could not be applied: " + e;
      LOG.error("lucene-filter: keeping policy " + (current == null ? "none" : current.version()), e);
    }
  }

  /** Builds every jurisdiction's sets over every local started shard of the filtered indices. */
  private void warm(PolicySnapshot snapshot) {
    ThreadContext tc = threadPool.getThreadContext();
    for (IndexService index : filteredIndices.values()) {
      for (IndexShard shard : index) {
        if (shard.state() != IndexShardState.STARTED) continue;
        try (ThreadContext.StoredContext ignored = tc.stashContext()) {
          tc.putTransient(UNFILTERED_KEY, UNFILTERED_TOKEN);
          try (Engine.Searcher searcher = shard.acquireSearcher("lucene_filter_warm")) {
            cache.warm(searcher.getDirectoryReader(), snapshot, snapshot.jurisdictions(), clock.instant());
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot warm " + shard.shardId(), e);
        } catch (org.opensearch.index.shard.IllegalIndexShardStateException | org.apache.lucene.store.AlreadyClosedException e) {
          // The shard closed or moved while warming: nothing to serve from it here.
          LOG.debug("lucene-filter: skipped warming {}: {}", shard.shardId(), e.toString());
        }
      }
    }
  }

  /** True when the running request is the node's own unfiltered read (warming, impact analysis). */
  static boolean isInternalUnfiltered(ThreadContext tc) { return tc.getTransient(UNFILTERED_KEY) == UNFILTERED_TOKEN; }

  /** Reads a shard unfiltered for the node's own analysis; {@code reader} gets the shard's plain reader. */
  static <T> T withUnfilteredReader(ThreadContext tc, IndexShard shard, ReaderFunction<T> reader) throws java.io.IOException {
    try (ThreadContext.StoredContext ignored = tc.stashContext()) {
      tc.putTransient(UNFILTERED_KEY, UNFILTERED_TOKEN);
      try (Engine.Searcher searcher = shard.acquireSearcher("lucene_filter_impact")) {
        return reader.apply(searcher.getDirectoryReader());
      }
    }
  }

  /** A function of a reader. */
  @FunctionalInterface
  interface ReaderFunction<T> {
    T apply(DirectoryReader reader) throws java.io.IOException;
  }

  /** The local filtered indices. */
  Iterable<IndexService> filteredIndices() { return filteredIndices.values(); }
}
