package dev.lucenefilter.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link MatcherBenchmark}'s workloads timed by the thread's CPU time instead of the wall clock: chars per
 * CPU-second of one core. On a machine shared with other work, JMH's wall-clock scores swing with the load;
 * CPU time does much less (caches and frequency are still shared). Not a replacement for JMH on a quiet machine.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.lucenefilter.benchmarks.MatcherCpuTime [rules] [seconds]}.
 */
public final class MatcherCpuTime {
  private MatcherCpuTime() {}

  public static void main(String[] args) {
    int rules = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
    MatcherBenchmark b = new MatcherBenchmark();
    b.rules = rules;
    b.setup();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String mode : new String[] {"normalizeAndMatch", "baselineAhoCorasickLowercase"}) {
      MatcherBenchmark.Chars warm = new MatcherBenchmark.Chars();
      run(b, mode, warm, mx, seconds / 2);
      MatcherBenchmark.Chars counter = new MatcherBenchmark.Chars();
      long cpu = run(b, mode, counter, mx, seconds);
      System.out.printf(Locale.ROOT, "%-30s rules=%d  %.1fM chars per CPU-second%n", mode, rules,
          counter.chars / (cpu / 1e9) / 1e6);
    }
  }

  private static long run(MatcherBenchmark b, String mode, MatcherBenchmark.Chars counter, ThreadMXBean mx,
      double seconds) {
    long start = mx.getCurrentThreadCpuTime();
    long sink = 0;
    while (mx.getCurrentThreadCpuTime() - start < seconds * 1e9) {
      sink += mode.equals("normalizeAndMatch") ? b.normalizeAndMatch(counter) : b.baselineAhoCorasickLowercase(counter);
    }
    if (sink == 42) System.out.print("");
    return mx.getCurrentThreadCpuTime() - start;
  }
}
