package dev.lucenefilter.benchmarks;

import dev.lucenefilter.text.TextNormalizer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Step 1 of normalization (fold) on one realistic post: the smallest benchmark, run by CI so the suite never rots. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NormalizerSmokeBenchmark {
  private final String post = "Сегодня в Алматы: ОНЛАЙН КАЗИНО и бонусы! Бүгін Астанада жаңалықтар #news https://example.org";

  @Benchmark
  public String fold() {
    return TextNormalizer.standard().fold(post);
  }
}
