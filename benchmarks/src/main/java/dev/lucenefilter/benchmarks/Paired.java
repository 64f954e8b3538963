package dev.lucenefilter.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.FilterContext;
import dev.lucenefilter.filter.VisibleLeafReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * The headline ratios, measured paired: the ways of doing one thing (filtered and unfiltered, and the peers) run
 * interleaved in one JVM, in rounds, the order reversed every other round so that neither side always runs
 * first (JIT, caches, GC debt and the machine's load drift hit both alike). Each round times a fixed batch of
 * calls of every way (the batch sized in the warm-up to about {@code BATCH_MILLIS}); a round's ratio is the
 * ratio of its two per-call means, and the figure reported is the median of the rounds' ratios with its
 * interquartile range (IQR). A target is "within noise" when the IQR straddles it.
 *
 * <p>Groups: {@code query} ({@link QueryFilterBenchmark}'s modes: plain searcher, FILTER clause, reader view,
 * post-filter, naive MUST_NOT), {@code service} ({@link ServicePaths}: {@code SearchService} filtered and
 * unfiltered, and the floor), {@code jurisdictions} (the same over {@link PolicySpec#MEMORY}: all 200
 * jurisdictions warmed into one cache, the filtered calls asking for each in turn), {@code check} ({@link CheckPeers}: posts per second of {@code check}, Lucene Monitor
 * and Aho–Corasick), {@code indexing} ({@link IndexingRun}: a bulk run of {@code -Dpaired.indexingPosts} posts,
 * default 5,000, into a fresh index with index-time filtering off and on). Writes JSON to {@code OUT} and prints
 * one {@code VERDICT} line per target.
 *
 * <p>Usage: {@code Paired POSTS[,POSTS...] ROUNDS OUT [GROUPS] [QUERIES] [CHECK_POSTS]}, e.g. {@code Paired 100000
 * 21 results/quick-paired.json query,service,check term,newest 2000}.
 */
public final class Paired {
  private Paired() {}

  static final double BATCH_MILLIS = 40;
  /** Warm-up time of every way of a group, before its rounds ({@code -Dpaired.warmupMillis}, default 3000). */
  static final long WARMUP_MILLIS = Long.getLong("paired.warmupMillis", 3000);
  private static volatile int sink;

  @FunctionalInterface
  interface Op {
    Object call() throws Exception;
  }

  /** A ratio (or, with {@code den == null}, a rate of {@code num}) and its target. */
  record Target(String label, String num, String den, double target, boolean atMost, double unitsPerCall) {}

  private record Group(String name, Map<String, Op> ops, List<Target> targets) {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = Arrays.stream(args[0].split(",")).map(Integer::parseInt).toList();
    int rounds = Integer.parseInt(args[1]);
    Path out = Paths.get(args[2]);
    List<String> groups = List.of((args.length > 3 ? args[3] : "query,service,check").split(","));
    List<String> queries = List.of((args.length > 4 ? args[4] : "term,newest").split(","));
    int checkPosts = args.length > 5 ? Integer.parseInt(args[5]) : 2000;
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("rounds", rounds);
    root.put("batchMillis", BATCH_MILLIS);
    root.put("warmupMillis", WARMUP_MILLIS);
    root.put("loadBefore", load());
    ArrayNode results = root.putArray("groups");
    List<String> verdicts = new ArrayList<>();
    for (int posts : sizes) {
      for (Group g : groups(posts, groups, queries, checkPosts)) {
        ObjectNode measured = measure(json, g, posts, rounds, verdicts);
        if (measured != null) results.add(measured);
      }
    }
    root.put("loadAfter", load());
    ArrayNode v = root.putArray("verdicts");
    verdicts.forEach(v::add);
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
    System.out.println("load average before " + root.get("loadBefore").asText() + ", after " + load());
    for (String line : verdicts) System.out.println(line);
    System.exit(0);
  }

  private static List<Group> groups(int posts, List<String> names, List<String> queries, int checkPosts)
      throws Exception {
    List<Group> out = new ArrayList<>();
    if (names.contains("query")) {
      Fixture.Warm w = Fixture.warm(posts, PolicySpec.QUERY);
      Fixture f = w.fixture();
      ExclusionCache cache = w.cache();
      FilterContext active = DecisionEngine.create(f.snapshot).activeRules(Fixture.JURISDICTION, Fixture.NOW);
      PostFilter post = new PostFilter(f.searcher, DecisionEngine.create(f.snapshot), Fixture.JURISDICTION, Fixture.NOW);
      for (String name : queries) {
        Queries.UserQuery q = Queries.of(name.equals("newest") ? "matchall_newest" : name, f.reader);
        boolean sorted = q.sort() != null;
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("unfiltered", () -> search(f.searcher, q.query(), q));
        ops.put("filtered", () -> search(f.searcher, new BooleanQuery.Builder()
            .add(q.query(), BooleanClause.Occur.MUST)
            .add(cache.visibleQuery(f.reader, f.snapshot, Fixture.JURISDICTION, Fixture.NOW), BooleanClause.Occur.FILTER)
            .build(), q));
        ops.put("filtered_reader", () -> search(new IndexSearcher(
            cache.visibleReader(f.reader, f.snapshot, Fixture.JURISDICTION, Fixture.NOW)), q.query(), q));
        // SearchService's relevance path: the unfiltered segments, hidden documents dropped at collection.
        if (!sorted) ops.put("filtered_hits", () -> QueryFilterBenchmark.visibleHits(f, cache, q));
        ops.put("postfilter", () -> post.search(q.query(), q.sort(), QueryFilterBenchmark.PAGE));
        ops.put("naive", () -> search(f.searcher, NaiveFilter.filtered(q.query(), active), q));
        // SearchService's path: hidden documents dropped at collection for relevance; for sorted listings the reader
        // view when Lucene masks its live docs word-wise (dense hidden sets and no deletions), else the filter clause.
        boolean wordWise = VisibleLeafReader.masksWordWise(
            cache.visibleReader(f.reader, f.snapshot, Fixture.JURISDICTION, Fixture.NOW));
        String path = !sorted ? "filtered_hits" : wordWise ? "filtered_reader" : "filtered";
        out.add(new Group("query " + name + " @" + posts + INDEX_NOTE, ops, List.of(
            new Target("warm filtered (" + path + ") ÷ unfiltered", path, "unfiltered", 1.05, true, 1),
            new Target("naive ÷ filtered (" + path + ")", "naive", path, 5, false, 1))));
      }
    }
    if (names.contains("service")) serviceGroups(out, ServicePaths.shared(posts), posts, queries, "");
    if (names.contains("jurisdictions")) {
      ServicePaths many = ServicePaths.manyJurisdictions(posts);
      serviceGroups(out, many, posts, queries, ", " + many.jurisdictions.size() + " jurisdictions in turn");
    }
    if (names.contains("indexing") && !INDEXED) {
      INDEXED = true;
      // A few thousand posts per run: a run is then long against opening and committing, short enough for rounds.
      int n = Integer.getInteger("paired.indexingPosts", 5000);
      IndexingRun run = new IndexingRun(n);
      Map<String, Op> ops = new LinkedHashMap<>();
      ops.put("off", () -> run.once(false));
      ops.put("on", () -> run.once(true));
      out.add(new Group("indexing " + n + " posts", ops, List.of(
          new Target("indexing throughput, filters on ÷ off", "off", "on", 0.9, false, 1))));
    }
    if (names.contains("check") && !CHECKED) {
      CHECKED = true;
      CheckPeers c = new CheckPeers(posts, checkPosts);
      System.err.println("[paired] check: " + c.describe());
      Map<String, Op> ops = new LinkedHashMap<>();
      for (String mode : CheckPeers.MODES) ops.put(mode, () -> c.run(mode));
      out.add(new Group("check " + c.posts.size() + " posts", ops, List.of(
          new Target("check posts/s (one core)", "check", null, 50_000, false, c.posts.size()),
          new Target("check ÷ monitor (time per post)", "check", "monitor", Double.NaN, true, 1),
          new Target("check ÷ ahocorasick (time per post)", "check", "ahocorasick", Double.NaN, true, 1))));
    }
    return out;
  }

  /** The {@code service} groups of {@code s}: per query, without and (but for the blank query) with highlighting. */
  private static void serviceGroups(List<Group> out, ServicePaths s, int posts, List<String> queries, String note)
      throws Exception {
    for (String name : queries) {
      System.err.println("[paired] " + posts + " posts, " + s.describe(name));
      for (boolean hl : name.equals("newest") ? new boolean[] {false} : new boolean[] {false, true}) {
        Map<String, Op> ops = new LinkedHashMap<>();
        for (String mode : ServicePaths.MODES) ops.put(mode, () -> s.run(mode, name, hl));
        String h = hl ? " highlight" : "";
        out.add(new Group("service " + name + h + " @" + posts + note + INDEX_NOTE, ops, List.of(
            new Target("SearchService filtered ÷ unfiltered", "service_filtered", "service_unfiltered", 1.05, true, 1),
            new Target("SearchService filtered ÷ floor", "service_filtered", "floor", hl ? 1.5 : 1.2, true, 1))));
      }
    }
  }

  /** Says in every group's name when the index has deletions ({@link Datasets#ensureRewrittenIndex}). */
  private static final String INDEX_NOTE = Integer.getInteger("lucenefilter.bench.rewriteEvery", 0) > 0
      ? ", 1 post in " + Integer.getInteger("lucenefilter.bench.rewriteEvery") + " rewritten" : "";

  private static boolean CHECKED;
  private static boolean INDEXED;

  private static Object search(IndexSearcher s, Query query, Queries.UserQuery q) throws Exception {
    return q.sort() == null ? s.search(query, QueryFilterBenchmark.PAGE) : s.search(query, QueryFilterBenchmark.PAGE, q.sort());
  }

  /** The group's ways measured in paired rounds; null when {@code -Dpaired.ways} selects none of them. */
  private static ObjectNode measure(ObjectMapper json, Group g, int posts, int rounds, List<String> verdicts)
      throws Exception {
    List<String> names = new ArrayList<>(g.ops.keySet());
    // -Dpaired.ways=a,b measures only those ways (and the targets between them): for finding where a ratio comes from.
    String only = System.getProperty("paired.ways");
    if (only != null) names.retainAll(List.of(only.split(",")));
    if (names.isEmpty()) return null;
    int[] batch = new int[names.size()];
    // Warm-up: every way runs, interleaved, until each has run WARMUP_MILLIS (C2 compiles the whole path only after
    // seconds: three 40 ms rounds measured the JIT, not the filter); its batch is sized from the last round.
    long[] warmed = new long[names.size()];
    for (int r = 0; Arrays.stream(warmed).min().getAsLong() < WARMUP_MILLIS * 1_000_000L || r < 3; r++) {
      for (int i = 0; i < names.size(); i++) {
        Op op = g.ops.get(names.get(i));
        long t0 = System.nanoTime();
        int n = 0;
        do {
          sink += op.call().hashCode();
          n++;
        } while (System.nanoTime() - t0 < BATCH_MILLIS * 1e6 / (r == 0 ? 4 : 1) && n < 1_000_000);
        long spent = System.nanoTime() - t0;
        warmed[i] += spent;
        batch[i] = (int) Math.max(1, Math.round(BATCH_MILLIS * 1e6 * n / spent));
      }
    }
    double[][] perCall = new double[names.size()][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < names.size(); k++) {
        int i = r % 2 == 0 ? k : names.size() - 1 - k;
        Op op = g.ops.get(names.get(i));
        long t0 = System.nanoTime();
        for (int n = 0; n < batch[i]; n++) sink += op.call().hashCode();
        perCall[i][r] = (System.nanoTime() - t0) / (double) batch[i];
      }
    }
    ObjectNode node = json.createObjectNode();
    node.put("group", g.name);
    node.put("posts", posts);
    ObjectNode ways = node.putObject("ways");
    for (int i = 0; i < names.size(); i++) {
      ObjectNode w = ways.putObject(names.get(i));
      double[] q = quartiles(perCall[i]);
      w.put("batch", batch[i]);
      w.put("medianMicros", q[1] / 1e3);
      w.put("q1Micros", q[0] / 1e3);
      w.put("q3Micros", q[2] / 1e3);
    }
    ArrayNode ts = node.putArray("targets");
    for (Target t : g.targets) {
      double[] per = new double[rounds];
      int num = names.indexOf(t.num());
      int den = t.den() == null ? -1 : names.indexOf(t.den());
      if (num < 0 || (t.den() != null && den < 0)) continue;
      for (int r = 0; r < rounds; r++) {
        per[r] = den < 0 ? t.unitsPerCall() * 1e9 / perCall[num][r] : perCall[num][r] / perCall[den][r];
      }
      double[] q = quartiles(per);
      ObjectNode o = ts.addObject();
      o.put("target", t.label());
      o.put("median", q[1]);
      o.put("q1", q[0]);
      o.put("q3", q[2]);
      o.put("bound", t.target());
      o.put("atMost", t.atMost());
      String verdict;
      if (Double.isNaN(t.target())) {
        verdict = "reported";
      } else {
        boolean met = t.atMost() ? q[1] <= t.target() : q[1] >= t.target();
        boolean noise = q[0] <= t.target() && t.target() <= q[2];
        verdict = (met ? "MET" : "NOT MET") + (noise ? " (within noise: the IQR straddles the target)" : "");
      }
      o.put("verdict", verdict);
      String fig = den < 0
          ? String.format(Locale.ROOT, "%,.0f/s (IQR %,.0f–%,.0f)", q[1], q[0], q[2])
          : String.format(Locale.ROOT, "%.2f× (IQR %.2f–%.2f)", q[1], q[0], q[2]);
      String bound = Double.isNaN(t.target()) ? "no target"
          : (t.atMost() ? "≤ " : "≥ ") + (den < 0 ? String.format(Locale.ROOT, "%,.0f/s", t.target())
              : String.format(Locale.ROOT, "%.2f×", t.target()));
      verdicts.add(String.format(Locale.ROOT, "VERDICT [%s] %s: %s, target %s: %s", g.name, t.label(), fig, bound, verdict));
    }
    System.err.printf(Locale.ROOT, "[paired] %s: %s%n", g.name, ways);
    return node;
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

  private static String load() {
    try {
      return Files.readString(Paths.get("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
