package dev.lucenefilter.benchmarks;

import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import dev.lucenefilter.filter.ExclusionCache;
import java.io.Closeable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;

/**
 * A cached index opened read-only once (a {@link DirectoryReader} over {@link FSDirectory}, as a search server
 * holds it) with a loaded generated policy: what the query-side benchmarks share.
 */
final class Fixture implements Closeable {
  /** The instant rules are evaluated at (generated rules have no dates; fixed for repeatability). */
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  /** The jurisdiction queried. */
  static final String JURISDICTION = "KZ";

  final Path indexDir;
  final Path policyDir;
  final DirectoryReader reader;
  final IndexSearcher searcher;
  final PolicySnapshot snapshot;

  Fixture(int posts, PolicySpec spec) throws IOException {
    indexDir = Datasets.ensureIndex(posts, spec.seed());
    policyDir = Datasets.ensurePolicy(spec);
    reader = DirectoryReader.open(FSDirectory.open(indexDir));
    searcher = new IndexSearcher(reader);
    snapshot = load(policyDir);
  }

  static PolicySnapshot load(Path dir) throws IOException {
    try {
      return PolicyLoader.load(dir);
    } catch (PolicyValidationException e) {
      throw new IOException("generated policy " + dir + " is invalid: " + e.getMessage(), e);
    }
  }

  /** A fixture with a cache warmed for {@link #JURISDICTION}, and what the warm-up took. */
  record Warm(Fixture fixture, ExclusionCache cache, long buildNanos) {}

  private static final Map<String, Warm> WARM = new HashMap<>();

  /**
   * The fixture of {@code posts} and {@code spec} with its cache warmed for KZ, built once per JVM and then shared
   * (never closed: it lives as long as the JVM), so that benchmarks run in one JVM ({@code -f 0}) pay the build
   * once.
   */
  static synchronized Warm warm(int posts, PolicySpec spec) throws IOException {
    String key = posts + "/" + spec.key();
    Warm w = WARM.get(key);
    if (w == null) {
      Fixture f = OPEN.containsKey(key) ? OPEN.remove(key) : new Fixture(posts, spec);
      ExclusionCache cache = new ExclusionCache();
      long t0 = System.nanoTime();
      cache.warm(f.reader, f.snapshot, List.of(JURISDICTION), NOW);
      w = new Warm(f, cache, System.nanoTime() - t0);
      WARM.put(key, w);
    }
    return w;
  }

  private static final Map<String, Fixture> OPEN = new HashMap<>();

  /** The fixture of {@code posts} and {@code spec} without any cache, opened once per JVM and shared. */
  static synchronized Fixture shared(int posts, PolicySpec spec) throws IOException {
    String key = posts + "/" + spec.key();
    Warm w = WARM.get(key);
    if (w != null) return w.fixture();
    Fixture f = OPEN.get(key);
    if (f == null) OPEN.put(key, f = new Fixture(posts, spec));
    return f;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
