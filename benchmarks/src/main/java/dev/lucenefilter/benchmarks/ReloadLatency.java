package dev.lucenefilter.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * Query latency during a policy swap versus outside one (not JMH: it needs concurrent readers and a writer).
 * {@code QUERY_THREADS} threads run filtered top-20 queries (the {@code term}, {@code phrase} and {@code multiterm}
 * queries of {@link Queries}, in turn) against the current snapshot, read from an {@link AtomicReference} as a
 * {@code PolicyRegistry} hands it out, for the whole run. After a quiet period the main thread builds a snapshot
 * with 1% of KZ's value rules changed, warms it on the shared cache and swaps it in, as the registry's pre-swap
 * hook does; then another quiet period; each swap with a different 1% changed. Latencies of queries that overlap a
 * warm-up and its swap are "during", the others "outside", except those that overlap the harness's own work
 * (loading the next snapshot right after a swap, walking the cache for its statistics), which are neither and only
 * counted. The edited policies are written first and loaded one swap ahead, so the heap holds what a service holds:
 * the current snapshot and the next.
 *
 * <p>The first {@code JIT_WARMUP_SWAPS} swaps (default 3) run code that the quiet periods never run (cache hits of
 * unchanged rules, the phrase verification), so the JIT compiler takes a core the queries need while they run:
 * on two cores a compiler thread used 50–210 ms of CPU in each of the first four swaps of a 1M run, and a query
 * waited a whole scheduler tick on the run queue. Those swaps are reported apart ({@code jitWarmup}, as JMH
 * reports warm-up iterations apart); the headline pools the {@code SWAPS} after them (default 10), the steady state
 * of a service that reloads. Ten, because a p99 needs a few hundred queries: once a swap of the 200-jurisdiction
 * policy took 50 ms, three swaps held about 135 queries, and their p99 was the second slowest of them.
 * Compilation does not settle after a few swaps: in a 1M run with 12 warm-up swaps, C2
 * still took 192 ms in the 12th and 158 ms in the 14th, recompiling after deoptimizations (Caffeine's eviction
 * paths, Lucene's {@code SegmentTermsEnum.prepareSeekExact}; {@code -XX:+PrintCompilation} lines up with the
 * uptime each swap prints). {@code benchmarks/run.sh} therefore also runs it with the compiler threads at nice 19
 * ({@code -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=19}), which separates the compiler's contention
 * from the warm-up's; the JSON records that priority as {@code compilerThreadPriority}. Per query it also records CPU time and, on Linux, run-queue wait, and per swap the
 * CPU of every thread, so a slow "during" names who had the CPU. With {@code -Dreload.sampleBlocked=true} a
 * sampler also names the monitor a blocked query thread waits for; it is off by default because reading a thread's
 * stack stops that thread, and it ran only during swaps. {@code -Dreload.policy=SPEC} (a {@link PolicySpec} key,
 * default {@link PolicySpec#QUERY}) picks the policy: with {@link PolicySpec#MEMORY}, every one of its 200
 * jurisdictions is warmed before the queries and again at each swap (only KZ's rules change, the others come from
 * the cache), and the queries ask for each jurisdiction in turn. Writes {@code OUT} (JSON). Usage: {@code ReloadLatency
 * POSTS OUT [QUIET_SECONDS] [QUERY_THREADS] [SWAPS] [JIT_WARMUP_SWAPS]}.
 */
public final class ReloadLatency {
  private ReloadLatency() {}

  /** One query: when it started, its wall time, its thread's CPU time and run-queue wait (-1: not measured). */
  private record Sample(long startNanos, long nanos, long cpuNanos, long runQueueNanos) {}

  /** A stretch of the run, in {@link System#nanoTime} units. */
  private record Interval(long startNanos, long endNanos) {
    boolean overlaps(Sample s) { return s.startNanos + s.nanos >= startNanos && s.startNanos <= endNanos; }
  }

  /** What one swap cost and what ran beside it. */
  private record Swap(long startNanos, long endNanos, long startUptimeMillis, long allocatedBytes, long gcCount,
      long gcMillis, Map<String, Long> cpuMillisByThread, long pauses, long pausedMillis) {
    long millis() { return (endNanos - startNanos) / 1_000_000; }

    boolean overlaps(Sample s) { return new Interval(startNanos, endNanos).overlaps(s); }

    long compilerCpuMillis() {
      return cpuMillisByThread.entrySet().stream().filter(e -> e.getKey().matches("C\\d CompilerThre.*"))
          .mapToLong(Map.Entry::getValue).sum();
    }
  }

  public static void main(String[] args) throws Exception {
    run(args);
    System.exit(0);
  }

  /** How many value rules each swap changes: 1% of the policy's. */
  static int changedRules(PolicySpec spec) throws IOException {
    return Math.max(1, PolicyWriter.valueRules(spec, Datasets.vocabulary(spec.seed())) / 100);
  }

  /** {@code swaps} snapshots of {@code spec}, the k-th with a different 1% of its value rules changed. */
  static List<PolicySnapshot> editedSnapshots(PolicySpec spec, int swaps) throws IOException {
    List<PolicySnapshot> nexts = new ArrayList<>();
    for (Path dir : editedPolicies(spec, swaps)) {
      nexts.add(Fixture.load(dir));
      Datasets.deleteTree(dir);
    }
    return nexts;
  }

  /** {@code swaps} policy directories of {@code spec}, the k-th with a different 1% of its value rules changed. */
  static List<Path> editedPolicies(PolicySpec spec, int swaps) throws IOException {
    List<String> vocabulary = Datasets.vocabulary(spec.seed());
    List<Path> dirs = new ArrayList<>();
    for (int k = 1; k <= swaps; k++) {
      Path dir = Files.createTempDirectory("edited-policy");
      PolicyWriter.write(dir, spec, vocabulary, k, changedRules(spec));
      dirs.add(dir);
    }
    return dirs;
  }

  /** As {@link #main}, without exiting. */
  public static void run(String[] args) throws Exception {
    int posts = Integer.parseInt(args[0]);
    Path out = Paths.get(args[1]);
    double quiet = args.length > 2 ? Double.parseDouble(args[2]) : 5;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int swaps = Math.max(1, args.length > 4 ? Integer.parseInt(args[4]) : 10);
    int jitWarmup = Math.max(0, args.length > 5 ? Integer.parseInt(args[5]) : 3);
    PolicySpec spec = PolicySpec.parse(System.getProperty("reload.policy", PolicySpec.QUERY.key()));
    Fixture.Warm warm = Fixture.warm(posts, spec);
    Fixture f = warm.fixture();
    ExclusionCache cache = warm.cache();
    // Every jurisdiction of the policy is warmed before the queries and at each swap, as PolicyVisibility does;
    // the queries ask for each in turn.
    List<String> jurisdictions = spec.jurisdictionCodes();
    cache.warm(f.reader, f.snapshot, jurisdictions, Fixture.NOW);
    AtomicReference<PolicySnapshot> current = new AtomicReference<>(f.snapshot);
    List<Query> queries = new ArrayList<>();
    for (String q : List.of("term", "phrase", "multiterm")) queries.add(Queries.of(q, f.reader).query());

    int changed = changedRules(spec);
    // Written now, loaded one swap ahead: a service holds its current snapshot and the next, and thirteen 200k-rule
    // snapshots held at once made G1 mark concurrently during swaps (a collector thread took 190-260 ms of a core).
    List<Path> edited = editedPolicies(spec, jitWarmup + swaps);
    PolicySnapshot next = Fixture.load(edited.get(0));

    java.lang.management.ThreadMXBean threadsBean = java.lang.management.ManagementFactory.getThreadMXBean();
    List<List<Sample>> perThread = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<Sample> samples = new ArrayList<>();
      perThread.add(samples);
      int offset = t;
      Thread w = new Thread(() -> {
        try {
          for (int i = offset; !stop.get(); i++) {
            long runQueue = LinuxThreadStats.runQueueWaitNanos();
            long cpu = threadsBean.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            Query q = new BooleanQuery.Builder()
                .add(queries.get(i % queries.size()), BooleanClause.Occur.MUST)
                .add(cache.visibleQuery(f.reader, current.get(), jurisdictions.get(i % jurisdictions.size()), Fixture.NOW),
                    BooleanClause.Occur.FILTER)
                .build();
            f.searcher.search(q, QueryFilterBenchmark.PAGE);
            long nanos = System.nanoTime() - s;
            long cpuNanos = threadsBean.getCurrentThreadCpuTime() - cpu;
            long waited = runQueue < 0 ? -1 : LinuxThreadStats.runQueueWaitNanos() - runQueue;
            samples.add(new Sample(s, nanos, cpuNanos, waited));
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      }, "query-" + t);
      workers.add(w);
      w.start();
    }
    Thread.sleep((long) (quiet * 1000));
    // Where a slow query's time went: collector pauses, and time the query threads spent blocked on a monitor.
    if (threadsBean.isThreadContentionMonitoringSupported()) threadsBean.setThreadContentionMonitoringEnabled(true);
    long blockedBefore = -1;
    // Samples what a blocked query thread waits for, so a stall names its monitor and the frame that waits.
    java.util.Map<String, Integer> blockedAt = new java.util.TreeMap<>();
    AtomicBoolean swapping = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (swapping.get()) {
        for (Thread w : workers) {
          var info = threadsBean.getThreadInfo(w.threadId(), 8);
          if (info != null && info.getThreadState() == Thread.State.BLOCKED) {
            StringBuilder where = new StringBuilder(String.valueOf(info.getLockName())).append(" held by ")
                .append(info.getLockOwnerName()).append(" at");
            for (StackTraceElement e : info.getStackTrace()) {
              if (e.getClassName().startsWith("dev.lucenefilter")) {
                where.append(' ').append(e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1))
                    .append('.').append(e.getMethodName()).append(':').append(e.getLineNumber());
                break;
              }
            }
            blockedAt.merge(where.toString(), 1, Integer::sum);
          }
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "blocked-sampler");
    sampler.setDaemon(true);
    if (Boolean.getBoolean("reload.sampleBlocked")) sampler.start();
    List<Swap> done = new ArrayList<>();
    var allocation = (com.sun.management.ThreadMXBean) threadsBean;
    long missesBefore = 0;
    // The harness's own work while queries run (loading the next snapshot, walking the cache for its statistics):
    // queries that overlap it are neither "during" nor "outside".
    List<Interval> harnessWork = new ArrayList<>();
    for (int k = 0; k < jitWarmup + swaps; k++) {
      if (k == jitWarmup) {
        long t = System.nanoTime();
        missesBefore = cache.stats().ruleMisses();
        blockedBefore = blocked(threadsBean, workers);
        harnessWork.add(new Interval(t, System.nanoTime()));
      }
      if (k > 0 || k == jitWarmup) Thread.sleep((long) (quiet * 1000));
      Map<String, Long> cpuBefore = LinuxThreadStats.cpuByThread();
      long[] gcBefore = gc();
      long allocatedBefore = allocation.getCurrentThreadAllocatedBytes();
      long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
      ExclusionCache.WarmPauses pausesBefore = cache.warmPauses();
      long start = System.nanoTime();
      cache.warm(f.reader, next, jurisdictions, Fixture.NOW);
      current.set(next);
      long end = System.nanoTime();
      long allocated = allocation.getCurrentThreadAllocatedBytes() - allocatedBefore;
      long[] gcAfter = gc();
      ExclusionCache.WarmPauses pausesAfter = cache.warmPauses();
      done.add(new Swap(start, end, uptime, allocated, gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1],
          LinuxThreadStats.cpuMillisBetween(cpuBefore, LinuxThreadStats.cpuByThread()),
          pausesAfter.pauses() - pausesBefore.pauses(), (pausesAfter.nanos() - pausesBefore.nanos()) / 1_000_000));
      if (k + 1 < jitWarmup + swaps) {
        long t = System.nanoTime();
        next = Fixture.load(edited.get(k + 1));
        harnessWork.add(new Interval(t, System.nanoTime()));
      }
    }
    List<Swap> measured = done.subList(jitWarmup, done.size());
    List<Swap> warmingJit = done.subList(0, jitWarmup);
    long statsStart = System.nanoTime();
    long ruleMisses = cache.stats().ruleMisses() - missesBefore;
    long blockedAfter = blocked(threadsBean, workers);
    harnessWork.add(new Interval(statsStart, System.nanoTime()));
    for (Path dir : edited) Datasets.deleteTree(dir);
    swapping.set(false);
    sampler.join();
    Thread.sleep((long) (quiet * 1000));
    stop.set(true);
    for (Thread w : workers) w.join();

    List<Sample> jit = new ArrayList<>();
    List<Sample> during = new ArrayList<>();
    List<Sample> outside = new ArrayList<>();
    int overlappingHarness = 0;
    for (List<Sample> samples : perThread) {
      // The first second is JIT warm-up of this JVM: not part of any figure.
      long from = samples.isEmpty() ? 0 : samples.get(0).startNanos + 1_000_000_000L;
      for (Sample s : samples) {
        if (s.startNanos < from) continue;
        if (warmingJit.stream().anyMatch(w -> w.overlaps(s))) jit.add(s);
        else if (measured.stream().anyMatch(w -> w.overlaps(s))) during.add(s);
        else if (harnessWork.stream().anyMatch(w -> w.overlaps(s))) {
          overlappingHarness++;
        } else {
          outside.add(s);
        }
      }
    }
    double swapMillis = measured.stream().mapToLong(Swap::millis).average().orElse(Double.NaN);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("posts", posts);
    root.put("policy", spec.key());
    root.put("jurisdictions", jurisdictions.size());
    root.put("queryThreads", threads);
    root.put("changedRules", changed);
    root.put("swaps", swaps);
    root.put("jitWarmupSwaps", jitWarmup);
    // Per-rule sets the swaps built (the rest came from the cache): about the changed rules times the segments.
    root.put("ruleSetsBuilt", ruleMisses);
    // Bytes the warm-up allocated per swap: what drives the collections that pause queries during a swap.
    root.put("swapAllocatedBytes", measured.get(measured.size() - 1).allocatedBytes());
    root.put("swapMillis", swapMillis);
    // What the warm-up's pacing added to a swap: the time it stepped aside for threads waiting for a core.
    root.put("warmPausesPerSwap", measured.stream().mapToLong(Swap::pauses).average().orElse(Double.NaN));
    root.put("warmPausedMillisPerSwap", measured.stream().mapToLong(Swap::pausedMillis).average().orElse(Double.NaN));
    root.put("collector", collectors());
    // -XX:CompilerThreadPriority (with -XX:ThreadPriorityPolicy=1) is the JIT compiler threads' nice value on Linux.
    root.put("compilerThreadPriority", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
        .stream().filter(a -> a.startsWith("-XX:CompilerThreadPriority=")).map(a -> a.substring(a.indexOf('=') + 1))
        .findFirst().orElse("default"));
    root.put("gcCountDuring", measured.stream().mapToLong(Swap::gcCount).sum());
    root.put("gcMillisDuring", measured.stream().mapToLong(Swap::gcMillis).sum());
    root.put("compilerCpuMillisDuring", measured.stream().mapToLong(Swap::compilerCpuMillis).sum());
    ObjectNode cpuByThread = root.putObject("cpuMillisDuringByThread");
    Map<String, Long> cpuDuring = new java.util.TreeMap<>();
    for (Swap w : measured) w.cpuMillisByThread().forEach((t, ms) -> cpuDuring.merge(t, ms, Long::sum));
    cpuDuring.forEach(cpuByThread::put);
    root.put("queryBlockedMillisDuring", blockedAfter - blockedBefore);
    ObjectNode where = root.putObject("queryBlockedSamples");
    blockedAt.forEach(where::put);
    root.set("outside", stats(json, outside));
    root.put("queriesOverlappingHarnessWork", overlappingHarness);
    root.set("during", stats(json, during));
    double p99Out = percentile(wall(outside), 0.99);
    double p99In = percentile(wall(during), 0.99);
    root.put("p99Ratio", p99Out > 0 ? p99In / p99Out : Double.NaN);
    root.set("slowestDuring", slowest(json, during, measured, p99Out));
    if (jitWarmup > 0) {
      ObjectNode warmingNode = stats(json, jit);
      warmingNode.put("swaps", jitWarmup);
      warmingNode.put("swapMillis", warmingJit.stream().mapToLong(Swap::millis).average().orElse(Double.NaN));
      warmingNode.put("compilerCpuMillis", warmingJit.stream().mapToLong(Swap::compilerCpuMillis).sum());
      warmingNode.put("p99Ratio", p99Out > 0 ? percentile(wall(jit), 0.99) / p99Out : Double.NaN);
      root.set("jitWarmup", warmingNode);
    }
    root.put("loadAverage", Files.readString(Paths.get("/proc/loadavg")).trim());
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
    System.out.println("per-rule sets built during the measured swaps: " + ruleMisses + " (" + f.reader.leaves().size()
        + " segments); bytes allocated by each swap: " + done.stream().map(Swap::allocatedBytes).toList());
    for (int k = 0; k < done.size(); k++) {
      Swap w = done.get(k);
      // The uptime lines the swap up with -XX:+PrintCompilation's timestamps.
      System.out.printf(Locale.ROOT, "swap %d%s at uptime %d ms: %d ms (%d paused in %d pauses), %d collections (%d ms), CPU by thread (ms) %s%n",
          k + 1, k < jitWarmup ? " (JIT warm-up)" : "", w.startUptimeMillis(), w.millis(), w.pausedMillis(), w.pauses(),
          w.gcCount(), w.gcMillis(), w.cpuMillisByThread());
    }
    System.out.printf(Locale.ROOT, "%d swaps of %d changed rules took %.0f ms each (after %d JIT warm-up swaps); "
            + "p99 outside %.2f ms (%d queries), during %.2f ms (%d queries), ratio %.2f; during the JIT warm-up "
            + "swaps %.2f ms (%d queries); query threads blocked %d ms%n",
        swaps, changed, swapMillis, jitWarmup, p99Out, outside.size(), p99In, during.size(), p99In / p99Out,
        percentile(wall(jit), 0.99), jit.size(), blockedAfter - blockedBefore);
    System.out.printf(Locale.ROOT, "query CPU p99 outside %.2f ms, during %.2f ms; run-queue wait p99 outside %.2f ms,"
            + " during %.2f ms%n", percentile(cpu(outside), 0.99), percentile(cpu(during), 0.99),
        percentile(runQueue(outside), 0.99), percentile(runQueue(during), 0.99));
    blockedAt.forEach((k, v) -> System.out.println("  blocked samples (every ~2 ms): " + v + " on " + k));
  }

  /**
   * The "during" queries slower than {@code bound} (the p99 outside), slowest first, each with the swap it overlapped
   * and where in it it started: whether the tail gathers at a swap's start, in one swap, or waits rather than runs.
   */
  private static ArrayNode slowest(ObjectMapper json, List<Sample> during,
      List<Swap> measured, double boundMillis) {
    ArrayNode out = json.createArrayNode();
    during.stream().filter(s -> s.nanos() / 1e6 > boundMillis)
        .sorted(Comparator.comparingLong(Sample::nanos).reversed()).limit(40).forEach(s -> {
          int swap = 0;
          while (swap < measured.size() - 1 && !measured.get(swap).overlaps(s)) swap++;
          ObjectNode n = out.addObject();
          n.put("swap", swap + 1);
          n.put("startMillisIntoSwap", Math.round((s.startNanos() - measured.get(swap).startNanos()) / 1e5) / 10.0);
          n.put("swapMillis", measured.get(swap).millis());
          n.put("wallMillis", Math.round(s.nanos() / 1e4) / 100.0);
          n.put("cpuMillis", Math.round(s.cpuNanos() / 1e4) / 100.0);
          n.put("runQueueMillis", s.runQueueNanos() < 0 ? Double.NaN : Math.round(s.runQueueNanos() / 1e4) / 100.0);
        });
    return out;
  }

  private static List<Long> wall(List<Sample> s) { return s.stream().map(Sample::nanos).toList(); }

  private static List<Long> cpu(List<Sample> s) { return s.stream().map(Sample::cpuNanos).toList(); }

  private static List<Long> runQueue(List<Sample> s) {
    return s.stream().map(Sample::runQueueNanos).filter(n -> n >= 0).toList();
  }

  /** Collections so far and their accumulated time (ms), over every collector. */
  private static long[] gc() {
    long count = 0, millis = 0;
    for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, b.getCollectionCount());
      millis += Math.max(0, b.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  private static String collectors() {
    return String.join(", ", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
  }

  /** Milliseconds the threads have spent blocked entering a monitor (-1 when not measured). */
  private static long blocked(java.lang.management.ThreadMXBean bean, List<Thread> threads) {
    if (!bean.isThreadContentionMonitoringEnabled()) return -1;
    long sum = 0;
    for (Thread t : threads) {
      var info = bean.getThreadInfo(t.threadId());
      if (info != null) sum += Math.max(0, info.getBlockedTime());
    }
    return sum;
  }

  private static ObjectNode stats(ObjectMapper json, List<Sample> samples) {
    List<Long> nanos = wall(samples);
    ObjectNode n = json.createObjectNode();
    n.put("queries", nanos.size());
    n.put("p50Millis", percentile(nanos, 0.50));
    n.put("p99Millis", percentile(nanos, 0.99));
    n.put("maxMillis", percentile(nanos, 1.0));
    // A query slower than its CPU time waited: on a run queue (another thread had the core) or in a pause.
    n.put("cpuP99Millis", percentile(cpu(samples), 0.99));
    n.put("runQueueWaitP99Millis", percentile(runQueue(samples), 0.99));
    return n;
  }

  static double percentile(List<Long> nanos, double p) {
    if (nanos.isEmpty()) return Double.NaN;
    long[] a = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(a);
    int i = (int) Math.min(a.length - 1, Math.ceil(p * a.length) - 1);
    return a[Math.max(0, i)] / 1e6;
  }
}
