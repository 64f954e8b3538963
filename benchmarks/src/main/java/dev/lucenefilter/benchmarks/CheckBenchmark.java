package dev.lucenefilter.benchmarks;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Posts per second of {@code check} and its peers ({@link CheckPeers}) on one thread: {@value #POSTS} posts of
 * the 100k corpus per invocation, jurisdiction KZ of {@link PolicySpec#QUERY}. Score: operations (posts) per
 * second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CheckBenchmark {
  static final int POSTS = 2000;

  /** The corpus the posts come from. */
  @Param({"100000"})
  public int corpus;

  @Param({"check", "monitor", "ahocorasick"})
  public String mode;

  private CheckPeers peers;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    peers = new CheckPeers(corpus, POSTS);
    System.err.printf(Locale.ROOT, "%n[setup] %s%n", peers.describe());
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public long check() throws IOException {
    return peers.run(mode);
  }
}
