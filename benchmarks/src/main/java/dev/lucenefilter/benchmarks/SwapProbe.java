package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.policy.PolicySnapshot;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * What one policy swap's warm-up costs with nothing else running: time and bytes allocated per swap of a snapshot
 * with 1% of the value rules changed, on a cache already warm with the previous one (as {@link ReloadLatency}'s
 * swaps, without its queries). For comparing warm-up changes side by side. {@code SwapProbe POSTS [SWAPS] [SPEC]}:
 * {@code SPEC} is a policy key such as {@code c1000-d1000-p1000-u100-j200-v10-s42} (default the 12k-rule KZ
 * policy); every jurisdiction of the policy is warmed, first from empty and then on each swap, as {@code
 * PolicyVisibility} warms a registry's new snapshot. The edits change 1% of KZ's value rules only.
 */
public final class SwapProbe {
  private SwapProbe() {}

  public static void main(String[] args) throws Exception {
    int posts = Integer.parseInt(args[0]);
    int swaps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    PolicySpec spec = args.length > 2 ? PolicySpec.parse(args[2]) : PolicySpec.QUERY;
    Fixture.Warm warm = Fixture.warm(posts, spec);
    Fixture f = warm.fixture();
    ExclusionCache cache = warm.cache();
    List<String> jurisdictions = List.copyOf(f.snapshot.jurisdictions());
    long t = System.nanoTime();
    cache.warm(f.reader, f.snapshot, jurisdictions, Fixture.NOW);
    System.out.printf(Locale.ROOT, "%d jurisdictions warmed from empty in %.0f ms%n", jurisdictions.size(),
        (System.nanoTime() - t) / 1e6);
    int changed = ReloadLatency.changedRules(spec);
    List<PolicySnapshot> nexts = ReloadLatency.editedSnapshots(spec, swaps);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    double[] millis = new double[swaps];
    for (int k = 0; k < swaps; k++) {
      long bytes = threads.getCurrentThreadAllocatedBytes();
      long cpu = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      cache.warm(f.reader, nexts.get(k), jurisdictions, Fixture.NOW);
      millis[k] = (System.nanoTime() - t0) / 1e6;
      System.out.printf(Locale.ROOT, "swap %2d: %7.1f ms wall, %7.1f ms cpu, %6.1f MB allocated%n", k + 1, millis[k],
          (threads.getCurrentThreadCpuTime() - cpu) / 1e6, (threads.getCurrentThreadAllocatedBytes() - bytes) / 1e6);
    }
    java.util.Arrays.sort(millis);
    System.out.printf(Locale.ROOT, "%d swaps of %d changed rules: median %.1f ms, min %.1f ms%n", swaps, changed,
        millis[swaps / 2], millis[0]);
  }
}
