package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.FilterContext;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Loading a large policy: read + validate every value + canonical version + compile the lookups of one
 * jurisdiction. Target: well under a second for 100k channels, 100k domains and 10k phrases. The policy directory
 * is written once per trial to a temporary directory (GLOBAL with the domains, KZ with channels and phrases).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PolicyLoadBenchmark {
  @Param("100000") int channels;
  @Param("100000") int domains;
  @Param("10000") int phrases;
  /** Values per rule. */
  @Param("100") int valuesPerRule;

  private Path dir;

  @Setup(Level.Trial)
  public void write() throws IOException {
    dir = Files.createTempDirectory("policy-load-bench");
    try (Writer w = Files.newBufferedWriter(dir.resolve("GLOBAL.json"))) {
      w.write("{\"jurisdiction\": \"GLOBAL\", \"rules\": [\n");
      rules(w, "g-dom", "domain", domains, i -> "site-" + i + ".bench.example");
      w.write("]}\n");
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("KZ.json"))) {
      w.write("{\"jurisdiction\": \"KZ\", \"inherits\": [\"GLOBAL\"], \"rules\": [\n");
      rules(w, "kz-ch", "channel", channels, i -> "t-bench-" + i);
      w.write(",\n");
      rules(w, "kz-ph", "phrase", phrases, i -> "онлайн казино " + Integer.toString(i, 36) + "x");
      w.write("]}\n");
    }
  }

  private void rules(Writer w, String prefix, String type, int n, java.util.function.IntFunction<String> value)
      throws IOException {
    int rules = (n + valuesPerRule - 1) / valuesPerRule;
    for (int r = 0; r < rules; r++) {
      if (r > 0) w.write(",\n");
      w.write("{\"id\": \"" + prefix + "-" + r + "\", \"type\": \"" + type + "\", \"category\": \"bench\", \"legal_basis\": \"bench\", \"values\": [");
      for (int i = r * valuesPerRule; i < Math.min(n, (r + 1) * valuesPerRule); i++) {
        if (i > r * valuesPerRule) w.write(", ");
        w.write("\"" + value.apply(i) + "\"");
      }
      w.write("]}");
    }
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  @Benchmark
  public FilterContext loadValidateCompile() throws PolicyValidationException {
    PolicySnapshot s = PolicyLoader.load(dir);
    return DecisionEngine.create(s).activeRules("KZ", Instant.now());
  }
}
