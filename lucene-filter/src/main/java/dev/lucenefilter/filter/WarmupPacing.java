package dev.lucenefilter.filter;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.apache.lucene.util.IORunnable;

/**
 * Keeps a warm-up from taking the CPU that queries need. A warm-up builds sets for tens to hundreds of
 * milliseconds while each query needs a core for about a millisecond; when more threads can run than there are
 * cores (queries, the JIT compiler compiling the warm-up's own code, the collector, other processes), a warm-up
 * that keeps its share makes a query wait on the run queue: 2.5–4 ms at the p99 on two cores during a 1M-post swap
 * with 200 jurisdictions, against nothing outside it. The JVM cannot lower one thread's OS priority, so the
 * warm-up steps aside itself.
 *
 * <p>Between two short steps of building (one rule's set, 64 cached rule sets combined, 256 channels' posts, a
 * segment's final set), at most once a millisecond, {@link #step} asks whether a thread is waiting for a core. On
 * Linux that is the kernel's count of runnable threads ({@code /proc/loadavg}, this one included) above the cores
 * the JVM may use; elsewhere, that this thread itself ran for less than 7/8 of the wall time since the last look.
 * If one is, the warm-up sleeps in half-millisecond slices until none is, at most {@value #MAX_PAUSE_MILLIS} ms at
 * a time, and never more in all than the CPU time it has run: so a warm-up at most about doubles on a saturated
 * machine and runs at full speed on one with a core to spare. The count is machine-wide: in a container limited
 * to fewer cores than its host, the warm-up steps aside for the host's threads too, within the same bound.
 *
 * <p>Builds outside a warm-up (a query's first use of a reader the cache missed) are not paced, since a query waits
 * for them; they only offer the core between steps. Pacing belongs to the calling thread for the duration of
 * {@link #run}.
 */
final class WarmupPacing {
  static final long WINDOW_NANOS = 1_000_000;
  static final long SLICE_NANOS = 500_000;
  static final long MAX_PAUSE_MILLIS = 20;
  private static final ThreadLocal<WarmupPacing> ACTIVE = new ThreadLocal<>();

  private final LongSupplier wallNanos;
  private final LongSupplier cpuNanos;
  private final IntSupplier othersWaiting;
  private final LongConsumer sleepNanos;
  private long windowWall;
  private long windowCpu;
  private long credit;
  private long pausedNanos;
  private int pauses;

  /**
   * @param othersWaiting threads waiting for a core now: above zero when this one stepping aside would let another
   *                      run, negative when unknown (then this thread's own lost time is the signal)
   */
  WarmupPacing(LongSupplier wallNanos, LongSupplier cpuNanos, IntSupplier othersWaiting, LongConsumer sleepNanos) {
    this.wallNanos = wallNanos;
    this.cpuNanos = cpuNanos;
    this.othersWaiting = othersWaiting;
    this.sleepNanos = sleepNanos;
    restart();
  }

  /** Runs {@code warmUp} on this thread with its build steps paced; returns what it gave up to others. */
  static ExclusionCache.WarmPauses run(IORunnable warmUp) throws IOException {
    if (ACTIVE.get() != null) return run(null, warmUp);
    try (RunQueue queue = RunQueue.open()) {
      return run(forCurrentThread(queue), warmUp);
    }
  }

  /** Runs {@code warmUp} paced by {@code pacing} (unpaced when null or already inside a paced warm-up). */
  static ExclusionCache.WarmPauses run(WarmupPacing pacing, IORunnable warmUp) throws IOException {
    // Inside a paced warm-up already, its pacing covers this one too.
    if (pacing == null || ACTIVE.get() != null) {
      warmUp.run();
      return new ExclusionCache.WarmPauses(0, 0);
    }
    ACTIVE.set(pacing);
    try {
      warmUp.run();
    } finally {
      ACTIVE.remove();
    }
    return new ExclusionCache.WarmPauses(pacing.pauses, pacing.pausedNanos);
  }

  /**
   * Called between two short steps of building sets, on any thread. Outside a warm-up it only offers the core:
   * without that, a query that became runnable could wait for the scheduler's next tick behind a long build.
   */
  static void step() {
    WarmupPacing pacing = ACTIVE.get();
    if (pacing == null) Thread.yield();
    else pacing.pace();
  }

  /** Whether this thread is in a paced warm-up (for tests). */
  static boolean active() { return ACTIVE.get() != null; }

  /** Pacing for this thread, or null where the JVM cannot tell a thread's CPU time (the warm-up then only yields). */
  private static WarmupPacing forCurrentThread(RunQueue queue) {
    ThreadMXBean threads;
    try {
      threads = ManagementFactory.getThreadMXBean();
      if (!threads.isCurrentThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) return null;
    } catch (SecurityException | UnsupportedOperationException e) {
      // A host that denies management access (a plugin sandbox) still gets its warm-up, unpaced.
      return null;
    }
    return new WarmupPacing(System::nanoTime, threads::getCurrentThreadCpuTime, queue::othersWaiting,
        LockSupport::parkNanos);
  }

  void pace() {
    long wall = wallNanos.getAsLong() - windowWall;
    if (wall < WINDOW_NANOS) {
      Thread.yield();
      return;
    }
    long ran = Math.max(0, cpuNanos.getAsLong() - windowCpu);
    credit += ran;
    int waiting = othersWaiting.getAsInt();
    // Without a run-queue count: short of CPU by more than an eighth of the window, another thread held the core.
    boolean contended = waiting < 0 ? (wall - ran) * 8 > wall : waiting > 0;
    // An interrupted thread's sleeps return at once: it would spin reading the run queue instead of resting.
    if (!contended || credit <= 0 || Thread.currentThread().isInterrupted()) Thread.yield();
    else if (waiting < 0) pause(Math.min(ran, credit), false);
    else pause(Math.min(credit, MAX_PAUSE_MILLIS * 1_000_000), true);
    // The pause and the wake-up after it are not work: the next window starts after them.
    restart();
  }

  /** Sleeps up to {@code limit} ns: in slices while others wait for a core ({@code recheck}), else at once. */
  private void pause(long limit, boolean recheck) {
    if (limit <= 0) {
      Thread.yield();
      return;
    }
    long start = wallNanos.getAsLong();
    long slept = 0;
    do {
      sleepNanos.accept(recheck ? Math.min(SLICE_NANOS, limit - slept) : limit);
      slept = wallNanos.getAsLong() - start;
    } while (recheck && slept < limit && !Thread.currentThread().isInterrupted() && othersWaiting.getAsInt() > 0);
    credit -= slept;
    pausedNanos += slept;
    pauses++;
  }

  private void restart() {
    windowWall = wallNanos.getAsLong();
    windowCpu = cpuNanos.getAsLong();
  }

  /**
   * Linux's count of runnable threads, machine-wide, against the cores this JVM may use. One open file per
   * warm-up: re-reading it costs microseconds, opening it tens of them.
   */
  static final class RunQueue implements AutoCloseable {
    private final RandomAccessFile loadavg;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final byte[] buffer = new byte[128];

    private RunQueue(RandomAccessFile loadavg) { this.loadavg = loadavg; }

    static RunQueue open() {
      try {
        return new RunQueue(new RandomAccessFile("/proc/loadavg", "r"));
      } catch (IOException | SecurityException e) {
        // Not Linux, or no /proc here: pacing falls back to the thread's own lost time.
        return new RunQueue(null);
      }
    }

    /** Runnable threads beyond the cores (the caller counts as running), or -1 when unknown. */
    int othersWaiting() {
      if (loadavg == null) return -1;
      try {
        loadavg.seek(0);
        int n = loadavg.read(buffer);
        return n <= 0 ? -1 : Math.max(0, runnable(new String(buffer, 0, n, StandardCharsets.US_ASCII)) - cores);
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    /** The fourth field of {@code /proc/loadavg}, "runnable/total": the runnable scheduling entities. */
    static int runnable(String loadavg) {
      String[] fields = loadavg.trim().split(" ");
      return Integer.parseInt(fields[3].substring(0, fields[3].indexOf('/')));
    }

    @Override
    public void close() {
      try {
        if (loadavg != null) loadavg.close();
      } catch (IOException e) {
        // A read-only /proc file: nothing was written that closing could lose.
      }
    }
  }
}
