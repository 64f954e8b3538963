package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.ContentFilter;
import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.UnknownJurisdictions;
import java.util.List;
import java.util.Locale;

/**
 * Where a cold build of the exclusion sets spends its time: warms one jurisdiction with each built-in filter alone,
 * then with all. {@code WarmProbe POSTS [POLICY_SPEC]}.
 */
public final class WarmProbe {
  private WarmProbe() {}

  public static void main(String[] args) throws Exception {
    int posts = Integer.parseInt(args[0]);
    PolicySpec spec = args.length > 1 ? PolicySpec.parse(args[1]) : PolicySpec.QUERY;
    try (Fixture f = new Fixture(posts, spec)) {
      for (ContentFilter one : ContentFilters.builtIn().all()) {
        ExclusionCache cache = new ExclusionCache(ContentFilters.diagnosticSubset(List.of(one)), UnknownJurisdictions.ERROR,
            ExclusionCache.DEFAULT_MAX_BYTES);
        long t0 = System.nanoTime();
        cache.warm(f.reader, f.snapshot, List.of(Fixture.JURISDICTION), Fixture.NOW);
        System.out.printf(Locale.ROOT, "%-24s %8.1f ms  %s%n", one.getClass().getSimpleName(),
            (System.nanoTime() - t0) / 1e6, cache.stats());
      }
    }
  }
}
