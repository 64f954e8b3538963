package dev.lucenefilter.opensearch;

import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;

/**
 * The library's view of one reader for one jurisdiction under one snapshot, made on first use: wrapping a reader
 * costs nothing, and only reading live documents, term statistics or point bounds (which every search, count,
 * aggregation and get does) builds or fetches the exclusion sets. A searcher acquired and released without a read
 * builds none. Thread-safe.
 */
final class LazyExclusions {
  /** Views made on this JVM (each is one exclusion-cache lookup, built or cached): for tests and stats. */
  static final AtomicLong VIEWS_MADE = new AtomicLong();

  private final DirectoryReader base;
  private final ExclusionCache cache;
  private final PolicySnapshot snapshot;
  private final String jurisdiction;
  private final Instant now;
  private volatile DirectoryReader view;

  LazyExclusions(DirectoryReader base, ExclusionCache cache, PolicySnapshot snapshot, String jurisdiction, Instant now) {
    this.base = base;
    this.cache = cache;
    this.snapshot = snapshot;
    this.jurisdiction = jurisdiction;
    this.now = now;
  }

  LazyExclusions on(DirectoryReader other) { return new LazyExclusions(other, cache, snapshot, jurisdiction, now); }

  DirectoryReader base() { return base; }

  ExclusionCache cache() { return cache; }

  PolicySnapshot snapshot() { return snapshot; }

  String jurisdiction() { return jurisdiction; }

  Instant now() { return now; }

  /** Every segment of the base reader as the jurisdiction sees it, in order. */
  List<LeafReader> leaves() {
    if (base.leaves().isEmpty()) return List.of();
    leaf(0); // makes the view
    return view.leaves().stream().map(LeafReaderContext::reader).toList();
  }

  /** The segment {@code ord} of the base reader as the jurisdiction sees it. */
  LeafReader leaf(int ord) {
    DirectoryReader v = view;
    if (v == null) {
      synchronized (this) {
        if (view == null) {
          try {
            view = cache.visibleReader(base, snapshot, jurisdiction, now);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot build the exclusions for " + jurisdiction, e);
          }
          VIEWS_MADE.incrementAndGet();
        }
        v = view;
      }
    }
    return v.leaves().get(ord).reader();
  }
}
