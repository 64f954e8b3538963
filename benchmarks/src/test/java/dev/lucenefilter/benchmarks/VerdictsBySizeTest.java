package dev.lucenefilter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class VerdictsBySizeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String target(String name, double median, double lo, double hi, String bound, boolean atMost,
      String verdict) {
    return String.format(Locale.ROOT, """
        {"target": "%s", "num": "%s", "den": "unfiltered", "median": %s, "q1": %s, "q3": %s, "ciLow": %s,
         "ciHigh": %s, "bound": %s, "atMost": %s, "verdict": "%s"}""", name, name.split(" ")[0], median, lo - 0.01,
        hi + 0.01, lo, hi, bound, atMost, verdict);
  }

  private static String group(String name, String ways, String... targets) {
    return "{\"group\": \"" + name + "\", \"ways\": {" + ways + "}, \"targets\": [" + String.join(",", targets) + "]}";
  }

  private static JsonNode doc(String... groups) throws Exception {
    return JSON.readTree("{\"groups\": [" + String.join(",", groups) + "]}");
  }

  @Test
  void sizesBecomeColumnsAndEveryVerdictBelowMetIsListed() throws Exception {
    String ways = "\"unfiltered\": {\"medianMicros\": 100}";
    JsonNode paired = doc(
        group("query terms @100000", ways,
            target("warm filtered ÷ unfiltered", 1.0888, 1.0677, 1.1009, "1.05", true, "NOT MET")),
        group("query terms @1000000", ways,
            target("warm filtered ÷ unfiltered", 1.031, 1.02, 1.06, "1.05", true,
                "AT TARGET (within noise: the 95% confidence interval straddles the bound)")),
        group("service newest @1000000, 200 jurisdictions in turn", ways,
            target("SearchService filtered ÷ floor", 1.114, 1.08, 1.15, "1.2", true, "MET")),
        group("check 500 posts", "\"check\": {\"medianMicros\": 2900}, \"monitor\": {\"medianMicros\": 141400}",
            target("check posts/s (one core)", 172921, 170079, 178348, "50000", false, "MET"),
            target("check ÷ monitor (time per post)", 0.02, 0.019, 0.021, "\"NaN\"", true, "reported")),
        group("hidden share, query term @100000", ways,
            target("hide_00% (filtered_hits) ÷ unfiltered", 1.04, 1.0, 1.1, "\"NaN\"", true, "reported")));
    JsonNode rewritten = doc(group("query terms @100000, 1 post in 100 rewritten", ways,
        target("warm filtered ÷ unfiltered", 1.0612, 1.052, 1.07, "1.05", true, "NOT MET")));

    StringBuilder md = new StringBuilder();
    VerdictsBySize.render(md, List.of(paired, rewritten));

    assertEquals("""
        ## Verdicts by size (Paired)

        | group | figure | bound | 100k | 1M |
        | --- | --- | --- | --- | --- |
        | query terms | warm filtered ÷ unfiltered | ≤ 1.05× | 1.09× (1.07–1.10) NOT MET | 1.03× (1.02–1.06) AT TARGET |
        | service newest, 200 jurisdictions in turn | SearchService filtered ÷ floor | ≤ 1.20× | – | 1.11× (1.08–1.15) MET |
        | query terms, 1 post in 100 rewritten | warm filtered ÷ unfiltered | ≤ 1.05× | 1.06× (1.05–1.07) NOT MET | – |

        `hidden share, query term @100000` (÷ unfiltered, no bound): hide_00% 1.04×.

        | group | figure | median (interval) | bound | verdict |
        | --- | --- | --- | --- | --- |
        | check 500 posts | check posts/s (one core) | 172,921/s (170,079/s–178,348/s) | ≥ 50,000/s | MET |
        | check 500 posts | check ÷ monitor (time per post) | 0.02× (0.02–0.02) | – | reported |
        | check 500 posts | median time per call | check 2.9 ms, monitor 141.4 ms | – | – |

        Figures with a bound: 2 MET, 1 AT TARGET, 2 NOT MET.

        Not MET (within noise of the bound, or beyond it):

        - query terms @100000, warm filtered ÷ unfiltered: 1.09× (1.07–1.10), `NOT MET` (bound ≤ 1.05×)
        - query terms @1000000, warm filtered ÷ unfiltered: 1.03× (1.02–1.06), `AT TARGET` (bound ≤ 1.05×)
        - query terms @100000, 1 post in 100 rewritten, warm filtered ÷ unfiltered: 1.06× (1.05–1.07), `NOT MET` (bound ≤ 1.05×)

        """, md.toString());
  }

  @Test
  void aFileFromBeforeTheConfidenceIntervalShowsItsIqrAndSaysSo() throws Exception {
    JsonNode old = JSON.readTree("""
        {"groups": [{"group": "query term @100000", "ways": {}, "targets": [{"target": "warm filtered ÷ unfiltered",
         "num": "filtered", "den": "unfiltered", "median": 1.08, "q1": 1.06, "q3": 1.10, "bound": 1.05,
         "atMost": true, "verdict": "NOT MET"}]}]}""");
    StringBuilder md = new StringBuilder();
    VerdictsBySize.render(md, List.of(old));
    String row = md.toString().lines().filter(l -> l.startsWith("| query term |")).findFirst().orElseThrow();
    assertEquals("| query term | warm filtered ÷ unfiltered | ≤ 1.05× | 1.08× (IQR 1.06–1.10) NOT MET |", row);
  }

  @Test
  void noPairedFilesGiveNoSection() {
    StringBuilder md = new StringBuilder();
    VerdictsBySize.render(md, List.of());
    assertEquals("", md.toString());
  }
}
