package dev.lucenefilter.filter;

import dev.lucenefilter.policy.Rule;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.DocIdSet;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.RoaringDocIdSet;

/**
 * The documents each rule matches in each segment, as compact {@link RoaringDocIdSet}s keyed by (rule, segment
 * core). A rule that did not change between two snapshots keeps its sets, so a policy edit of a few rules costs
 * only those rules. Bounded by bytes with least-recently-used eviction; thread-safe.
 */
final class RuleDocsCache {
  /** Computes a rule's documents in a segment. */
  @FunctionalInterface
  interface Loader {
    void load(FixedBitSet out) throws IOException;
  }

  private record Key(Rule rule, IndexReader.CacheKey core) {}

  /**
   * Charged per entry besides its documents: the key keeps its rule alive, and rules of a replaced snapshot should
   * not outstay their welcome just because their document sets are small.
   */
  static final long ENTRY_OVERHEAD = 1024;

  private final long maxBytes;
  private final LinkedHashMap<Key, DocIdSet> map = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong evictions = new AtomicLong();

  RuleDocsCache(long maxBytes) { this.maxBytes = maxBytes; }

  /** The rule's documents in the segment, computing them on a miss. */
  DocIdSet get(Rule rule, LeafReader segment, Loader loader) throws IOException {
    IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
    Key key = helper == null ? null : new Key(rule, helper.getKey());
    if (key != null) {
      synchronized (this) {
        DocIdSet cached = map.get(key);
        if (cached != null) {
          hits.incrementAndGet();
          return cached;
        }
      }
    }
    misses.incrementAndGet();
    FixedBitSet bits = new FixedBitSet(Math.max(1, segment.maxDoc()));
    loader.load(bits);
    DocIdSet set = toRoaring(bits, segment.maxDoc());
    if (key != null) {
      synchronized (this) {
        DocIdSet prev = map.put(key, set);
        if (prev != null) bytes -= prev.ramBytesUsed() + ENTRY_OVERHEAD;
        bytes += set.ramBytesUsed() + ENTRY_OVERHEAD;
        evict();
      }
    }
    return set;
  }

  /** The rule's documents in the segment if cached, else null (for callers that build several rules at once). */
  DocIdSet getIfPresent(Rule rule, LeafReader segment) {
    IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
    if (helper == null) return null;
    synchronized (this) {
      DocIdSet cached = map.get(new Key(rule, helper.getKey()));
      if (cached != null) hits.incrementAndGet();
      return cached;
    }
  }

  /** Stores a rule's documents in the segment, computed by the caller; returns them in cached form. */
  DocIdSet put(Rule rule, LeafReader segment, FixedBitSet bits) throws IOException {
    misses.incrementAndGet();
    DocIdSet set = toRoaring(bits, segment.maxDoc());
    IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
    if (helper != null) {
      synchronized (this) {
        DocIdSet prev = map.put(new Key(rule, helper.getKey()), set);
        if (prev != null) bytes -= prev.ramBytesUsed() + ENTRY_OVERHEAD;
        bytes += set.ramBytesUsed() + ENTRY_OVERHEAD;
        evict();
      }
    }
    return set;
  }

  private void evict() {
    Iterator<Map.Entry<Key, DocIdSet>> it = map.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      Map.Entry<Key, DocIdSet> e = it.next();
      bytes -= e.getValue().ramBytesUsed() + ENTRY_OVERHEAD;
      it.remove();
      evictions.incrementAndGet();
    }
  }

  private static DocIdSet toRoaring(FixedBitSet bits, int maxDoc) throws IOException {
    RoaringDocIdSet.Builder b = new RoaringDocIdSet.Builder(Math.max(1, maxDoc));
    int len = bits.length();
    for (int d = bits.nextSetBit(0); d != DocIdSetIterator.NO_MORE_DOCS && d < maxDoc;
        d = d + 1 < len ? bits.nextSetBit(d + 1) : DocIdSetIterator.NO_MORE_DOCS) {
      b.add(d);
    }
    return b.build();
  }

  synchronized long bytes() { return bytes; }

  synchronized int size() { return map.size(); }

  long hits() { return hits.get(); }

  long misses() { return misses.get(); }

  long evictions() { return evictions.get(); }
}
