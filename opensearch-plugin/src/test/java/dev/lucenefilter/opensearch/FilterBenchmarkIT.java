package dev.lucenefilter.opensearch;

import static dev.lucenefilter.opensearch.ClusterFixture.call;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lucenefilter.corpus.CorpusGenerator;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.opensearch.client.RestClient;
import org.opensearch.common.network.NetworkModule;
import org.opensearch.common.settings.Settings;
import org.opensearch.plugins.Plugin;
import org.opensearch.test.OpenSearchIntegTestCase;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * The in-cluster benchmark of {@code benchmarks/README.md} ("OpenSearch plugin"): on the same 3-node cluster and
 * the same generated records, the mean latency of a few full-text queries for KZ through the plugin (filtered
 * index, reader wrapper), through {@code bool}/{@code must_not}/{@code terms} on {@code _id} of KZ's hidden
 * records (capped at 65,536 terms, OpenSearch's default {@code index.max_terms_count}) on an unfiltered copy,
 * and unfiltered on that copy; reported as ratios to unfiltered. Runs only with {@code -Dlucenefilter.osbench=true}
 * (sizes: {@code -Dlucenefilter.osbench.posts}, default 20000); it measures, so CI never runs it.
 */
@OpenSearchIntegTestCase.ClusterScope(scope = OpenSearchIntegTestCase.Scope.SUITE, numDataNodes = 3, numClientNodes = 0,
    supportsDedicatedMasters = false)
public class FilterBenchmarkIT extends OpenSearchIntegTestCase {
  private static final int MAX_TERMS = 65_536;

  @Override
  protected Collection<Class<? extends Plugin>> nodePlugins() { return List.of(LuceneFilterPlugin.class, Netty4ModulePlugin.class); }

  /**
   * The framework adds its mock engine to a random share of runs; a filtered index's engine is the plugin's
   * (StampCheckingEngine), and OpenSearch refuses an index that two plugins give an engine.
   */
  @Override
  protected boolean addMockInternalEngine() { return false; }

  @Override
  protected boolean addMockHttpTransport() { return false; }

  @Override
  protected Settings nodeSettings(int ordinal) {
    return Settings.builder().put(super.nodeSettings(ordinal))
        .put(NetworkModule.TRANSPORT_TYPE_KEY, Netty4ModulePlugin.NETTY_TRANSPORT_NAME)
        .put(NetworkModule.HTTP_TYPE_KEY, Netty4ModulePlugin.NETTY_HTTP_TRANSPORT_NAME)
        .put("indices.requests.cache.size", "0b").build();
  }

  public void testPluginVersusMustNotVersusUnfiltered() throws Exception {
    assumeTrue("in-cluster benchmark: run with -Dlucenefilter.osbench=true", Boolean.getBoolean("lucenefilter.osbench"));
    int posts = Integer.getInteger("lucenefilter.osbench.posts", 20_000);
    RestClient rest = getRestClient();
    Path data = createTempDir();
    CorpusGenerator.of(posts, CorpusGenerator.defaultChannels(posts), 42).generate(data);
    Path blocklists = Path.of(System.getProperty("user.dir")).getParent().resolve("blocklists");
    Map<String, String> files = new TreeMap<>(PolicyFiles.readDirectory(blocklists).files());
    files.keySet().removeIf(n -> !n.endsWith(".json"));
    JsonNode put = call(rest, "PUT", "/_lucene_filter/policy", null, ClusterFixture.policyBody(files));
    assertEquals(put.toString(), 200, put.path("_status").asInt());
    String version = put.path("version").asText();
    ClusterFixture.awaitServing(internalCluster(), version);
    call(rest, "PUT", "/_ingest/pipeline/lucene-filter", null, "{\"processors\":[{\"lucene_filter\":{}}]}");
    String mapping = new String(getClass().getResourceAsStream("/lucene-filter-mapping.json").readAllBytes(), StandardCharsets.UTF_8);
    String shards = "\"index.number_of_shards\":3,\"index.number_of_replicas\":1,\"index.refresh_interval\":\"-1\"";
    call(rest, "PUT", "/filtered", null, "{\"settings\":{" + shards + ",\"index.lucene_filter.enabled\":true},\"mappings\":" + mapping + "}");
    // The copy goes through the same processor (same fields, same rejections), just without the reader wrapper.
    call(rest, "PUT", "/plain", null, "{\"settings\":{" + shards + ",\"index.final_pipeline\":\"lucene-filter\"},\"mappings\":" + mapping + "}");
    for (String index : List.of("filtered", "plain")) {
      load(rest, index, data.resolve("channels.jsonl"));
      load(rest, index, data.resolve("posts.jsonl"));
      call(rest, "POST", "/" + index + "/_refresh", null, null);
      call(rest, "POST", "/" + index + "/_forcemerge?max_num_segments=1", null, null);
    }
    ensureGreen("filtered", "plain");

    // KZ's hidden records: everything in the copy minus what KZ sees through the plugin.
    Set<String> all = ids(rest, "plain", "GLOBAL", "{\"match_all\":{}}");
    Set<String> kz = ids(rest, "filtered", "KZ", "{\"match_all\":{}}");
    List<String> hidden = new ArrayList<>();
    for (String id : all) if (!kz.contains(id)) hidden.add(id);
    List<String> capped = hidden.size() > MAX_TERMS ? hidden.subList(0, MAX_TERMS) : hidden;
    String terms = ClusterFixture.JSON.writeValueAsString(capped);

    List<String> words = List.of("новости", "город", "сегодня", "news", "price");
    StringBuilder report = new StringBuilder();
    report.append(String.format(Locale.ROOT, "posts=%d records=%d hidden_for_KZ=%d terms_used=%d%n", posts, all.size(), hidden.size(), capped.size()));
    report.append("query | unfiltered ms | plugin ms | must_not ms | plugin/unfiltered | must_not/unfiltered\n");
    for (String w : words) {
      String q = "{\"match\":{\"text\":" + ClusterFixture.JSON.writeValueAsString(w) + "}}";
      String mustNot = "{\"bool\":{\"must\":[" + q + "],\"must_not\":[{\"terms\":{\"_id\":" + terms + "}}]}}";
      double[] ms = time(rest, List.of(new String[] {"plain", "GLOBAL", q}, new String[] {"filtered", "KZ", q},
          new String[] {"plain", "GLOBAL", mustNot}));
      double base = ms[0], plugin = ms[1], bool = ms[2];
      report.append(String.format(Locale.ROOT, "%s | %.2f | %.2f | %.2f | %.2f | %.2f%n", w, base, plugin, bool, plugin / base, bool / base));
    }
    logger.info("lucene-filter in-cluster benchmark\n{}", report);
    Files.writeString(Path.of(System.getProperty("user.dir"), "target", "osbench.txt"), report.toString());
  }

  private static void load(RestClient rest, String index, Path file) throws Exception {
    try (BufferedReader in = Files.newBufferedReader(file)) {
      StringBuilder bulk = new StringBuilder();
      int n = 0;
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) continue;
        bulk.append("{\"index\":{}}\n").append(line).append('\n');
        if (++n % 2000 == 0) {
          checkBulk(call(rest, "POST", "/" + index + "/_bulk", null, bulk.toString()));
          bulk.setLength(0);
        }
      }
      if (bulk.length() > 0) checkBulk(call(rest, "POST", "/" + index + "/_bulk", null, bulk.toString()));
    }
  }

  /** Only index-time rejections may fail an item. */
  private static void checkBulk(JsonNode r) {
    for (JsonNode item : r.path("items")) {
      JsonNode e = item.path("index").path("error");
      if (!e.isMissingNode() && !e.toString().contains("rejected by rules")) throw new AssertionError(e.toString());
    }
  }

  /** Every id a jurisdiction sees, paged with search_after (no scroll context left open). */
  private static Set<String> ids(RestClient rest, String index, String jurisdiction, String query) throws Exception {
    Set<String> out = new TreeSet<>();
    String after = null;
    while (true) {
      String body = "{\"size\":5000,\"_source\":false,\"query\":" + query + ",\"sort\":[{\"kind.raw\":\"asc\"},{\"id.raw\":\"asc\"}]"
          + (after == null ? "" : ",\"search_after\":" + after) + "}";
      JsonNode r = call(rest, "POST", "/" + index + "/_search", jurisdiction, body);
      JsonNode hits = r.path("hits").path("hits");
      if (r.path("_status").asInt() != 200) throw new AssertionError(r.toString());
      if (hits.size() == 0) return out;
      for (JsonNode h : hits) out.add(h.path("_id").asText());
      after = hits.get(hits.size() - 1).path("sort").toString();
    }
  }

  /**
   * Median wall time per variant in ms (client to cluster and back), variants interleaved round by round so load
   * changes on the shared machine hit them alike; 20 warm-up rounds, 50 timed.
   */
  private static double[] time(RestClient rest, List<String[]> variants) throws Exception {
    long[][] took = new long[variants.size()][50];
    for (int round = -20; round < 50; round++) {
      for (int v = 0; v < variants.size(); v++) {
        String[] x = variants.get(v);
        String body = "{\"size\":10,\"track_total_hits\":true,\"query\":" + x[2] + "}";
        long t0 = System.nanoTime();
        JsonNode r = call(rest, "POST", "/" + x[0] + "/_search?request_cache=false", x[1], body);
        long t = System.nanoTime() - t0;
        if (r.path("_status").asInt() != 200) throw new AssertionError(r.toString());
        if (round >= 0) took[v][round] = t;
      }
    }
    double[] out = new double[variants.size()];
    for (int v = 0; v < out.length; v++) {
      Arrays.sort(took[v]);
      out[v] = took[v][took[v].length / 2] / 1e6;
    }
    return out;
  }
}
