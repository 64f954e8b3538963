package dev.lucenefilter.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * What {@link Paired} measured of one group, and the figures and verdicts made from it: per way and round the
 * time per call, per target the median of the per-round ratios with its IQR (the spread of single rounds) and the
 * 95% confidence interval of that median (how well the rounds pin it down). Rounds measured in several JVMs
 * ("forks") pool: a round's ratio is always taken between ways timed in the same round of the same JVM, and the
 * statistics are over every round of every fork, so a difference between JVMs (JIT decisions, the load of the hour)
 * widens them instead of deciding the verdict. Immutable.
 *
 * <p>A verdict is one of three: {@code MET} when the median's whole confidence interval is on the target's good
 * side, {@code NOT MET} when it is wholly on the other, {@code AT TARGET} when it straddles the bound: the figure is
 * within this machine's noise of the target, and a re-run may put its median on either side. The interval, not the
 * IQR, decides: the IQR says how far one round may stray, and its edges wandered across bounds the medians stayed
 * 2-5% away from (quick runs 20-25), so verdicts moved between MET and AT TARGET from run to run.
 *
 * @param group      the group's name (its size and variant included)
 * @param posts      index size
 * @param ways       the ways, in the order of {@code perCall}
 * @param batch      per fork and way: calls per round
 * @param perCall    per way, per round (forks one after another): nanoseconds per call
 * @param forkRounds per fork: its number of rounds
 * @param targets    the ratios (or rates) reported, each with its bound
 */
record PairedRounds(String group, int posts, List<String> ways, int[][] batch, double[][] perCall,
    int[] forkRounds, List<PairedRounds.Target> targets) {

  static final String AT_TARGET =
      "AT TARGET (within noise: the 95% confidence interval of the median straddles the bound)";

  /** A ratio {@code num ÷ den} (or, with {@code den == null}, calls of {@code num} per second times units). */
  record Target(String label, String num, String den, double target, boolean atMost, double unitsPerCall) {}

  /** One fork's measurement. */
  static PairedRounds of(String group, int posts, List<String> ways, int[] batch, double[][] perCall,
      List<Target> targets) {
    return new PairedRounds(group, posts, List.copyOf(ways), new int[][] {batch.clone()}, perCall,
        new int[] {perCall.length == 0 ? 0 : perCall[0].length}, List.copyOf(targets));
  }

  /** The rounds of every part, in order: parts of one group (same name and ways) measured in different JVMs. */
  static PairedRounds pool(List<PairedRounds> parts) {
    PairedRounds first = parts.get(0);
    List<int[]> batches = new ArrayList<>();
    List<Integer> rounds = new ArrayList<>();
    double[][] perCall = new double[first.ways.size()][0];
    for (PairedRounds p : parts) {
      if (!p.group.equals(first.group) || !p.ways.equals(first.ways)) {
        throw new IllegalArgumentException("cannot pool group '" + p.group + "' " + p.ways + " with '" + first.group
            + "' " + first.ways);
      }
      batches.addAll(Arrays.asList(p.batch));
      for (int r : p.forkRounds) rounds.add(r);
      for (int w = 0; w < perCall.length; w++) perCall[w] = concat(perCall[w], p.perCall[w]);
    }
    return new PairedRounds(first.group, first.posts, first.ways, batches.toArray(int[][]::new), perCall,
        rounds.stream().mapToInt(Integer::intValue).toArray(), first.targets);
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Per round (all forks), the target's figure; null when the group lacks one of its ways. */
  double[] perRound(Target t) {
    int num = ways.indexOf(t.num());
    int den = t.den() == null ? -1 : ways.indexOf(t.den());
    if (num < 0 || (t.den() != null && den < 0)) return null;
    double[] per = new double[perCall[num].length];
    for (int r = 0; r < per.length; r++) {
      per[r] = den < 0 ? t.unitsPerCall() * 1e9 / perCall[num][r] : perCall[num][r] / perCall[den][r];
    }
    return per;
  }

  /**
   * {@code MET}, {@code NOT MET} or {@link #AT_TARGET} for the median's confidence interval {@code ci} (low, high);
   * {@code reported} without a bound.
   */
  static String verdict(Target t, double[] ci) {
    if (Double.isNaN(t.target())) return "reported";
    boolean lowGood = t.atMost() ? ci[0] <= t.target() : ci[0] >= t.target();
    boolean highGood = t.atMost() ? ci[1] <= t.target() : ci[1] >= t.target();
    return lowGood && highGood ? "MET" : !lowGood && !highGood ? "NOT MET" : AT_TARGET;
  }

  /**
   * The distribution-free 95% confidence interval of the median of {@code values}: the order statistics {@code
   * x(j)} and {@code x(n+1-j)}, {@code j} the largest rank with {@code P(Binomial(n, 1/2) < j) ≤ 2.5%} (each
   * round is as likely to fall below the true median as above it, whatever the distribution). It needs no
   * assumption of normality, which rounds hit by a collection or a neighbour's burst lack. With 8 values or fewer no
   * rank qualifies and the interval is the whole range (which covers less than 95% for 5 values or fewer). Returns
   * {low, high}.
   */
  static double[] medianInterval(double[] values) {
    double[] a = values.clone();
    Arrays.sort(a);
    int n = a.length;
    if (n == 0) return new double[] {Double.NaN, Double.NaN};
    int j = 1;
    double logP = -n * Math.log(2); // log P(Binomial(n, 1/2) = k): logarithms, so n in the hundreds cannot underflow
    double below = 0; // P(Binomial(n, 1/2) <= k), summed as k rises
    for (int k = 0; k < n; k++) {
      if (k > 0) logP += Math.log(n - k + 1) - Math.log(k);
      below += Math.exp(logP);
      if (below > 0.025) break;
      j = k + 1;
    }
    return new double[] {a[j - 1], a[n - j]};
  }

  /** The group as {@link Paired} writes it (figures, verdicts and the raw rounds), its verdict lines added. */
  ObjectNode toJson(ObjectMapper json, List<String> verdicts) {
    ObjectNode node = json.createObjectNode();
    node.put("group", group);
    node.put("posts", posts);
    node.put("forks", forkRounds.length);
    ArrayNode fr = node.putArray("forkRounds");
    for (int r : forkRounds) fr.add(r);
    ObjectNode w = node.putObject("ways");
    for (int i = 0; i < ways.size(); i++) {
      ObjectNode way = w.putObject(ways.get(i));
      double[] q = quartiles(perCall[i]);
      ArrayNode b = way.putArray("batches");
      for (int[] fork : batch) b.add(fork[i]);
      way.put("medianMicros", q[1] / 1e3);
      way.put("q1Micros", q[0] / 1e3);
      way.put("q3Micros", q[2] / 1e3);
      ArrayNode raw = way.putArray("perCallNanos");
      for (double v : perCall[i]) raw.add(v);
    }
    ArrayNode ts = node.putArray("targets");
    for (Target t : targets) {
      double[] per = perRound(t);
      if (per == null) continue;
      double[] q = quartiles(per);
      double[] ci = medianInterval(per);
      String verdict = verdict(t, ci);
      ObjectNode o = ts.addObject();
      o.put("target", t.label());
      o.put("num", t.num());
      o.put("den", t.den());
      o.put("unitsPerCall", t.unitsPerCall());
      o.put("median", q[1]);
      o.put("q1", q[0]);
      o.put("q3", q[2]);
      o.put("ciLow", ci[0]);
      o.put("ciHigh", ci[1]);
      ArrayNode fm = o.putArray("forkMedians");
      for (double m : forkMedians(per)) fm.add(m);
      o.put("bound", t.target());
      o.put("atMost", t.atMost());
      o.put("verdict", verdict);
      verdicts.add(String.format(Locale.ROOT, "VERDICT [%s] %s: %s, target %s: %s", group, t.label(),
          figure(t, q, ci), bound(t), verdict));
    }
    return node;
  }

  /** Per fork, the median of its rounds' figures. */
  private double[] forkMedians(double[] per) {
    double[] out = new double[forkRounds.length];
    int from = 0;
    for (int f = 0; f < forkRounds.length; f++) {
      out[f] = quartiles(Arrays.copyOfRange(per, from, from + forkRounds[f]))[1];
      from += forkRounds[f];
    }
    return out;
  }

  private static String figure(Target t, double[] q, double[] ci) {
    return t.den() == null
        ? String.format(Locale.ROOT, "%,.0f/s (IQR %,.0f–%,.0f; median's 95%% CI %,.0f–%,.0f)", q[1], q[0], q[2],
            ci[0], ci[1])
        : String.format(Locale.ROOT, "%.2f× (IQR %.2f–%.2f; median's 95%% CI %.2f–%.2f)", q[1], q[0], q[2], ci[0],
            ci[1]);
  }

  private static String bound(Target t) {
    if (Double.isNaN(t.target())) return "no target";
    return (t.atMost() ? "≤ " : "≥ ") + (t.den() == null ? String.format(Locale.ROOT, "%,.0f/s", t.target())
        : String.format(Locale.ROOT, "%.2f×", t.target()));
  }

  /** A group as {@link #toJson} wrote it. */
  static PairedRounds fromJson(JsonNode node) {
    List<String> ways = new ArrayList<>();
    node.get("ways").fieldNames().forEachRemaining(ways::add);
    int forks = node.get("forks").asInt();
    int[][] batch = new int[forks][ways.size()];
    double[][] perCall = new double[ways.size()][];
    for (int i = 0; i < ways.size(); i++) {
      JsonNode way = node.get("ways").get(ways.get(i));
      for (int f = 0; f < forks; f++) batch[f][i] = way.get("batches").get(f).asInt();
      JsonNode raw = way.get("perCallNanos");
      perCall[i] = new double[raw.size()];
      for (int r = 0; r < raw.size(); r++) perCall[i][r] = raw.get(r).asDouble();
    }
    int[] forkRounds = new int[forks];
    for (int f = 0; f < forks; f++) forkRounds[f] = node.get("forkRounds").get(f).asInt();
    List<Target> targets = new ArrayList<>();
    for (Iterator<JsonNode> it = node.get("targets").elements(); it.hasNext(); ) {
      JsonNode t = it.next();
      targets.add(new Target(t.get("target").asText(), t.get("num").asText(),
          t.get("den").isNull() ? null : t.get("den").asText(), t.get("bound").asDouble(), t.get("atMost").asBoolean(),
          t.get("unitsPerCall").asDouble()));
    }
    return new PairedRounds(node.get("group").asText(), node.get("posts").asInt(), List.copyOf(ways), batch, perCall,
        forkRounds, List.copyOf(targets));
  }

  /** Q1, median, Q3 (linear interpolation between order statistics). */
  static double[] quartiles(double[] values) {
    double[] a = values.clone();
    Arrays.sort(a);
    return new double[] {quantile(a, 0.25), quantile(a, 0.5), quantile(a, 0.75)};
  }

  private static double quantile(double[] sorted, double p) {
    if (sorted.length == 0) return Double.NaN;
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
