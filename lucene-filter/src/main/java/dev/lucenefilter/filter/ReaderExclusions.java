package dev.lucenefilter.filter;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.util.Accountable;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The hidden documents of every segment of one reader, for one jurisdiction's active rules (shared by every
 * snapshot and epoch in which they are the same). Immutable.
 * Asking for a segment that was not prepared fails: an unprepared segment is never shown unfiltered.
 */
final class ReaderExclusions implements Accountable {
  private final Map<Object, HiddenDocs> bySegment;
  /** Segments with deletions and a dense hidden set: their visible and live documents in one bit set, by segment. */
  private final Map<Object, VisibleAndLive> withDeletions;
  private final String rulesDigest;
  private final String jurisdiction;
  private final long bytes;
  /** The reader view and the reader it wraps, published together. */
  private volatile View view;

  private record View(DirectoryReader of, DirectoryReader reader) {}

  /**
   * A segment's visible documents that are also live, for the live docs they were made from (a reader with other
   * deletions of the same segment gets {@link HiddenDocs#visible} instead).
   */
  record VisibleAndLive(Bits from, FixedBitSet both) {}

  ReaderExclusions(Map<Object, HiddenDocs> bySegment, Map<Object, VisibleAndLive> withDeletions, String rulesDigest,
      String jurisdiction) {
    this.bySegment = Map.copyOf(bySegment);
    this.withDeletions = Map.copyOf(withDeletions);
    this.rulesDigest = rulesDigest;
    this.jurisdiction = jurisdiction;
    this.bytes = 64L * (1 + this.bySegment.size() + this.withDeletions.size())
        + this.bySegment.values().stream().mapToLong(HiddenDocs::ramBytesUsed).sum()
        + this.withDeletions.values().stream().mapToLong(v -> v.both().ramBytesUsed()).sum();
  }

  /** Identifies a segment across reader instances that share its core and deletions. */
  static Object segmentKey(LeafReader leaf) {
    IndexReader.CacheHelper core = leaf.getCoreCacheHelper();
    return core == null ? leaf : core.getKey();
  }

  /** The hidden documents of a segment of the prepared reader. */
  HiddenDocs forSegment(LeafReader leaf) {
    HiddenDocs h = bySegment.get(segmentKey(leaf));
    if (h == null) {
      throw new IllegalStateException("segment " + leaf + " was not prepared for " + jurisdiction
          + " under rules " + rulesDigest.substring(0, Math.min(12, rulesDigest.length()))
          + ": refusing to search it unfiltered");
    }
    return h;
  }

  /**
   * What a view of {@code leaf} (a segment of the prepared reader) gives Lucene as live docs: the segment's visible
   * and live documents in one bit set when they were made for its live docs, else the hidden set over them.
   */
  Bits liveDocs(LeafReader leaf) {
    Bits live = leaf.getLiveDocs();
    VisibleAndLive both = withDeletions.get(segmentKey(leaf));
    return both != null && both.from() == live ? both.both().asReadOnlyBits() : forSegment(leaf).visible(live);
  }

  /** Every segment's set (the store charges them to this entry too). */
  Collection<HiddenDocs> sets() { return bySegment.values(); }

  /** The bit sets of visible and live documents made for segments with deletions (charged to this entry only). */
  Collection<VisibleAndLive> visibleAndLive() { return withDeletions.values(); }

  /** Bytes of every set it references, and the map. */
  @Override
  public long ramBytesUsed() { return bytes; }

  /**
   * The reader view over {@code reader} (the reader these exclusions were built for), made once: every query of
   * the same reader, jurisdiction and active rules shares it.
   */
  DirectoryReader view(DirectoryReader reader) throws IOException {
    View v = view;
    if (v == null || v.of() != reader) {
      synchronized (this) {
        v = view;
        if (v == null || v.of() != reader) {
          DirectoryReader made = new VisibleLeafReader.Directory(reader, this);
          // Lucene creates a composite reader's context lazily and without synchronization; the view is shared
          // by threads at once, so its context must exist before anyone sees it.
          made.getContext();
          view = v = new View(reader, made);
        }
      }
    }
    return v.reader();
  }
}
