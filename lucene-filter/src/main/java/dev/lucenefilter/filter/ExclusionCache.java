package dev.lucenefilter.filter;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.Rule;
import dev.lucenefilter.policy.RuleHeader;
import dev.lucenefilter.policy.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.DocIdSet;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.Accountable;
import org.apache.lucene.util.IOSupplier;

/**
 * Query-time filtering: an index reader as one jurisdiction may see it under one policy snapshot. The entry points
 * and the store of the three-file filter path (see the package documentation); {@link ExclusionBuilder} builds the
 * sets, {@link VisibleLeafReader} and {@link VisibleDocsQuery} withhold them.
 *
 * <p>The store is one Caffeine cache bounded by bytes. Every structure that holds a document set (per-rule sets,
 * per-segment channel lists and hidden sets, per-reader exclusions) is an entry weighed by its sets; a set shared by
 * two entries is charged to both, so the weight bounds what is held from above. An entry above the whole bound
 * serves the request that built it and is not kept. Each key is built once: a thread that misses while another
 * builds it waits for that build. Per-rule sets are keyed on the rule's content (type, target, values), not its id
 * or place in a file, so an edit rebuilds only the rules it changes; a jurisdiction's sets are keyed on its active
 * rules' digest, not the snapshot version, so an edit rebuilds only the jurisdictions whose rules it changes.
 * {@link #visibleReader} and {@link #visibleQuery} also remember each defined jurisdiction's last resolution
 * ({@link LastResolutions}), so a query of the same snapshot, reader and epoch skips the lookups. Thread-safe.
 */
public final class ExclusionCache {
  /** Default bound of the cache: 512 MiB. */
  public static final long DEFAULT_MAX_BYTES = 512L << 20;

  /** Charged per entry besides its sets: keys keep small objects (rule values, channel ids) alive. */
  static final long ENTRY_OVERHEAD = 256;

  /** A cache key whose value is a {@code V}; every key type of the store implements it. */
  interface Key<V extends Accountable> {}

  /**
   * What a rule's documents depend on: its class, target and values, so rules that differ only in id, dates, action
   * or place share their sets. A record rule's values are its components other than the header, compared as they are
   * (sets unordered), because a swap looks up every rule of the policy and {@link Rule#parameters} sorts a copy of
   * every value list on each call; other rules' values are their parameters. The hash is computed once.
   */
  record RuleContent(Class<?> type, Target target, List<Object> values, int hash) {
    private static final ClassValue<Method[]> VALUES = new ClassValue<>() {
      @Override
      protected Method[] computeValue(Class<?> type) {
        if (!type.isRecord() || !Modifier.isPublic(type.getModifiers())) return null;
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.getType() != RuleHeader.class)
            .map(RecordComponent::getAccessor).toArray(Method[]::new);
      }
    };

    static RuleContent of(Rule r) {
      List<Object> values = recordValues(r);
      if (values == null) values = List.of(r.parameters());
      return new RuleContent(r.getClass(), r.target(), values, Objects.hash(r.getClass(), r.target(), values));
    }

    /** A public record rule's components other than its header; null for any other rule. */
    private static List<Object> recordValues(Rule r) {
      Method[] accessors = VALUES.get(r.getClass());
      if (accessors == null) return null;
      List<Object> values = new ArrayList<>(accessors.length);
      try {
        for (Method m : accessors) values.add(m.invoke(r));
      } catch (ReflectiveOperationException e) {
        return null;
      }
      return values;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RuleContent c && hash == c.hash && type == c.type && target == c.target
          && values.equals(c.values);
    }

    @Override
    public int hashCode() { return hash; }
  }

  /** The documents a rule matches in a segment (deleted ones included). */
  record RuleKey(RuleContent rule, IndexReader.CacheKey core) implements Key<DocIdSet> {}

  /**
   * What one jurisdiction's exclusions depend on: its active rules ({@link FilterContext#rulesDigest}) and the
   * filters' own configuration. Not the snapshot version or the epoch: a policy edit, or a rule date passing, that
   * leaves a jurisdiction's active rules as they were keeps its exclusions, so a swap rebuilds only the
   * jurisdictions whose rules it changes.
   */
  record ContextKey(String rules, String jurisdiction, String filters) {}

  private final ContentFilters filters;
  private final FilterContext.Cache contexts;
  private final ExclusionBuilder builder;
  private final AsyncCache<Key<?>, Accountable> store;
  private final long maxBytes;
  private final Set<IndexReader.CacheKey> closeListeners = ConcurrentHashMap.newKeySet();
  private final AtomicLong ruleHits = new AtomicLong();
  private final AtomicLong ruleMisses = new AtomicLong();
  private final LongAdder pauseCount = new LongAdder();
  private final LongAdder pausedNanos = new LongAdder();
  private final LastResolutions last = new LastResolutions();

  /** A cache with every filter on the class path, refusing unknown jurisdictions, bounded at the default. */
  public ExclusionCache() {
    this(ContentFilters.load(), UnknownJurisdictions.ERROR, DEFAULT_MAX_BYTES);
  }

  /**
   * @param filters  the filters in force
   * @param unknown  what an unknown jurisdiction gets (an error, or GLOBAL only)
   * @param maxBytes bound of everything the cache holds
   */
  public ExclusionCache(ContentFilters filters, UnknownJurisdictions unknown, long maxBytes) {
    this.filters = Objects.requireNonNull(filters);
    this.maxBytes = Math.max(0, maxBytes);
    this.store = Caffeine.newBuilder()
        .maximumWeight(Math.max(0, maxBytes))
        .weigher((Key<?> k, Accountable v) -> (int) Math.min(Integer.MAX_VALUE, v.ramBytesUsed() + ENTRY_OVERHEAD))
        // Maintenance (and so eviction) runs on the thread that wrote, not later on a pool.
        .executor(Runnable::run)
        .removalListener((Key<?> k, Accountable v, RemovalCause cause) -> {
          if (k instanceof ReaderKey) last.forget(v);
        })
        .recordStats()
        .buildAsync();
    this.contexts = new FilterContext.Cache(this::ruleSlot, unknown);
    this.builder = new ExclusionBuilder(filters, this);
  }

  /**
   * The reader as {@code jurisdiction} sees it under {@code snapshot} at {@code now}: hidden records look
   * deleted. The returned reader shares the given reader's segments; do not close it (close or release the
   * given reader as usual).
   *
   * @throws UnknownJurisdictionException when the policy does not define the jurisdiction (default config)
   */
  public DirectoryReader visibleReader(DirectoryReader reader, PolicySnapshot snapshot, String jurisdiction,
      Instant now) throws IOException {
    return resolve(reader, readerKey(reader), snapshot, jurisdiction, now).exclusions().view(reader);
  }

  /** The reader's cache key, or null when it has none (nothing of it is cached or remembered then). */
  static IndexReader.CacheKey readerKey(IndexReader reader) {
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    return helper == null ? null : helper.getKey();
  }

  /**
   * The context and exclusions of {@code reader} (whose cache key is {@code readerKey}, or null) for the arguments:
   * the jurisdiction's remembered resolution when it stands for them, else looked up (and remembered).
   */
  private LastResolutions.Resolution resolve(DirectoryReader reader, IndexReader.CacheKey readerKey,
      PolicySnapshot snapshot, String jurisdiction, Instant now) throws IOException {
    // The remembered resolution stands for the snapshot, reader and time window only: a filter whose cache key
    // follows data outside them must be asked each time (its key may have moved).
    boolean rememberable = readerKey != null && jurisdiction != null && filters.hasFixedCacheKey();
    LastResolutions.Resolution known = rememberable ? last.get(jurisdiction, snapshot, readerKey, now) : null;
    if (known != null) return known;
    FilterContext ctx = contexts.get(snapshot, jurisdiction, now);
    ReaderExclusions exclusions = exclusions(reader, ctx);
    LastResolutions.Resolution resolved = new LastResolutions.Resolution(ctx, contextKey(ctx), exclusions);
    // Only codes the policy defines: a client naming codes at will must not grow the map.
    if (rememberable && snapshot.hasJurisdiction(jurisdiction)) {
      ReaderKey key = new ReaderKey(resolved.key(), readerKey);
      last.remember(jurisdiction, resolved, readerKey, () -> stored(key) == exclusions);
    }
    return resolved;
  }

  /** How many jurisdictions have a remembered resolution (for tests). */
  int lastResolutionCount() { return last.size(); }

  /** The value the store holds for {@code key} now, or null (absent, being built, or failed). */
  private Accountable stored(Key<?> key) {
    CompletableFuture<Accountable> f = store.getIfPresent(key);
    return f == null || !f.isDone() || f.isCompletedExceptionally() ? null : f.join();
  }

  /**
   * A non-scoring query matching exactly what {@code jurisdiction} may see under {@code snapshot} at {@code now},
   * for use as a FILTER clause. A value: it resolves the exclusions of whatever reader it runs on when Lucene
   * creates its weight; {@code reader}'s are resolved now (from the jurisdiction's remembered resolution when it
   * stands for these arguments) and carried, so a query on {@code reader} makes no cache lookup.
   *
   * @throws UnknownJurisdictionException when the policy does not define the jurisdiction (default config)
   */
  public Query visibleQuery(DirectoryReader reader, PolicySnapshot snapshot, String jurisdiction, Instant now)
      throws IOException {
    IndexReader.CacheKey readerKey = readerKey(reader);
    LastResolutions.Resolution r = resolve(reader, readerKey, snapshot, jurisdiction, now);
    return new VisibleDocsQuery(this, r.context(), r.key(), readerKey, r.exclusions());
  }

  /**
   * Builds every jurisdiction's sets for a snapshot ahead of its first query (before a policy swap). The build is
   * paced so as not to starve queries on a busy machine (see {@link #warmPauses()}): it backs off while
   * other threads wait for a core, so it takes longer there.
   */
  public void warm(DirectoryReader reader, PolicySnapshot snapshot, Collection<String> jurisdictions, Instant now)
      throws IOException {
    WarmPauses paused = WarmupPacing.run(() -> {
      for (String j : jurisdictions) {
        exclusions(reader, snapshot, j, now);
        // Most jurisdictions of a swap are cache hits that reach no step inside the builder.
        WarmupPacing.step();
      }
    });
    pauseCount.add(paused.pauses());
    pausedNanos.add(paused.nanos());
  }

  /** The hidden documents of every segment of {@code reader}, built or taken from the cache. */
  ReaderExclusions exclusions(IndexReader reader, PolicySnapshot snapshot, String jurisdiction, Instant now)
      throws IOException {
    return exclusions(reader, contexts.get(snapshot, jurisdiction, now));
  }

  ReaderExclusions exclusions(IndexReader reader, FilterContext ctx) throws IOException {
    // Sets built with a filter missing for some rule type would silently keep what that rule hides.
    filters.requireHandles(ctx.snapshot());
    ContextKey key = contextKey(ctx);
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    if (helper == null) return builder.build(reader, ctx, key);
    IndexReader.CacheKey readerKey = helper.getKey();
    if (closeListeners.add(readerKey)) {
      // A closed reader's exclusions can never be asked for again: free them now rather than on eviction.
      helper.addClosedListener(k -> {
        closeListeners.remove(k);
        store.asMap().keySet().removeIf(x -> x instanceof ReaderKey r && r.reader() == k);
      });
    }
    return get(new ReaderKey(key, readerKey), () -> builder.build(reader, ctx, key));
  }

  ContextKey contextKey(FilterContext ctx) {
    return new ContextKey(ctx.rulesDigest(), ctx.jurisdiction(), filters.cacheKey(ctx));
  }

  record ReaderKey(ContextKey context, IndexReader.CacheKey reader) implements Key<ReaderExclusions> {}

  /** The value of {@code key}, built by {@code build} once across threads; uncached when the key is null. */
  <V extends Accountable> V get(Key<V> key, IOSupplier<V> build) throws IOException {
    return key == null ? build.get() : claim(key).value(build);
  }

  @SuppressWarnings("unchecked")
  private <V extends Accountable> Slot<V> claim(Key<V> key) {
    CompletableFuture<Accountable> mine = new CompletableFuture<>();
    CompletableFuture<Accountable> f = store.get(key, (k, executor) -> mine);
    return new Slot<>((CompletableFuture<V>) (CompletableFuture<?>) f, f == mine);
  }

  /** The slot of a rule's documents in a segment (uncached when the segment has no core key). */
  private Slot<DocIdSet> ruleSlot(Rule rule, LeafReader segment) {
    IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
    Slot<DocIdSet> slot = helper == null ? Slot.uncached()
        : claim(new RuleKey(RuleContent.of(rule), helper.getKey()));
    (slot.mine() ? ruleMisses : ruleHits).incrementAndGet();
    return slot;
  }

  /**
   * One key's value: ours to build ({@link #mine}, then {@link #fill} or {@link #fail}), or present or being built
   * by another thread ({@link #join}); {@link #value} does either.
   */
  record Slot<V>(CompletableFuture<V> future, boolean mine) {
    static <V> Slot<V> uncached() { return new Slot<>(new CompletableFuture<>(), true); }

    /** Builds the value with {@code build} when the slot is ours (failing the slot if it throws), else waits. */
    V value(IOSupplier<V> build) throws IOException {
      if (!mine) return join();
      try {
        return fill(build.get());
      } catch (IOException | RuntimeException | Error e) {
        fail(e);
        throw e;
      }
    }

    V fill(V value) {
      future.complete(value);
      return value;
    }

    void fail(Throwable t) { future.completeExceptionally(t); }

    V join() throws IOException {
      try {
        return future.join();
      } catch (CompletionException e) {
        Throwable c = e.getCause();
        if (c instanceof IOException io) throw new IOException(io.getMessage(), io);
        if (c instanceof UncheckedIOException u) throw new IOException(u.getMessage(), u);
        if (c instanceof RuntimeException r) throw r;
        if (c instanceof Error err) throw err;
        throw e;
      }
    }
  }

  /**
   * Counters and sizes of the cache. {@code bytes} is the weight once pending maintenance has run: a write being
   * processed on another thread holds its new entry until the eviction that follows it.
   */
  public Stats stats() {
    Cache<Key<?>, Accountable> sync = store.synchronous();
    long bytes = 0;
    for (int i = 0; i < 8; i++) {
      // Eviction runs in maintenance after a write; another writer may be between adding and evicting.
      sync.cleanUp();
      bytes = sync.policy().eviction().orElseThrow().weightedSize().orElse(0);
      if (bytes <= maxBytes) break;
      Thread.onSpinWait();
    }
    long ruleBytes = 0;
    for (var e : sync.asMap().entrySet()) {
      if (e.getKey() instanceof RuleKey) ruleBytes += e.getValue().ramBytesUsed() + ENTRY_OVERHEAD;
    }
    CacheStats s = sync.stats();
    return new Stats((int) sync.estimatedSize(), bytes, s.hitCount(), s.missCount(), s.evictionCount(), ruleBytes,
        ruleHits.get(), ruleMisses.get(), heldBytes(false));
  }

  /**
   * Bytes of every document set that any entry references (per-rule sets only {@code withRuleSets}), each set
   * counted once however many entries share it: what the cache actually holds, seen from outside the weigher.
   */
  long heldBytes(boolean withRuleSets) {
    Map<Object, Long> sets = new java.util.IdentityHashMap<>();
    for (Accountable v : store.synchronous().asMap().values()) {
      switch (v) {
        case DocIdSet d -> { if (withRuleSets) sets.put(d, d.ramBytesUsed()); }
        case ReaderExclusions r -> {
          r.sets().forEach(h -> sets.put(h, h.ramBytesUsed()));
          r.visibleAndLive().forEach(both -> sets.put(both.both(), both.both().ramBytesUsed()));
        }
        default -> sets.put(v, v.ramBytesUsed());
      }
    }
    return sets.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Cache counters.
   *
   * @param entries         entries held (every kind)
   * @param bytes           bytes they are charged (never above the bound once a write has finished)
   * @param hits            lookups served from the cache
   * @param misses          lookups that built an entry
   * @param evictions       entries evicted to stay within the bound
   * @param ruleBytes       bytes the per-rule, per-segment sets are charged (part of {@code bytes})
   * @param ruleHits        per-rule lookups served from the cache
   * @param ruleMisses      per-rule lookups that evaluated the rule
   * @param querySetBytes   bytes of the sets queries read (per-segment hidden sets and channel lists, and for a
   *                        segment with deletions and a dense hidden set, its visible and live documents), each set
   *                        counted once however many entries share it: the memory the filtering itself needs
   */
  public record Stats(int entries, long bytes, long hits, long misses, long evictions, long ruleBytes, long ruleHits,
      long ruleMisses, long querySetBytes) {}

  /**
   * What pacing gave up to waiting threads: in one warm-up, or ({@link #warmPauses}) in every warm-up of this cache
   * so far. The latter is two counter reads, unlike {@link #stats}, which walks every entry: cheap enough to take
   * around each swap.
   *
   * @param pauses times a {@link #warm} stepped aside because other threads were waiting for a core
   * @param nanos  the time those pauses took
   */
  public record WarmPauses(long pauses, long nanos) {}

  /** The pauses of every {@link #warm} so far. */
  public WarmPauses warmPauses() { return new WarmPauses(pauseCount.sum(), pausedNanos.sum()); }
}
