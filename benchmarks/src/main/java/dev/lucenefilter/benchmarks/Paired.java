package dev.lucenefilter.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.FilterContext;
import dev.lucenefilter.filter.VisibleHits;
import dev.lucenefilter.filter.VisibleLeafReader;
import dev.lucenefilter.index.IndexReport;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.util.IOUtils;

/**
 * The headline ratios, measured paired: the ways of doing one thing (filtered and unfiltered, and the peers) run
 * interleaved in one JVM, in rounds, the order reversed every other round so that neither side always runs
 * first (JIT, caches, GC debt and the machine's load drift hit both alike). Each round times a fixed batch of
 * calls of every way (the batch sized in the warm-up to about {@code BATCH_MILLIS}); a round's ratio is the
 * ratio of its two per-call means, and the figure reported is the median of the rounds' ratios with its
 * interquartile range (IQR) and the median's 95% confidence interval ({@link PairedRounds}). With {@code
 * -Dpaired.forks=N} the rounds are split over N child JVMs run one after another and pooled ({@link PairedRounds}):
 * a ratio moves between JVMs by a median 2% here, and only rounds of several JVMs put that into the interval. A
 * verdict is {@code MET} or {@code NOT MET} when the median's whole confidence interval is on one side of the target,
 * {@code AT TARGET} when it straddles it.
 *
 * <p>Groups: {@code query} ({@link QueryFilterBenchmark}'s modes: plain searcher, FILTER clause, reader view,
 * post-filter, naive MUST_NOT), {@code service} ({@link ServicePaths}: {@code SearchService} filtered and
 * unfiltered, and the floor), {@code jurisdictions} (the same over {@link PolicySpec#MEMORY}: all 200
 * jurisdictions warmed into one cache, the filtered calls asking for each in turn), {@code check} ({@link CheckPeers}: posts per second of {@code check}, Lucene Monitor
 * and Aho–Corasick), {@code indexing} ({@link IndexingRun}: a bulk run of {@code -Dpaired.indexingPosts} posts,
 * default 5,000, into a fresh index with each hook of {@link IndexingRun.Hook}: off, the sample policy, the 12k-rule
 * policy as reject rules, and its phrases in Lucene Monitor and in Aho–Corasick), {@code hiddenshare} (the {@code
 * term} relevance path through views hiding a random 0–20% of the documents or the policy's
 * share, and the policy's own view, ÷ unfiltered, and an index purged of the policy's hidden records; {@link
 * HiddenShare}). Writes JSON to {@code OUT} and prints
 * one {@code VERDICT} line per target.
 *
 * <p>QUERIES are the names of {@link Queries} ({@code newest} for the newest listing); {@code terms} is a class of
 * {@link Queries#TERMS} words, each op of the query and service groups then searching every word of it once (times are
 * reported per search, and the naive peer sits out: it needs seconds per op).
 *
 * <p>Usage: {@code Paired POSTS[,POSTS...] ROUNDS OUT [GROUPS] [QUERIES] [CHECK_POSTS]}, e.g. {@code Paired 100000
 * 21 results/quick-paired.json query,service,check terms,newest 2000}; ROUNDS is the total over all forks (each runs
 * ROUNDS / N, rounded up).
 */
public final class Paired {
  private Paired() {}

  static final double BATCH_MILLIS = 40;
  /** Warm-up time of every way of a group, before its rounds ({@code -Dpaired.warmupMillis}, default 3000). */
  static final long WARMUP_MILLIS = Long.getLong("paired.warmupMillis", 3000);
  private static volatile int sink;
  private static final String FORKS_PROPERTY = "paired.forks";
  private static final String FORK_PROPERTY = "paired.fork";
  /**
   * JVMs the rounds are split over ({@code -Dpaired.forks}, default 1: this one measures them all). With more, each
   * group's rounds are pooled, so a difference between JVMs widens the interval rather than deciding a verdict.
   */
  static final int FORKS = Integer.getInteger(FORKS_PROPERTY, 1);

  @FunctionalInterface
  interface Op {
    Object call() throws Exception;
  }

  /** A call of each of {@code qs}, in order: one op over a class of queries ({@link Queries#all}). */
  @FunctionalInterface
  interface QueryOp {
    Object call(Queries.UserQuery q) throws Exception;
  }

  private static Op each(List<Queries.UserQuery> qs, QueryOp op) {
    if (qs.size() == 1) {
      Queries.UserQuery only = qs.get(0);
      return () -> op.call(only);
    }
    return () -> {
      int h = 0;
      for (Queries.UserQuery q : qs) h = 31 * h + op.call(q).hashCode();
      return h;
    };
  }

  /**
   * A group of ways to compare. Each op makes {@code callsPerOp} calls (one per query of a class of queries, {@link
   * Queries#all}): rounds time whole ops, so every way runs every query of the class equally often, and times are
   * reported per call.
   */
  private record Group(String name, Map<String, Op> ops, int callsPerOp, List<PairedRounds.Target> targets,
      boolean collectBeforeEachBatch) {
    Group(String name, Map<String, Op> ops, int callsPerOp, List<PairedRounds.Target> targets) {
      this(name, ops, callsPerOp, targets, false);
    }
  }

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = Arrays.stream(args[0].split(",")).map(Integer::parseInt).toList();
    int rounds = Integer.parseInt(args[1]);
    Path out = Paths.get(args[2]);
    List<String> groups = List.of((args.length > 3 ? args[3] : "query,service,check").split(","));
    List<String> queries = List.of((args.length > 4 ? args[4] : "term,newest").split(","));
    int checkPosts = args.length > 5 ? Integer.parseInt(args[5]) : 2000;
    String loadBefore = load();
    int each = FORKS > 1 ? (rounds + FORKS - 1) / FORKS : rounds;
    List<PairedRounds> measured = new ArrayList<>();
    if (FORKS > 1) {
      measured.addAll(forked(args, each));
    } else {
      // The diagnostic group (hiddenshare) runs after every group with a bound, at every size: nothing it runs comes
      // before them in this JVM.
      List<String> bounded = groups.stream().filter(g -> !g.equals(DIAGNOSTIC)).toList();
      List<String> diagnostic = groups.contains(DIAGNOSTIC) ? List.of(DIAGNOSTIC) : List.of();
      for (List<String> pass : List.of(bounded, diagnostic)) {
        for (int posts : sizes) {
          if (pass.isEmpty()) continue;
          say("setting up " + pass + " at " + posts + " posts");
          for (Group g : groups(posts, pass, queries, checkPosts)) {
            PairedRounds m = measure(g, posts, rounds);
            if (m != null) measured.add(m);
          }
        }
      }
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("rounds", each * Math.max(1, FORKS));
    root.put("forks", Math.max(1, FORKS));
    root.put("batchMillis", BATCH_MILLIS);
    root.put("warmupMillis", WARMUP_MILLIS);
    root.put("loadBefore", loadBefore);
    ArrayNode results = root.putArray("groups");
    List<String> verdicts = new ArrayList<>();
    for (PairedRounds m : measured) results.add(m.toJson(json, verdicts));
    root.put("loadAfter", load());
    ArrayNode v = root.putArray("verdicts");
    verdicts.forEach(v::add);
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
    // A fork's own verdicts are not the run's: they go to the log, marked, and the parent prints the pooled ones.
    String fork = System.getProperty(FORK_PROPERTY);
    PrintStream to = fork == null ? System.out : System.err;
    String mark = fork == null ? "" : "[paired fork " + fork + "] ";
    to.println(mark + "load average before " + loadBefore + ", after " + load());
    for (String line : verdicts) to.println(mark + line);
    System.exit(0);
  }

  /**
   * Measures in {@link #FORKS} child JVMs, one after another, {@code each} rounds apiece (same JVM options and class
   * path, same arguments otherwise), and pools every group's rounds across them in the first fork's group order.
   */
  private static List<PairedRounds> forked(String[] args, int each) throws Exception {
    List<List<PairedRounds>> forks = new ArrayList<>();
    for (int f = 1; f <= FORKS; f++) {
      Path part = Files.createTempFile("paired-fork" + f + "-", ".json");
      try {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
          if (!a.startsWith("-D" + FORKS_PROPERTY + "=")) cmd.add(a);
        }
        cmd.addAll(List.of("-D" + FORKS_PROPERTY + "=1", "-D" + FORK_PROPERTY + "=" + f,
            "-cp", System.getProperty("java.class.path"), Paired.class.getName()));
        String[] forkArgs = args.clone();
        forkArgs[1] = String.valueOf(each);
        forkArgs[2] = part.toString();
        cmd.addAll(Arrays.asList(forkArgs));
        say(String.format(Locale.ROOT, "fork %d of %d: %d rounds per group", f, FORKS, each));
        int exit = new ProcessBuilder(cmd).inheritIO().start().waitFor();
        if (exit != 0) throw new IllegalStateException("paired fork " + f + " of " + FORKS + " exited with " + exit);
        List<PairedRounds> groups = new ArrayList<>();
        for (JsonNode g : new ObjectMapper().readTree(part.toFile()).get("groups")) groups.add(PairedRounds.fromJson(g));
        forks.add(groups);
      } finally {
        Files.deleteIfExists(part);
      }
    }
    List<PairedRounds> pooled = new ArrayList<>();
    for (PairedRounds first : forks.get(0)) {
      List<PairedRounds> parts = new ArrayList<>();
      for (List<PairedRounds> fork : forks) {
        fork.stream().filter(g -> g.group().equals(first.group())).forEach(parts::add);
      }
      if (parts.size() != forks.size()) {
        throw new IllegalStateException("group '" + first.group() + "' was measured in " + parts.size() + " of "
            + forks.size() + " forks");
      }
      pooled.add(PairedRounds.pool(parts));
    }
    return pooled;
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
        List<Queries.UserQuery> qs = Queries.all(name.equals("newest") ? "matchall_newest" : name, f.reader);
        boolean sorted = qs.get(0).sort() != null;
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("unfiltered", each(qs, q -> search(f.searcher, q.query(), q)));
        ops.put("filtered", each(qs, q -> search(f.searcher, new BooleanQuery.Builder()
            .add(q.query(), BooleanClause.Occur.MUST)
            .add(cache.visibleQuery(f.reader, f.snapshot, Fixture.JURISDICTION, Fixture.NOW), BooleanClause.Occur.FILTER)
            .build(), q)));
        ops.put("filtered_reader", each(qs, q -> search(new IndexSearcher(
            cache.visibleReader(f.reader, f.snapshot, Fixture.JURISDICTION, Fixture.NOW)), q.query(), q)));
        // SearchService's relevance path: the unfiltered segments, hidden documents dropped at collection.
        if (!sorted) ops.put("filtered_hits", each(qs, q -> QueryFilterBenchmark.visibleHits(f, cache, q)));
        ops.put("postfilter", each(qs, q -> post.search(q.query(), q.sort(), QueryFilterBenchmark.PAGE)));
        // The naive peer takes a quarter of a second per search at 100k posts: over a class of queries it would
        // outlast every other way's rounds, and its target (at least 5× slower) is judged on the single queries.
        boolean naive = qs.size() == 1;
        if (naive) ops.put("naive", each(qs, q -> search(f.searcher, NaiveFilter.filtered(q.query(), active), q)));
        // SearchService's path: hidden documents dropped at collection for relevance; for sorted listings the reader
        // view when Lucene masks its live docs word-wise (dense hidden sets and no deletions), else the filter clause.
        boolean wordWise = VisibleLeafReader.masksWordWise(
            cache.visibleReader(f.reader, f.snapshot, Fixture.JURISDICTION, Fixture.NOW));
        String path = !sorted ? "filtered_hits" : wordWise ? "filtered_reader" : "filtered";
        List<PairedRounds.Target> targets = new ArrayList<>();
        targets.add(new PairedRounds.Target("warm filtered (" + path + ") ÷ unfiltered", path, "unfiltered", 1.05, true, 1));
        if (naive) targets.add(new PairedRounds.Target("naive ÷ filtered (" + path + ")", "naive", path, 5, false, 1));
        out.add(new Group("query " + name + " @" + posts + INDEX_NOTE, ops, qs.size(), targets));
      }
    }
    if (names.contains("service")) serviceGroups(out, ServicePaths.shared(posts), posts, queries, "");
    if (names.contains("jurisdictions")) {
      ServicePaths many = ServicePaths.manyJurisdictions(posts);
      serviceGroups(out, many, posts, queries, ", " + many.inTurn() + " jurisdictions in turn"
          + (many.inTurn() < many.jurisdictions.size() ? " of " + many.jurisdictions.size() + " warmed" : ""));
    }
    if (names.contains("indexing") && !INDEXED) {
      INDEXED = true;
      // A few thousand posts per run: a run is then long against opening and committing, short enough for rounds.
      int n = Integer.getInteger("paired.indexingPosts", 5000);
      IndexingRun run = new IndexingRun(n);
      Map<String, Op> ops = new LinkedHashMap<>();
      for (IndexingRun.Hook h : IndexingRun.Hook.values()) ops.put(h.way, () -> run.once(h));
      // One run per hook before the rounds: also builds the 12k-rule policy and the peers outside them.
      say("indexing: " + indexingOutcome(run));
      out.add(new Group("indexing " + n + " posts", ops, 1, List.of(
          new PairedRounds.Target("indexing throughput, filters on ÷ off", "off", "on", 0.9, false, 1),
          new PairedRounds.Target("indexing throughput, 12k reject rules ÷ off", "off", "rules12k", 0.9, false, 1),
          new PairedRounds.Target("indexing, 12k reject rules ÷ monitor (time per run)", "rules12k", "monitor",
              Double.NaN, true, 1),
          new PairedRounds.Target("indexing, 12k reject rules ÷ ahocorasick (time per run)", "rules12k",
              "ahocorasick", Double.NaN, true, 1)),
          // A run allocates about a quarter of the young generation, so a young pause (50-70 ms against runs of
          // 250 ms, growing with what the old runs left behind) landed in every third or fourth run, in whichever
          // way's turn it came: per-round ratios then spread 0.75-1.2 around medians of 0.9-1.0. Collecting before
          // each timed run (outside the timing, as JMH's -gc true does between iterations) starts every run on an
          // empty young generation.
          true));
    }
    if (names.contains("check") && !CHECKED) {
      CHECKED = true;
      CheckPeers c = new CheckPeers(posts, checkPosts);
      say("check: " + c.describe());
      Map<String, Op> ops = new LinkedHashMap<>();
      for (String mode : CheckPeers.MODES) ops.put(mode, () -> c.run(mode));
      out.add(new Group("check " + c.posts.size() + " posts", ops, 1, List.of(
          new PairedRounds.Target("check posts/s (one core)", "check", null, 50_000, false, c.posts.size()),
          new PairedRounds.Target("check ÷ monitor (time per post)", "check", "monitor", Double.NaN, true, 1),
          new PairedRounds.Target("check ÷ ahocorasick (time per post)", "check", "ahocorasick", Double.NaN, true, 1))));
    }
    if (names.contains(DIAGNOSTIC)) out.add(hiddenShareGroup(posts));
    return out;
  }

  /** The group that explains a figure rather than checks one: measured after all the others ({@link #main}). */
  private static final String DIAGNOSTIC = "hiddenshare";

  /** Shares of random hidden documents {@code hiddenshare} measures beside the policy's own. */
  private static final double[] HIDDEN_SHARES = {0, 0.02, 0.05, 0.10, 0.20};

  /** Seeds of the random views {@code hiddenshare} draws at the policy's own share: how much which documents matter. */
  private static final long[] SPREAD_SEEDS = {1, 2, 3};

  /**
   * The relevance path ({@code filtered_hits}) of the {@code term} query through views hiding a random share of the
   * documents, through random views at the {@code QUERY} policy's own share (three seeds) and through the policy's
   * own view, each ÷ unfiltered; and the same search on an index the policy's hidden records were purged from
   * ({@link HiddenShare#purged}). Shows how the cost follows the share hidden, and which documents, rather than the
   * rules, and what an index without them costs. Reported, no bound; prints how many matches each path offers its
   * collector.
   */
  private static Group hiddenShareGroup(int posts) throws Exception {
    Fixture.Warm w = Fixture.warm(posts, PolicySpec.QUERY);
    Fixture f = w.fixture();
    Queries.UserQuery q = Queries.of("term", f.reader);
    DirectoryReader policyView = w.cache().visibleReader(f.reader, f.snapshot, Fixture.JURISDICTION, Fixture.NOW);
    double policyShare = HiddenShare.hiddenShare(policyView);
    Map<String, DirectoryReader> views = new LinkedHashMap<>();
    for (double share : HIDDEN_SHARES) {
      views.put(String.format(Locale.ROOT, "hide_%02.0f%%", share * 100), HiddenShare.hiding(f.reader, share, 42));
    }
    for (long seed : SPREAD_SEEDS) {
      views.put(String.format(Locale.ROOT, "hide_%.1f%%_seed%d", policyShare * 100, seed),
          HiddenShare.hiding(f.reader, policyShare, seed));
    }
    String policy = String.format(Locale.ROOT, "policy_%.1f%%", policyShare * 100);
    views.put(policy, policyView);
    Map<String, Op> ops = new LinkedHashMap<>();
    ops.put("unfiltered", () -> search(f.searcher, q.query(), q));
    List<PairedRounds.Target> targets = new ArrayList<>();
    StringBuilder offered = new StringBuilder("unfiltered " + HiddenShare.stepped(f.searcher, null, q.query(),
        QueryFilterBenchmark.PAGE, QueryFilterBenchmark.TOTAL_HITS_THRESHOLD));
    for (Map.Entry<String, DirectoryReader> v : views.entrySet()) {
      DirectoryReader view = v.getValue();
      ops.put(v.getKey(), () -> f.searcher.search(q.query(), VisibleHits.of(f.reader, view,
          new TopScoreDocCollectorManager(QueryFilterBenchmark.PAGE, null, QueryFilterBenchmark.TOTAL_HITS_THRESHOLD))));
      targets.add(new PairedRounds.Target(v.getKey() + " (filtered_hits) ÷ unfiltered", v.getKey(), "unfiltered",
          Double.NaN, true, 1));
      offered.append(", ").append(v.getKey()).append(' ').append(HiddenShare.stepped(f.searcher, view, q.query(),
          QueryFilterBenchmark.PAGE, QueryFilterBenchmark.TOTAL_HITS_THRESHOLD));
    }
    IndexSearcher purged = new IndexSearcher(HiddenShare.purged(policyView, temporaryDirectory("hiddenshare-purged-")));
    String purgedName = policy + "_purged";
    ops.put(purgedName, () -> search(purged, q.query(), q));
    targets.add(new PairedRounds.Target(purgedName + " (an index without them) ÷ unfiltered", purgedName,
        "unfiltered", Double.NaN, true, 1));
    offered.append(", ").append(purgedName).append(' ').append(HiddenShare.stepped(purged, null, q.query(),
        QueryFilterBenchmark.PAGE, QueryFilterBenchmark.TOTAL_HITS_THRESHOLD));
    say("hiddenshare: " + q.query() + ", matches offered to the collector: " + offered);
    return new Group("hidden share, query term @" + posts + INDEX_NOTE, ops, 1, targets);
  }

  /** A new empty directory, removed with its contents when the JVM exits. */
  private static Path temporaryDirectory(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        IOUtils.rm(dir);
      } catch (IOException e) {
        System.err.println("[paired] could not remove " + dir + ": " + e);
      }
    }));
    return dir;
  }

  /** What each hook of the indexing group rejects, from one run each: the hooks do comparable work. */
  private static String indexingOutcome(IndexingRun run) throws Exception {
    StringBuilder b = new StringBuilder();
    for (IndexingRun.Hook h : IndexingRun.Hook.values()) {
      IndexReport r = run.once(h);
      if (b.length() > 0) b.append("; ");
      b.append(h.way).append(' ').append(r.posts()).append(" posts and ").append(r.channels())
          .append(" channels indexed, ").append(r.rejected()).append(" rejected");
    }
    return b.toString();
  }

  /** The {@code service} groups of {@code s}: per query, without and (but for the blank query) with highlighting. */
  private static void serviceGroups(List<Group> out, ServicePaths s, int posts, List<String> queries, String note)
      throws Exception {
    for (String name : queries) {
      say(posts + " posts, " + s.describe(name));
      for (boolean hl : name.equals("newest") ? new boolean[] {false} : new boolean[] {false, true}) {
        Map<String, Op> ops = new LinkedHashMap<>();
        for (String mode : ServicePaths.MODES) ops.put(mode, () -> s.run(mode, name, hl));
        String h = hl ? " highlight" : "";
        out.add(new Group("service " + name + h + " @" + posts + note + INDEX_NOTE, ops, s.calls(name), List.of(
            new PairedRounds.Target("SearchService filtered ÷ unfiltered", "service_filtered", "service_unfiltered", 1.05, true, 1),
            new PairedRounds.Target("SearchService filtered ÷ floor", "service_filtered", "floor", hl ? 1.5 : 1.2, true, 1))));
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
  private static PairedRounds measure(Group g, int posts, int rounds) throws Exception {
    List<String> names = new ArrayList<>(g.ops.keySet());
    // -Dpaired.ways=a,b measures only those ways (and the targets between them): for finding where a ratio comes from.
    String only = System.getProperty("paired.ways");
    if (only != null) names.retainAll(List.of(only.split(",")));
    if (names.isEmpty()) return null;
    long started = System.nanoTime();
    int[] batch = new int[names.size()];
    // Warm-up: every way runs, interleaved, until each has run WARMUP_MILLIS (C2 compiles the whole path only after
    // seconds: three 40 ms rounds measured the JIT, not the filter); its batch is sized from the last round. A way
    // that has had its time sits out the rest: a batch is at least one call, so a way of 1.5 s calls (naive at 1M)
    // kept running through the 125 rounds the 40 ms ways needed, 187 s of warm-up for one group instead of ~30.
    long warmupNanos = WARMUP_MILLIS * 1_000_000L;
    long[] warmed = new long[names.size()];
    for (int r = 0; Arrays.stream(warmed).min().getAsLong() < warmupNanos || r < 3; r++) {
      for (int i = 0; i < names.size(); i++) {
        if (r >= 3 && warmed[i] >= warmupNanos) continue;
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
    long warmedUp = System.nanoTime();
    double[][] perCall = new double[names.size()][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < names.size(); k++) {
        int i = r % 2 == 0 ? k : names.size() - 1 - k;
        Op op = g.ops.get(names.get(i));
        if (g.collectBeforeEachBatch) System.gc();
        long t0 = System.nanoTime();
        for (int n = 0; n < batch[i]; n++) sink += op.call().hashCode();
        perCall[i][r] = (System.nanoTime() - t0) / ((double) batch[i] * g.callsPerOp);
      }
    }
    say(String.format(Locale.ROOT, "%s: measured %d rounds of %s (warm-up %.0f s, rounds %.0f s)", g.name, rounds,
        names, (warmedUp - started) / 1e9, (System.nanoTime() - warmedUp) / 1e9));
    int[] calls = Arrays.stream(batch).map(b -> b * g.callsPerOp).toArray();
    return PairedRounds.of(g.name, posts, names, calls, perCall, g.targets);
  }

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  /** A progress line on stderr with the clock time: the gaps between lines say where a profile's hours go. */
  private static void say(String line) {
    System.err.println("[paired " + LocalTime.now().format(CLOCK) + "] " + line);
  }

  private static String load() {
    try {
      return Files.readString(Paths.get("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
