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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk indexing of the first {@code posts} posts of the generated corpus (and all its channels) into a fresh index
 * in a temporary directory, with index-time filtering {@code off} ({@link IndexTimeHook#admitAll()}) or {@code on}
 * ({@link PolicyIndexHook} with the sample policy in {@code blocklists/}, every filter on). The time per op is one whole run
 * including the final commit; the report divides the records by it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class IndexingBenchmark {
  @Param({"off", "on"})
  public String filtering;

  /** Posts per run, taken from the start of the 100k corpus. */
  @Param({"20000"})
  public int posts;

  private Path corpusPosts;
  private Path channels;
  private PolicySnapshot sample;
  private Path dir;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path corpus = Datasets.ensureCorpus(100_000, Datasets.SEED);
    channels = corpus.resolve("channels.jsonl");
    corpusPosts = Files.createTempFile("indexing-bench", ".jsonl");
    try (var lines = Files.lines(corpus.resolve("posts.jsonl"))) {
      Files.write(corpusPosts, (Iterable<String>) lines.limit(posts)::iterator);
    }
    Path blocklists = Paths.get(System.getProperty("lucenefilter.blocklists", "blocklists"));
    sample = Fixture.load(blocklists);
  }

  @Setup(Level.Invocation)
  public void freshDirectory() throws IOException {
    dir = Files.createTempDirectory("indexing-bench-index");
  }

  @TearDown(Level.Invocation)
  public void deleteDirectory() throws IOException {
    Datasets.deleteTree(dir);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(corpusPosts);
  }

  @Benchmark
  public IndexReport index() throws IOException, RecordFormatException {
    IndexTimeHook hook = filtering.equals("on")
        ? new PolicyIndexHook(() -> sample, ContentFilters.load(), Clock.fixed(Fixture.NOW, ZoneOffset.UTC), null)
        : IndexTimeHook.admitAll();
    try (ContentIndex index = ContentIndex.open(dir, hook)) {
      IndexReport r = index.index(corpusPosts, channels, BulkOptions.defaults());
      return r;
    }
  }
}
