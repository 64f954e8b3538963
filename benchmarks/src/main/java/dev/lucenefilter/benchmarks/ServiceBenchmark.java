package dev.lucenefilter.benchmarks;

import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code SearchService.search} of 20 hits, as users call it, jurisdiction KZ of {@link PolicySpec#QUERY}
 * ({@link ServicePaths}): {@code mode} {@code service_filtered} (the policy's visibility, warm cache),
 * {@code service_unfiltered} (the same service with {@code VisibilityFilter.unfiltered()}) and {@code floor}
 * (raw Lucene top-20 of the same query plus the 20 hits' stored documents); {@code query} {@code term},
 * {@code phrase}, {@code multiterm} (relevance) or {@code newest} (blank query, newest first), or {@code terms}
 * when asked for ({@code -p query=terms}: one operation is then the {@link Queries#TERMS} searches of that class);
 * {@code highlight} as the request's flag (the floor never highlights). Absolute figures: the headline ratios come
 * from {@link Paired}, which interleaves the modes in one JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ServiceBenchmark {
  @Param({"100000"})
  public int posts;

  @Param({"service_unfiltered", "service_filtered", "floor"})
  public String mode;

  @Param({"term", "phrase", "multiterm", "newest"})
  public String query;

  @Param({"false", "true"})
  public boolean highlight;

  private ServicePaths paths;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    paths = ServicePaths.shared(posts);
    System.err.println("\n[setup] " + posts + " posts, " + paths.describe(query));
  }

  @Benchmark
  public Object search() throws IOException {
    return paths.run(mode, query, highlight);
  }
}
