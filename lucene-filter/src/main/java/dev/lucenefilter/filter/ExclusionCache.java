package dev.lucenefilter.filter;

import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * Query-time filtering: turns an index reader into what one jurisdiction may see under one policy snapshot.
 *
 * <p>For each segment it builds, once, the set of documents the jurisdiction's active rules hide: every
 * {@link ContentFilter}'s documents, plus the posts of every channel whose channel record is hidden (a match on a
 * channel hides the channel and all its posts), plus, in every jurisdiction, the records of the channels rejected
 * at index time and their tombstones ({@link RejectedChannels}). The sets are cached per (snapshot version, jurisdiction, epoch of
 * active rules, segment core, hidden channels), dense or sparse by density ({@link HiddenDocs}), shared by every
 * query, and built incrementally for new near-real-time segments; per-rule sets underneath are shared across
 * snapshots, so an edit of a few rules rebuilds only those. {@link #visibleReader} wraps the reader so hidden
 * documents look deleted: every query, count, page and by-id lookup through it is filtered.
 *
 * <p>Bounded by bytes; least recently used entries are evicted. Thread-safe.
 */
public final class ExclusionCache {
  /** Default bound of the cache: 512 MiB. */
  public static final long DEFAULT_MAX_BYTES = 512L << 20;

  private record ContextKey(String version, String jurisdiction, Instant epochStart, String filters) {}

  private record SegmentKey(ContextKey context, IndexReader.CacheKey core) {}

  private record FinalKey(SegmentKey segment, Set<String> hiddenChannels) {}

  /** The hidden channel records of a segment, before propagation: ids to carry to posts in every segment. */
  private record SegmentChannels(int[] docs, String[] ids) {
    long ramBytesUsed() {
      long bytes = 64 + 4L * docs.length;
      for (String s : ids) bytes += 48 + 2L * s.length();
      return bytes;
    }
  }

  private final ContentFilters filters;
  private final FilterContexts contexts;
  private final RuleDocsCache ruleDocs;
  private final long maxBytes;
  private final LinkedHashMap<Object, Object> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;
  /**
   * Exclusions per reader (a reader from a SearcherManager is reused until the next refresh): a small LRU whose
   * entries also leave when their reader closes.
   */
  private final Map<IndexReader.CacheKey, Map<ContextKey, ReaderExclusions>> readers =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<IndexReader.CacheKey, Map<ContextKey, ReaderExclusions>> e) {
          return size() > MAX_READERS;
        }
      };
  private static final int MAX_READERS = 8;
  private static final int MAX_CONTEXTS_PER_READER = 256;
  private final AtomicLong readerHits = new AtomicLong();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong evictions = new AtomicLong();

  /** A cache with every filter on the class path, refusing unknown jurisdictions, bounded at the default. */
  public ExclusionCache() {
    this(ContentFilters.load(), UnknownJurisdictions.ERROR, DEFAULT_MAX_BYTES);
  }

  public ExclusionCache(ContentFilters filters, UnknownJurisdictions unknown, long maxBytes) {
    this.filters = Objects.requireNonNull(filters);
    this.maxBytes = maxBytes;
    // Per-rule sets get a quarter of the budget: they are the cheap-to-rebuild layer.
    this.ruleDocs = new RuleDocsCache(maxBytes / 4);
    this.contexts = new FilterContexts(ruleDocs, unknown);
  }

  /** The filters in force. */
  public ContentFilters filters() { return filters; }

  /**
   * The reader as {@code jurisdiction} sees it under {@code snapshot} at {@code now}: hidden records look
   * deleted. The returned reader shares the given reader's segments; do not close it (close or release the
   * given reader as usual).
   *
   * @throws UnknownJurisdictionException when the policy does not define the jurisdiction (default config)
   */
  public DirectoryReader visibleReader(DirectoryReader reader, PolicySnapshot snapshot, String jurisdiction,
      Instant now) throws IOException {
    ReaderExclusions ex = exclusions(reader, snapshot, jurisdiction, now);
    return ex.view(reader, () -> new VisibleDirectoryReader(reader, ex::forSegment));
  }

  /**
   * A non-scoring query matching exactly what {@code jurisdiction} may see in {@code reader} under {@code
   * snapshot} at {@code now}, for use as a FILTER clause. Valid for that reader only.
   *
   * @throws UnknownJurisdictionException when the policy does not define the jurisdiction (default config)
   */
  public Query visibleQuery(DirectoryReader reader, PolicySnapshot snapshot, String jurisdiction, Instant now)
      throws IOException {
    return new VisibleDocsQuery(exclusions(reader, snapshot, jurisdiction, now));
  }

  /** The hidden documents of every segment of {@code reader}, built or taken from the cache. */
  ReaderExclusions exclusions(DirectoryReader reader, PolicySnapshot snapshot, String jurisdiction, Instant now)
      throws IOException {
    filters.requireHandles(snapshot);
    FilterContext ctx = contexts.get(snapshot, jurisdiction, now);
    ContextKey key = new ContextKey(snapshot.version(), jurisdiction, ctx.epochStart(), filters.cacheKey(ctx));
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    if (helper == null) return build(reader, ctx, key);
    IndexReader.CacheKey readerKey = helper.getKey();
    synchronized (readers) {
      Map<ContextKey, ReaderExclusions> m = readers.get(readerKey);
      ReaderExclusions ex = m == null ? null : m.get(key);
      if (ex != null) {
        readerHits.incrementAndGet();
        return ex;
      }
    }
    ReaderExclusions ex = build(reader, ctx, key);
    synchronized (readers) {
      Map<ContextKey, ReaderExclusions> m = readers.get(readerKey);
      if (m == null) {
        // Bounded: a long-lived reader may see many policy versions and jurisdictions.
        m = new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<ContextKey, ReaderExclusions> e) {
            return size() > MAX_CONTEXTS_PER_READER;
          }
        };
        readers.put(readerKey, m);
        helper.addClosedListener(k -> { synchronized (readers) { readers.remove(k); } });
      }
      m.put(key, ex);
    }
    return ex;
  }

  private ReaderExclusions build(DirectoryReader reader, FilterContext ctx, ContextKey key) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    // Filters' documents of segments built in this call, kept until their final set is made, so no segment is
    // evaluated twice; nothing but the final sets and the small channel lists outlives the call.
    FixedBitSet[] fresh = new FixedBitSet[leaves.size()];
    Set<String> hiddenChannels = new HashSet<>();
    for (int i = 0; i < leaves.size(); i++) {
      LeafReaderContext leaf = leaves.get(i);
      SegmentChannels sc = channels(ctx, key, leaf, fresh, i);
      Bits live = leaf.reader().getLiveDocs();
      for (int j = 0; j < sc.docs.length; j++) {
        if (live == null || live.get(sc.docs[j])) hiddenChannels.add(sc.ids[j]);
      }
      // Channels rejected at index time have no record left for a filter to match: their tombstones name them.
      hiddenChannels.addAll(RejectedChannels.ids(leaf.reader()));
    }
    Set<String> channels = Set.copyOf(hiddenChannels);
    Map<Object, HiddenDocs> finals = new HashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      LeafReaderContext leaf = leaves.get(i);
      finals.put(ReaderExclusions.segmentKey(leaf.reader()), finalDocs(ctx, key, leaf, channels, fresh[i]));
    }
    return new ReaderExclusions(finals, ctx.snapshot().version(), ctx.jurisdiction());
  }

  /** Builds every jurisdiction's sets for a snapshot ahead of its first query (before a policy swap). */
  public void warm(DirectoryReader reader, PolicySnapshot snapshot, Collection<String> jurisdictions, Instant now)
      throws IOException {
    for (String j : jurisdictions) exclusions(reader, snapshot, j, now);
  }

  /** Every document the filters hide in a segment, before channel-to-post propagation. */
  private FixedBitSet filtered(FilterContext ctx, LeafReaderContext leaf) throws IOException {
    FixedBitSet bits = new FixedBitSet(Math.max(1, leaf.reader().maxDoc()));
    for (ContentFilter f : filters.all()) f.hidden(ctx, leaf, bits);
    return bits;
  }

  /**
   * The segment's hidden channel records, from the cache or computed (then the filtered documents are left in
   * {@code fresh[i]} for the final set).
   */
  private SegmentChannels channels(FilterContext ctx, ContextKey key, LeafReaderContext leaf, FixedBitSet[] fresh,
      int i) throws IOException {
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    SegmentKey sk = helper == null ? null : new SegmentKey(key, helper.getKey());
    if (sk != null) {
      SegmentChannels cached = (SegmentChannels) lookup(sk);
      if (cached != null) return cached;
    }
    LeafReader r = leaf.reader();
    FixedBitSet bits = filtered(ctx, leaf);
    fresh[i] = bits;
    FixedBitSet channelBits = new FixedBitSet(bits.length());
    DocSets.terms(r, FilterFields.KIND, List.of(FilterFields.KIND_CHANNEL), channelBits);
    channelBits.and(bits);
    int n = channelBits.cardinality();
    int[] docs = new int[n];
    String[] ids = new String[n];
    StoredFields stored = r.storedFields();
    int k = 0;
    for (int d = channelBits.nextSetBit(0); d != DocIdSetIterator.NO_MORE_DOCS;
        d = d + 1 < channelBits.length() ? channelBits.nextSetBit(d + 1) : DocIdSetIterator.NO_MORE_DOCS) {
      Document doc = stored.document(d, Set.of(FilterFields.ID));
      docs[k] = d;
      ids[k++] = Objects.requireNonNull(doc.get(FilterFields.ID), "channel document without a stored id");
    }
    SegmentChannels sc = new SegmentChannels(docs, ids);
    if (sk != null) store(sk, sc, sc.ramBytesUsed());
    return sc;
  }

  /** What the jurisdiction may not see in a segment: the filters' documents plus the posts of hidden channels. */
  private HiddenDocs finalDocs(FilterContext ctx, ContextKey key, LeafReaderContext leaf, Set<String> hiddenChannels,
      FixedBitSet fresh) throws IOException {
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    FinalKey fk = helper == null ? null : new FinalKey(new SegmentKey(key, helper.getKey()), hiddenChannels);
    if (fk != null) {
      HiddenDocs cached = (HiddenDocs) lookup(fk);
      if (cached != null) return cached;
    }
    FixedBitSet bits = fresh != null ? fresh : filtered(ctx, leaf);
    DocSets.terms(leaf.reader(), FilterFields.CHANNEL_ID, hiddenChannels, bits);
    RejectedChannels.tombstoneDocs(leaf.reader(), bits);
    HiddenDocs out = HiddenDocs.of(bits);
    if (fk != null) store(fk, out, out.ramBytesUsed());
    return out;
  }

  private synchronized Object lookup(Object key) {
    Object v = entries.get(key);
    if (v != null) hits.incrementAndGet();
    else misses.incrementAndGet();
    return v;
  }

  private synchronized void store(Object key, Object value, long size) {
    Object prev = entries.put(key, value);
    if (prev != null) bytes -= sizeOf(prev);
    bytes += size;
    // Down to the bound, the new entry last (it is the most recent): the caller holds the value it built, so an
    // entry larger than the whole bound is used once and not kept, and the bound is never exceeded.
    Iterator<Map.Entry<Object, Object>> it = entries.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      Map.Entry<Object, Object> e = it.next();
      bytes -= sizeOf(e.getValue());
      it.remove();
      evictions.incrementAndGet();
    }
  }

  private static long sizeOf(Object v) {
    return v instanceof SegmentChannels c ? c.ramBytesUsed() : ((HiddenDocs) v).ramBytesUsed();
  }

  /** Counters and sizes of the cache. */
  public synchronized Stats stats() {
    return new Stats(entries.size(), bytes, hits.get(), misses.get(), evictions.get(), ruleDocs.size(), ruleDocs.bytes(),
        ruleDocs.hits(), ruleDocs.misses(), ruleDocs.evictions());
  }

  /**
   * Cache counters.
   *
   * @param entries         per-segment exclusion entries held
   * @param bytes           bytes they hold
   * @param hits            lookups served from the cache
   * @param misses          lookups that built an entry
   * @param evictions       entries evicted to stay within the bound
   * @param ruleEntries     per-rule, per-segment sets held
   * @param ruleBytes       bytes they hold
   * @param ruleHits        per-rule lookups served from the cache
   * @param ruleMisses      per-rule lookups that evaluated the rule
   * @param ruleEvictions   per-rule sets evicted
   */
  public record Stats(int entries, long bytes, long hits, long misses, long evictions, int ruleEntries,
      long ruleBytes, long ruleHits, long ruleMisses, long ruleEvictions) {}
}
