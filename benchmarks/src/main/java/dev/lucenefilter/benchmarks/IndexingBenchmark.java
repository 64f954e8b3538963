package dev.lucenefilter.benchmarks;

import dev.lucenefilter.index.IndexReport;
import dev.lucenefilter.model.RecordFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * in a temporary directory ({@link IndexingRun}), with the index-time hook {@code filtering} names (a way of {@link
 * IndexingRun.Hook}; the profiles run {@code off} and {@code on}). The time per op is one whole run including the
 * final commit; the report divides the records by it. Absolute figures: the verdicts and the peers' ratios come from
 * {@link Paired}'s {@code indexing} group, which interleaves every hook.
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

  private IndexingRun run;
  private Path dir;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    run = new IndexingRun(posts);
    run.hook(IndexingRun.Hook.of(filtering)); // builds the 12k-rule policy or the peers outside the measurement
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
    run.close();
  }

  @Benchmark
  public IndexReport index() throws IOException, RecordFormatException {
    return run.into(dir, IndexingRun.Hook.of(filtering));
  }
}
