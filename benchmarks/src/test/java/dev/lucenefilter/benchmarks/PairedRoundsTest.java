package dev.lucenefilter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedRoundsTest {
  private static final PairedRounds.Target AT_MOST = new PairedRounds.Target("f ÷ u", "f", "u", 1.05, true, 1);
  private static final PairedRounds.Target AT_LEAST = new PairedRounds.Target("on ÷ off", "f", "u", 0.9, false, 1);
  private static final PairedRounds.Target RATE = new PairedRounds.Target("f/s", "f", null, 50_000, false, 10);

  @Test
  void aVerdictIsMetOrNotMetOnlyWhenTheMediansWholeIntervalIsOnOneSide() {
    assertEquals("MET", PairedRounds.verdict(AT_MOST, new double[] {1.00, 1.05}));
    assertEquals("NOT MET", PairedRounds.verdict(AT_MOST, new double[] {1.06, 1.20}));
    assertEquals(PairedRounds.AT_TARGET, PairedRounds.verdict(AT_MOST, new double[] {1.01, 1.06}));
    assertEquals(PairedRounds.AT_TARGET, PairedRounds.verdict(AT_MOST, new double[] {1.04, 1.09}));
    assertEquals("MET", PairedRounds.verdict(AT_LEAST, new double[] {0.90, 1.00}));
    assertEquals("NOT MET", PairedRounds.verdict(AT_LEAST, new double[] {0.80, 0.89}));
    assertEquals(PairedRounds.AT_TARGET, PairedRounds.verdict(AT_LEAST, new double[] {0.89, 0.93}));
    PairedRounds.Target none = new PairedRounds.Target("x", "f", "u", Double.NaN, true, 1);
    assertEquals("reported", PairedRounds.verdict(none, new double[] {1, 3}));
  }

  @Test
  void theMediansIntervalIsTheOrderStatisticsTheBinomialGives() {
    // Ranks from tables of the sign test's interval: 6th and 17th of 22, 16th and 29th of 44.
    assertArrayEquals(new double[] {6, 17}, PairedRounds.medianInterval(shuffledRanks(22)), 0);
    assertArrayEquals(new double[] {16, 29}, PairedRounds.medianInterval(shuffledRanks(44)), 0);
    assertArrayEquals(new double[] {2, 9}, PairedRounds.medianInterval(shuffledRanks(10)), 0);
    // Too few rounds for 95%: the whole range.
    assertArrayEquals(new double[] {1, 5}, PairedRounds.medianInterval(shuffledRanks(5)), 0);
    assertArrayEquals(new double[] {1, 1}, PairedRounds.medianInterval(new double[] {1}), 0);
    assertArrayEquals(new double[] {Double.NaN, Double.NaN}, PairedRounds.medianInterval(new double[0]), 0);
    for (int n = 1; n <= 300; n++) {
      int j = referenceRank(n);
      assertArrayEquals(new double[] {j, n + 1 - j}, PairedRounds.medianInterval(shuffledRanks(n)), 0, "n = " + n);
    }
  }

  /** The largest j with P(Binomial(n, 1/2) < j) ≤ 2.5%, at least 1, in exact integers. */
  private static int referenceRank(int n) {
    BigInteger total = BigInteger.TWO.pow(n);
    BigInteger below = BigInteger.ZERO;
    int j = 1;
    for (int k = 0; k < n; k++) {
      below = below.add(binomial(n, k));
      // below / total <= 1/40
      if (below.multiply(BigInteger.valueOf(40)).compareTo(total) > 0) break;
      j = k + 1;
    }
    return j;
  }

  private static BigInteger binomial(int n, int k) {
    BigInteger c = BigInteger.ONE;
    for (int i = 1; i <= k; i++) c = c.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
    return c;
  }

  /** 1..n in a scrambled order: the interval must not depend on the order the rounds came in. */
  private static double[] shuffledRanks(int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = (i * 7L % n) + 1;
    if (n % 7 == 0) for (int i = 0; i < n; i++) a[i] = n - i;
    return a;
  }

  @Test
  void poolingKeepsEachRatioWithinItsRoundAndForkAndWidensTheIqrByTheForksDifference() {
    // Fork 1: f 1.00× u in every round; fork 2: 1.10×. Absolute times differ between the forks and between rounds,
    // so a ratio taken across rounds or forks would not be 1.00 or 1.10.
    PairedRounds one = rounds(new double[] {100, 200, 300, 400}, new double[] {100, 200, 300, 400});
    PairedRounds two = rounds(new double[] {55, 110, 165, 220}, new double[] {50, 100, 150, 200});
    PairedRounds pooled = PairedRounds.pool(List.of(one, two));

    assertArrayEquals(new int[] {4, 4}, pooled.forkRounds());
    assertArrayEquals(new double[] {1, 1, 1, 1, 1.1, 1.1, 1.1, 1.1}, pooled.perRound(AT_MOST), 1e-12);
    List<String> verdicts = new ArrayList<>();
    JsonNode target = pooled.toJson(new ObjectMapper(), verdicts).get("targets").get(0);
    assertEquals(1.05, target.get("median").asDouble(), 1e-12);
    assertEquals(1.0, target.get("q1").asDouble(), 1e-12);
    assertEquals(1.1, target.get("q3").asDouble(), 1e-12);
    assertEquals(1.0, target.get("forkMedians").get(0).asDouble(), 1e-12);
    assertEquals(1.1, target.get("forkMedians").get(1).asDouble(), 1e-12);
    // Eight rounds: the median's interval is their whole range, 1.00-1.10.
    assertEquals(1.0, target.get("ciLow").asDouble(), 1e-12);
    assertEquals(1.1, target.get("ciHigh").asDouble(), 1e-12);
    assertEquals(PairedRounds.AT_TARGET, target.get("verdict").asText());
    // Alone, each fork gives a firm verdict, and the two disagree.
    assertEquals("MET", one.toJson(new ObjectMapper(), new ArrayList<>()).get("targets").get(0).get("verdict").asText());
    assertEquals("NOT MET", two.toJson(new ObjectMapper(), new ArrayList<>()).get("targets").get(0).get("verdict").asText());
    assertEquals("VERDICT [g] f ÷ u: 1.05× (IQR 1.00–1.10; median's 95% CI 1.00–1.10), target ≤ 1.05×: " + PairedRounds.AT_TARGET, verdicts.get(0));
  }

  @Test
  void aRateIsUnitsPerSecondOfTheNumerator() {
    PairedRounds r = rounds(new double[] {100_000, 200_000, 400_000}, new double[] {1, 1, 1});
    // 10 units per call of 100 µs, 200 µs and 400 µs: 100,000, 50,000 and 25,000 units per second.
    assertArrayEquals(new double[] {100_000, 50_000, 25_000}, r.perRound(RATE), 1e-6);
    List<String> verdicts = new ArrayList<>();
    r.toJson(new ObjectMapper(), verdicts);
    assertEquals("VERDICT [g] f/s: 50,000/s (IQR 37,500–75,000; median's 95% CI 25,000–100,000), target ≥ 50,000/s: "
        + PairedRounds.AT_TARGET, verdicts.get(2));
  }

  @Test
  void whatToJsonWritesReadsBackToTheSameFiguresAndVerdicts() {
    PairedRounds a = PairedRounds.pool(List.of(rounds(new double[] {10, 12, 11}, new double[] {10, 10, 10}),
        rounds(new double[] {13, 12}, new double[] {10, 11})));
    ObjectMapper json = new ObjectMapper();
    List<String> first = new ArrayList<>();
    JsonNode written = a.toJson(json, first);
    List<String> again = new ArrayList<>();
    assertEquals(written, PairedRounds.fromJson(written).toJson(json, again));
    assertEquals(first, again);
    assertArrayEquals(new int[] {3, 2}, PairedRounds.fromJson(written).forkRounds());
  }

  @Test
  void groupsWithOtherWaysDoNotPool() {
    PairedRounds a = rounds(new double[] {1}, new double[] {1});
    PairedRounds b = PairedRounds.of("g", 100, List.of("u", "f"), new int[] {1, 1}, new double[][] {{1}, {1}},
        List.of(AT_MOST));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PairedRounds.pool(List.of(a, b)));
    assertEquals("cannot pool group 'g' [u, f] with 'g' [f, u]", e.getMessage());
  }

  /** One fork of group "g": ways f and u with these nanoseconds per call per round. */
  private static PairedRounds rounds(double[] f, double[] u) {
    return PairedRounds.of("g", 100, List.of("f", "u"), new int[] {7, 9}, new double[][] {f, u},
        List.of(AT_MOST, AT_LEAST, RATE));
  }
}
