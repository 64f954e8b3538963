package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.IndexReport;
import dev.lucenefilter.index.IndexTimeHook;
import dev.lucenefilter.index.PolicyIndexHook;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * One bulk-indexing run: the first {@code posts} posts of the 100k corpus (and all its channels) into a given
 * fresh directory, with index-time filtering off ({@link IndexTimeHook#admitAll()}) or on ({@link PolicyIndexHook}
 * with the sample policy in {@code blocklists/}, every filter in force). Shared by {@link IndexingBenchmark} (JMH,
 * absolute times) and {@link Paired} (the on ÷ off ratio, interleaved). {@link #close} deletes the corpus slice.
 */
final class IndexingRun implements AutoCloseable {
  private final Path corpusPosts;
  private final Path channels;
  private final PolicySnapshot sample;

  IndexingRun(int posts) throws IOException {
    Path corpus = Datasets.ensureCorpus(100_000, Datasets.SEED);
    channels = corpus.resolve("channels.jsonl");
    corpusPosts = Files.createTempFile("indexing-bench", ".jsonl");
    try (var lines = Files.lines(corpus.resolve("posts.jsonl"))) {
      Files.write(corpusPosts, (Iterable<String>) lines.limit(posts)::iterator);
    }
    sample = Fixture.load(Paths.get(System.getProperty("lucenefilter.blocklists", "blocklists")));
  }

  /** Indexes the slice into {@code dir} (empty or absent) and commits. */
  IndexReport into(Path dir, boolean filtering) throws IOException, RecordFormatException {
    IndexTimeHook hook = filtering
        ? new PolicyIndexHook(() -> sample, ContentFilters.load(), Clock.fixed(Fixture.NOW, ZoneOffset.UTC), null)
        : IndexTimeHook.admitAll();
    try (ContentIndex index = ContentIndex.open(dir, hook)) {
      return index.index(corpusPosts, channels, BulkOptions.defaults());
    }
  }

  /** Indexes the slice into a fresh temporary directory, deleted afterwards. */
  IndexReport once(boolean filtering) throws IOException, RecordFormatException {
    Path dir = Files.createTempDirectory("indexing-bench-index");
    try {
      return into(dir, filtering);
    } finally {
      Datasets.deleteTree(dir);
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(corpusPosts);
  }
}
