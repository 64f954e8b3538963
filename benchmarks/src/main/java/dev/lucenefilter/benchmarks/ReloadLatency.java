package dev.lucenefilter.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * hook does; then another quiet period; {@code SWAPS} times, each with a different 1% changed. Latencies of
 * queries that overlap a warm-up and its swap are "during", the others "outside". The first swap runs the
 * set-building code hot for the first time in this JVM (the JIT compiles it on a core the queries need), so it is
 * reported apart ({@code firstSwap}); the headline figures pool the later swaps, the steady state of a service
 * that reloads. Writes {@code OUT} (JSON). Usage: {@code ReloadLatency POSTS OUT [QUIET_SECONDS] [QUERY_THREADS]
 * [SWAPS]} (default 3 swaps).
 */
public final class ReloadLatency {
  private ReloadLatency() {}

  private record Sample(long startNanos, long nanos) {}

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
    List<String> vocabulary = Datasets.vocabulary(spec.seed());
    List<PolicySnapshot> nexts = new ArrayList<>();
    for (int k = 1; k <= swaps; k++) {
      Path dir = Files.createTempDirectory("edited-policy");
      PolicyWriter.write(dir, spec, vocabulary, k, changedRules(spec));
      nexts.add(Fixture.load(dir));
      Datasets.deleteTree(dir);
    }
    return nexts;
  }

  /** As {@link #main}, without exiting. */
  public static void run(String[] args) throws Exception {
    int posts = Integer.parseInt(args[0]);
    Path out = Paths.get(args[1]);
    double quiet = args.length > 2 ? Double.parseDouble(args[2]) : 5;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int swaps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    PolicySpec spec = PolicySpec.QUERY;
    Fixture.Warm warm = Fixture.warm(posts, spec);
    Fixture f = warm.fixture();
    ExclusionCache cache = warm.cache();
    AtomicReference<PolicySnapshot> current = new AtomicReference<>(f.snapshot);
    List<Query> queries = new ArrayList<>();
    for (String q : List.of("term", "phrase", "multiterm")) queries.add(Queries.of(q, f.reader).query());

    int changed = changedRules(spec);
    List<PolicySnapshot> nexts = editedSnapshots(spec, swaps);

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
            long s = System.nanoTime();
            Query q = new BooleanQuery.Builder()
                .add(queries.get(i % queries.size()), BooleanClause.Occur.MUST)
                .add(cache.visibleQuery(f.reader, current.get(), Fixture.JURISDICTION, Fixture.NOW),
                    BooleanClause.Occur.FILTER)
                .build();
            f.searcher.search(q, QueryFilterBenchmark.PAGE);
            samples.add(new Sample(s, System.nanoTime() - s));
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
    java.lang.management.ThreadMXBean threadsBean = java.lang.management.ManagementFactory.getThreadMXBean();
    if (threadsBean.isThreadContentionMonitoringSupported()) threadsBean.setThreadContentionMonitoringEnabled(true);
    long[] gcBefore = gc();
    long blockedBefore = blocked(threadsBean, workers);
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
    sampler.start();
    long[] swapStarts = new long[swaps];
    long[] swapEnds = new long[swaps];
    long missesBefore = cache.stats().ruleMisses();
    var allocation = (com.sun.management.ThreadMXBean) threadsBean;
    long[] swapAllocated = new long[swaps];
    for (int k = 0; k < swaps; k++) {
      if (k > 0) Thread.sleep((long) (quiet * 1000));
      swapStarts[k] = System.nanoTime();
      long allocatedBefore = allocation.getCurrentThreadAllocatedBytes();
      cache.warm(f.reader, nexts.get(k), List.of(Fixture.JURISDICTION), Fixture.NOW);
      current.set(nexts.get(k));
      swapEnds[k] = System.nanoTime();
      swapAllocated[k] = allocation.getCurrentThreadAllocatedBytes() - allocatedBefore;
    }
    long[] gcAfter = gc();
    long ruleMisses = cache.stats().ruleMisses() - missesBefore;
    long blockedAfter = blocked(threadsBean, workers);
    swapping.set(false);
    sampler.join();
    Thread.sleep((long) (quiet * 1000));
    stop.set(true);
    for (Thread w : workers) w.join();

    List<Long> first = new ArrayList<>();
    List<Long> during = new ArrayList<>();
    List<Long> outside = new ArrayList<>();
    for (List<Sample> samples : perThread) {
      // The first second is JIT warm-up of this JVM: not part of any figure.
      long from = samples.isEmpty() ? 0 : samples.get(0).startNanos + 1_000_000_000L;
      for (Sample s : samples) {
        if (s.startNanos < from) continue;
        int in = -1;
        for (int k = 0; k < swaps && in < 0; k++) {
          if (s.startNanos + s.nanos >= swapStarts[k] && s.startNanos <= swapEnds[k]) in = k;
        }
        (in < 0 ? outside : in == 0 && swaps > 1 ? first : during).add(s.nanos);
      }
    }
    long firstMillis = (swapEnds[0] - swapStarts[0]) / 1_000_000;
    long swapNanos = 0;
    for (int k = swaps > 1 ? 1 : 0; k < swaps; k++) swapNanos += swapEnds[k] - swapStarts[k];
    double swapMillis = swapNanos / 1e6 / (swaps > 1 ? swaps - 1 : 1);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("posts", posts);
    root.put("policy", spec.key());
    root.put("queryThreads", threads);
    root.put("changedRules", changed);
    root.put("swaps", swaps);
    // Per-rule sets the swaps built (the rest came from the cache): about the changed rules times the segments.
    root.put("ruleSetsBuilt", ruleMisses);
    // Bytes the warm-up allocated per swap: what drives the collections that pause queries during a swap.
    root.put("swapAllocatedBytes", swapAllocated[swaps - 1]);
    root.put("swapMillis", swapMillis);
    root.put("collector", collectors());
    root.put("gcCountDuring", gcAfter[0] - gcBefore[0]);
    root.put("gcMillisDuring", gcAfter[1] - gcBefore[1]);
    root.put("queryBlockedMillisDuring", blockedAfter - blockedBefore);
    ObjectNode where = root.putObject("queryBlockedSamples");
    blockedAt.forEach(where::put);
    root.set("outside", stats(json, outside));
    root.set("during", stats(json, during));
    double p99Out = percentile(outside, 0.99);
    double p99In = percentile(during, 0.99);
    root.put("p99Ratio", p99Out > 0 ? p99In / p99Out : Double.NaN);
    if (swaps > 1) {
      ObjectNode firstSwap = stats(json, first);
      firstSwap.put("swapMillis", firstMillis);
      firstSwap.put("p99Ratio", p99Out > 0 ? percentile(first, 0.99) / p99Out : Double.NaN);
      root.set("firstSwap", firstSwap);
    }
    root.put("loadAverage", Files.readString(Paths.get("/proc/loadavg")).trim());
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
    System.out.println("per-rule sets built during the swaps: " + ruleMisses + " (" + f.reader.leaves().size()
        + " segments); bytes allocated by each swap: " + java.util.Arrays.toString(swapAllocated));
    System.out.printf(Locale.ROOT, "swaps of %d changed rules took %.0f ms (after the first); p99 outside %.2f ms (%d queries), during %.2f ms (%d queries), ratio %.2f; "
            + "during the swap: %d collections (%s) %d ms, query threads blocked %d ms%n",
        changed, swapMillis, p99Out, outside.size(), p99In, during.size(), p99In / p99Out,
        gcAfter[0] - gcBefore[0], collectors(), gcAfter[1] - gcBefore[1], blockedAfter - blockedBefore);
    blockedAt.forEach((k, v) -> System.out.println("  blocked samples (every ~2 ms): " + v + " on " + k));
    
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

  private static ObjectNode stats(ObjectMapper json, List<Long> nanos) {
    ObjectNode n = json.createObjectNode();
    n.put("queries", nanos.size());
    n.put("p50Millis", percentile(nanos, 0.50));
    n.put("p99Millis", percentile(nanos, 0.99));
    n.put("maxMillis", percentile(nanos, 1.0));
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
