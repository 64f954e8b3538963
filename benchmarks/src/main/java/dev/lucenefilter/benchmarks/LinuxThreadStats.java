package dev.lucenefilter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a thread's wall time went, from Linux's {@code /proc} scheduler statistics: how long the calling thread
 * waited on a run queue (runnable but not running), and how much CPU every thread of this JVM used, by name. Lets
 * {@link ReloadLatency} tell a query slowed by its own work from one kept off the CPU, and name who had the CPU
 * (the warm-up, the JIT compiler, the collector). Every method returns -1 or an empty map where {@code /proc} has
 * no such file (another OS, or a kernel without schedstats): a diagnostic, never a figure the verdict rests on.
 */
final class LinuxThreadStats {
  private static final Path SELF = Paths.get("/proc/thread-self/schedstat");
  private static final Path TASKS = Paths.get("/proc/self/task");

  private LinuxThreadStats() {}

  /** Nanoseconds the calling thread has spent runnable but waiting for a CPU, or -1. */
  static long runQueueWaitNanos() {
    try {
      // schedstat: time on a CPU, time waiting on a run queue, time slices run (all since the thread started).
      return Long.parseLong(Files.readString(SELF).trim().split(" ")[1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU nanoseconds of every live thread of this JVM, keyed by "name#tid"; empty when unavailable. */
  static Map<String, Long> cpuByThread() {
    Map<String, Long> cpu = new TreeMap<>();
    List<Path> tasks;
    try (var list = Files.list(TASKS)) {
      tasks = list.toList();
    } catch (IOException | RuntimeException e) {
      return cpu;
    }
    for (Path t : tasks) {
      try {
        String name = Files.readString(t.resolve("comm")).trim() + "#" + t.getFileName();
        cpu.put(name, Long.parseLong(Files.readString(t.resolve("schedstat")).trim().split(" ")[0]));
      } catch (IOException | RuntimeException e) {
        // The thread ended between listing and reading: it used no CPU we can still attribute.
      }
    }
    return cpu;
  }

  /** CPU milliseconds each thread used between two {@link #cpuByThread} readings, for threads that used any. */
  static Map<String, Long> cpuMillisBetween(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> used = new TreeMap<>();
    after.forEach((thread, nanos) -> {
      long ms = (nanos - before.getOrDefault(thread, 0L)) / 1_000_000;
      if (ms > 0) used.merge(thread.substring(0, thread.lastIndexOf('#')), ms, Long::sum);
    });
    return used;
  }
}
