package dev.lucenefilter.filter;

import dev.lucenefilter.filter.ExclusionCache.ContextKey;
import dev.lucenefilter.filter.ExclusionCache.Key;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Accountable;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * Builds what a jurisdiction may not see in each segment of a reader: every {@link ContentFilter}'s documents, plus
 * the posts of every channel whose channel record is hidden (a match on a channel hides the channel and all its
 * posts, across segments), plus every tombstone ({@link FilterFields#KIND_REJECTED_CHANNEL}, {@link
 * FilterFields#KIND_REJECTED_POST}). Each per-segment piece is kept in the {@link ExclusionCache} store, so a new
 * near-real-time reader builds only its new segments. Stateless apart from the store; thread-safe.
 */
final class ExclusionBuilder {
  /** The hidden channel records of a segment, before propagation: ids to carry to posts in every segment. */
  record SegmentChannels(int[] docs, String[] ids) implements Accountable {
    @Override
    public long ramBytesUsed() {
      long bytes = 64 + 4L * docs.length;
      for (String s : ids) bytes += 48 + 2L * s.length();
      return bytes;
    }
  }

  record SegmentKey(ContextKey context, IndexReader.CacheKey core) implements Key<SegmentChannels> {}

  record FinalKey(SegmentKey segment, Set<String> hiddenChannels) implements Key<HiddenDocs> {}

  /** Kinds of documents that only record a rejection: hidden in every jurisdiction. */
  private static final List<String> TOMBSTONE_KINDS =
      List.of(FilterFields.KIND_REJECTED_CHANNEL, FilterFields.KIND_REJECTED_POST);

  private final ContentFilters filters;
  private final ExclusionCache store;

  ExclusionBuilder(ContentFilters filters, ExclusionCache store) {
    this.filters = Objects.requireNonNull(filters);
    this.store = store;
  }

  /** The hidden documents of every segment of {@code reader}. */
  ReaderExclusions build(IndexReader reader, FilterContext ctx, ContextKey key) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    // Filters' documents of segments built in this call, kept until their final set is made, so no segment is
    // evaluated twice; nothing but the final sets and the small channel lists outlives the call.
    FixedBitSet[] fresh = new FixedBitSet[leaves.size()];
    Set<String> hiddenChannels = new HashSet<>();
    for (int i = 0; i < leaves.size(); i++) {
      LeafReaderContext leaf = leaves.get(i);
      int at = i;
      SegmentChannels sc = store.get(segmentKey(key, leaf), () -> {
        fresh[at] = filtered(ctx, leaf);
        return channels(leaf.reader(), fresh[at]);
      });
      Bits live = leaf.reader().getLiveDocs();
      for (int j = 0; j < sc.docs.length; j++) {
        if (live == null || live.get(sc.docs[j])) hiddenChannels.add(sc.ids[j]);
      }
      // Channels rejected at index time have no record left for a filter to match: their tombstones name them.
      hiddenChannels.addAll(RejectedChannels.all(leaf.reader()).keySet());
    }
    Set<String> channels = Set.copyOf(hiddenChannels);
    Map<Object, HiddenDocs> finals = new HashMap<>();
    Map<Object, ReaderExclusions.VisibleAndLive> withDeletions = new HashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      LeafReaderContext leaf = leaves.get(i);
      SegmentKey sk = segmentKey(key, leaf);
      FixedBitSet bits = fresh[i];
      HiddenDocs docs = store.get(sk == null ? null : new FinalKey(sk, channels), () -> {
        FixedBitSet hidden = bits != null ? bits : filtered(ctx, leaf);
        SegmentDocs.terms(leaf.reader(), FilterFields.CHANNEL_ID, channels, hidden);
        SegmentDocs.terms(leaf.reader(), FilterFields.KIND, TOMBSTONE_KINDS, hidden);
        return HiddenDocs.of(hidden);
      });
      finals.put(ReaderExclusions.segmentKey(leaf.reader()), docs);
      // Per reader, not per segment core like the hidden set: it holds this reader's deletions.
      Bits live = leaf.reader().getLiveDocs();
      FixedBitSet both = docs.visibleAndLive(live);
      if (both != null) {
        withDeletions.put(ReaderExclusions.segmentKey(leaf.reader()), new ReaderExclusions.VisibleAndLive(live, both));
      }
      WarmupPacing.step();
    }
    return new ReaderExclusions(finals, withDeletions, key.rules(), ctx.jurisdiction());
  }

  private static SegmentKey segmentKey(ContextKey key, LeafReaderContext leaf) {
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    return helper == null ? null : new SegmentKey(key, helper.getKey());
  }

  /** Every document the filters hide in a segment, before channel-to-post propagation. */
  private FixedBitSet filtered(FilterContext ctx, LeafReaderContext leaf) throws IOException {
    FixedBitSet bits = new FixedBitSet(Math.max(1, leaf.reader().maxDoc()));
    for (ContentFilter f : filters.all()) f.hidden(ctx, leaf, bits);
    return bits;
  }

  /** The channel records among a segment's filtered documents, with their ids. */
  private static SegmentChannels channels(LeafReader r, FixedBitSet filtered) throws IOException {
    FixedBitSet channelBits = new FixedBitSet(filtered.length());
    SegmentDocs.terms(r, FilterFields.KIND, List.of(FilterFields.KIND_CHANNEL), channelBits);
    channelBits.and(filtered);
    int n = channelBits.cardinality();
    int[] docs = new int[n];
    String[] ids = new String[n];
    StoredFields stored = r.storedFields();
    int k = 0;
    BitSetIterator it = new BitSetIterator(channelBits, n);
    for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
      docs[k] = d;
      ids[k++] = Objects.requireNonNull(stored.document(d, Set.of(FilterFields.ID)).get(FilterFields.ID),
          "channel document without a stored id");
    }
    return new SegmentChannels(docs, ids);
  }
}
