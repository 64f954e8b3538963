package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * What a policy swap costs before it can go live: building and warming the exclusion sets of a new snapshot for
 * jurisdiction KZ ({@link ExclusionCache#warm}). {@code change}:
 * <ul>
 *   <li>{@code full}: a new, empty cache (first start, or a cache that lost everything): every rule's sets are
 *       built;</li>
 *   <li>{@code 1pct}: the cache already holds the current snapshot; the new one changes one value in 1% of KZ's
 *       value rules (per-rule sets of the other 99% are reused);</li>
 *   <li>{@code 1k}: the same with 1,000 rules changed (design.md's "1k-rule policy edit").</li>
 *   <li>{@code insert}: one rule inserted at the top of KZ's file, so every other rule moves (only the new rule's
 *       sets are built: per-rule sets are keyed on content, not on place).</li>
 * </ul>
 * Each invocation gets a snapshot version the cache has never seen (written and loaded in an untimed
 * per-invocation setup). Single-shot: one invocation is one swap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ReloadBenchmark {
  @Param({"1000000"})
  public int posts;

  @Param({"full", "1pct", "1k", "insert"})
  public String change;

  @Param({"c100000-d10000-p10000-u1000-j1-v10-s42"})
  public String policy;

  private Fixture fixture;
  private ExclusionCache cache;
  private PolicySpec spec;
  private List<String> vocabulary;
  private int changedRules;
  private int variant;
  private Path variants;
  private PolicySnapshot next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    spec = PolicySpec.parse(policy);
    Fixture.Warm warm = Fixture.warm(posts, spec);
    fixture = warm.fixture();
    cache = warm.cache();
    vocabulary = Datasets.vocabulary(spec.seed());
    int rules = PolicyWriter.valueRules(spec, vocabulary);
    changedRules = switch (change) {
      case "full" -> 1;
      case "1pct" -> Math.max(1, rules / 100);
      case "1k" -> Math.min(1000, rules);
      case "insert" -> 0; // one new rule at the top of the file, every other rule moved

      default -> throw new IllegalArgumentException("unknown change '" + change + "'");
    };
    variants = Files.createTempDirectory("reload-bench");
    System.err.printf("%n[setup] %d value rules in KZ; %s changes %d%n", rules, change, changedRules);
  }

  @Setup(Level.Invocation)
  public void nextSnapshot() throws IOException {
    Path dir = variants.resolve("v" + (++variant));
    PolicyWriter.write(dir, spec, vocabulary, variant, changedRules, change.equals("insert"));
    next = Fixture.load(dir);
    Datasets.deleteTree(dir);
    // "full" starts from nothing: a fresh cache, so no per-rule set can be reused.
    if (change.equals("full")) cache = new ExclusionCache();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Datasets.deleteTree(variants);
  }

  @Benchmark
  public Object warmNewSnapshot() throws IOException {
    cache.warm(fixture.reader, next, List.of(Fixture.JURISDICTION), Fixture.NOW);
    return cache.stats();
  }
}
