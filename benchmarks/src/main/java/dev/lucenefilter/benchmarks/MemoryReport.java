package dev.lucenefilter.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.filter.ExclusionCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * Cache memory, measured: warms {@code JURISDICTIONS} jurisdictions of the {@link PolicySpec#MEMORY} policy (each
 * with its own 1k channels, 1k domains, 1k phrases) on a fresh {@link ExclusionCache} and divides {@code
 * stats().querySetBytes()} (the per-segment exclusion sets queries use, each counted once) and {@code ruleBytes()} (the per-rule sets kept to
 * make edits cheap) by jurisdictions and millions of documents; also the one-jurisdiction {@link PolicySpec#QUERY}
 * policy, and the design bound (dense: maxDoc/8 bytes per segment). Usage: {@code MemoryReport POSTS OUT
 * [JURISDICTIONS]}; writes JSON.
 */
public final class MemoryReport {
  private MemoryReport() {}

  public static void main(String[] args) throws Exception {
    run(args);
    System.exit(0);
  }

  /** As {@link #main}, without exiting. */
  public static void run(String[] args) throws Exception {
    int posts = Integer.parseInt(args[0]);
    Path out = Paths.get(args[1]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    ObjectMapper json = new ObjectMapper();
    ArrayNode rows = json.createArrayNode();
    rows.add(measure(json, posts, PolicySpec.MEMORY, n));
    rows.add(measure(json, posts, PolicySpec.QUERY, 1));
    ObjectNode root = json.createObjectNode();
    root.put("posts", posts);
    root.set("rows", rows);
    root.put("loadAverage", Files.readString(Paths.get("/proc/loadavg")).trim());
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
    
  }

  private static ObjectNode measure(ObjectMapper json, int posts, PolicySpec spec, int n) throws Exception {
    // The one-jurisdiction query policy reuses the JVM's shared warmed fixture (its cache holds exactly KZ).
    boolean shared = spec.jurisdictions() == 1;
    Fixture.Warm warm = shared ? Fixture.warm(posts, spec) : null;
    try (Fixture f = shared ? null : new Fixture(posts, spec)) {
      Fixture fx = shared ? warm.fixture() : f;
      List<String> codes = spec.jurisdictionCodes().subList(0, Math.min(n, spec.jurisdictions()));
      ExclusionCache cache = shared ? warm.cache() : new ExclusionCache(dev.lucenefilter.filter.ContentFilters.load(),
          dev.lucenefilter.filter.UnknownJurisdictions.ERROR, Long.MAX_VALUE / 4);
      long t0 = System.nanoTime();
      if (!shared) cache.warm(fx.reader, fx.snapshot, codes, Fixture.NOW);
      long nanos = shared ? warm.buildNanos() : System.nanoTime() - t0;
      ExclusionCache.Stats s = cache.stats();
      double mdocs = fx.reader.maxDoc() / 1e6;
      long denseBound = 0;
      for (var leaf : fx.reader.leaves()) denseBound += leaf.reader().maxDoc() / 8;
      ObjectNode row = json.createObjectNode();
      row.put("policy", spec.key());
      row.put("maxDoc", fx.reader.maxDoc());
      row.put("segments", fx.reader.leaves().size());
      row.put("jurisdictions", codes.size());
      row.put("warmMillis", nanos / 1e6);
      row.put("warmMillisPerJurisdiction", nanos / 1e6 / codes.size());
      row.put("segmentBytes", s.querySetBytes());
      row.put("ruleBytes", s.ruleBytes());
      row.put("segmentBytesPerJurisdictionPerMillionDocs", s.querySetBytes() / (double) codes.size() / mdocs);
      row.put("ruleBytesPerJurisdictionPerMillionDocs", s.ruleBytes() / (double) codes.size() / mdocs);
      row.put("denseBoundBytesPerJurisdiction", denseBound);
      row.put("denseBoundBytesPerMillionDocs", denseBound / mdocs);
      System.out.printf(Locale.ROOT, "%s on %d docs: %d jurisdictions warmed in %.0f ms; %,.0f B/jurisdiction/Mdocs exclusion sets"
              + " (+ %,.0f rule sets); dense bound %,.0f B/Mdocs%n", spec.key(), fx.reader.maxDoc(), codes.size(), nanos / 1e6,
          s.querySetBytes() / (double) codes.size() / mdocs, s.ruleBytes() / (double) codes.size() / mdocs, denseBound / mdocs);
      return row;
    }
  }
}
