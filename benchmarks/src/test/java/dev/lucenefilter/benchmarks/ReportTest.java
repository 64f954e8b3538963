package dev.lucenefilter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  /** One JMH result row of QueryFilterBenchmark, as JMH writes it. */
  private static String row(String query, String mode, double micros) { return row(1_000_000, query, mode, micros); }

  private static String row(int posts, String query, String mode, double micros) {
    return String.format(java.util.Locale.ROOT, """
        {"benchmark": "dev.lucenefilter.benchmarks.QueryFilterBenchmark.search",
         "params": {"change": "1pct", "mode": "%s", "posts": "%d", "query": "%s"},
         "primaryMetric": {"score": %s, "scoreError": 1.0, "scoreUnit": "us/op"}}""", mode, posts, query, micros);
  }

  @Test
  void theQueryTargetReadsThePathSearchServiceTakesAt1mNotTheFilterClause(@TempDir Path dir) throws Exception {
    // The filter clause is slow here on purpose, and so is 100k: a target read off either would say "no".
    List<String> rows = List.of(
        row(100_000, "term", "unfiltered", 10), row(100_000, "term", "filtered_hits", 12),
        row(100_000, "term", "naive", 1_200),
        row("term", "unfiltered", 100), row("term", "filtered", 200), row("term", "filtered_hits", 103),
        row("term", "naive", 10_300),
        row("matchall_newest", "unfiltered", 100), row("matchall_newest", "filtered", 300),
        row("matchall_newest", "filtered_reader", 104), row("matchall_newest", "naive", 5_200));
    Files.writeString(dir.resolve("t.json"), "[" + String.join(",", rows) + "]");

    Report.main(new String[] {dir.toString(), "t", "machine"});

    String md = Files.readString(dir.resolve("t.md"));
    String target = md.lines().filter(l -> l.startsWith("| warm filtered ÷ unfiltered ≤ 1.05×")).findFirst()
        .orElseThrow(() -> new AssertionError("no query target row in:\n" + md));
    assertTrue(target.endsWith("| worst 1.04× (1000000 matchall_newest) | yes |"), target);
    String speedup = md.lines().filter(l -> l.startsWith("| naive ÷ filtered ≥ 5×")).findFirst().orElseThrow();
    assertEquals("| naive ÷ filtered ≥ 5× | worst 50.0× (1000000 matchall_newest) | yes |", speedup);
    assertTrue(md.contains("| 1000000 | term | 1.00× "), md);
    assertTrue(md.lines().anyMatch(l -> l.startsWith("| 1000000 | term |") && l.endsWith("| 100.0× |")), md);
  }

  @Test
  void relevanceQueriesAreCollectedPastHiddenDocumentsAndTheListingGoesThroughTheView() {
    assertEquals("filtered_hits", Report.servicePath("term"));
    assertEquals("filtered_hits", Report.servicePath("phrase"));
    assertEquals("filtered_reader", Report.servicePath("matchall_newest"));
  }
}
