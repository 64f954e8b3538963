package dev.lucenefilter.opensearch;

import static dev.lucenefilter.opensearch.ClusterFixture.INDEX;
import static dev.lucenefilter.opensearch.ClusterFixture.call;
import static dev.lucenefilter.opensearch.ClusterFixture.searchIds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicySnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;
import org.opensearch.common.network.NetworkModule;
import org.opensearch.common.settings.Settings;
import org.opensearch.plugins.Plugin;
import org.opensearch.test.OpenSearchIntegTestCase;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * What node-wide caches and the write path's stamp must not do: a jurisdiction's search never answers from what
 * another's search cached (the query cache keys a segment core, every view of which shares it), and records with
 * unusual values, in JSON or YAML, pass the shard's stamp check; the stamp key shows in no rendering of the
 * cluster state.
 */
@OpenSearchIntegTestCase.ClusterScope(scope = OpenSearchIntegTestCase.Scope.SUITE, numDataNodes = 3, numClientNodes = 0,
    supportsDedicatedMasters = false)
public class SharedCachesAndStampsIT extends OpenSearchIntegTestCase {
  @Override
  protected Collection<Class<? extends Plugin>> nodePlugins() {
    return List.of(LuceneFilterPlugin.class, Netty4ModulePlugin.class, JurisdictionFilteringIT.ReroutePlugin.class);
  }

  @Override
  protected boolean addMockInternalEngine() { return false; }

  @Override
  protected boolean addMockHttpTransport() { return false; }

  private static Path reloadDir;

  @Override
  protected Settings nodeSettings(int ordinal) {
    synchronized (SharedCachesAndStampsIT.class) {
      if (reloadDir == null) {
        try { reloadDir = Files.createTempDirectory("lucene-filter-caches"); } catch (java.io.IOException e) { throw new RuntimeException(e); }
      }
    }
    return Settings.builder().put(super.nodeSettings(ordinal))
        .put(NetworkModule.TRANSPORT_TYPE_KEY, Netty4ModulePlugin.NETTY_TRANSPORT_NAME)
        .put(NetworkModule.HTTP_TYPE_KEY, Netty4ModulePlugin.NETTY_HTTP_TRANSPORT_NAME)
        .put(PluginSettings.POLICY_PATH.getKey(), reloadDir.toString())
        // As in production once segments hold 10,000 documents: the node query cache caches every segment.
        .put("indices.queries.cache.all_segments", true)
        .put("indices.queries.cache.min_frequency", 1).put("indices.queries.cache.costly_min_frequency", 1)
        .build();
  }

  private ClusterFixture fixture;
  private PolicySnapshot policy;
  private final List<String> failures = new ArrayList<>();

  private RestClient rest() { return getRestClient(); }

  private void check(String what, boolean ok, Object detail) {
    if (!ok) failures.add(what + ": " + detail);
  }

  public void testNoJurisdictionReadsAnothersCachedMatchesAndOddRecordsPassTheStamp() throws Exception {
    fixture = new ClusterFixture();
    policy = fixture.putPolicyAndAwaitServing(rest(), internalCluster(), createTempDir());
    JsonNode loaded = fixture.createAndLoad(rest(), 1, 0);
    assertFalse(loaded.toString(), loaded.path("errors").asBoolean());
    ensureGreen(INDEX);

    queryCacheIsNotSharedAcrossJurisdictions();
    rangesMatchExactlyTheVisibleRecords();
    pointShortcutsCountVisibleRecordsOnly();
    unusualRecordsAreStoredInJsonAndYaml();
    keyIsNotRenderedInAnyContextMode();
    if (!failures.isEmpty()) fail(String.join("\n", failures));
  }

  /** Post ids and channel ids ("kind:id") visible in {@code j} whose date lies in [from, to]. */
  private Set<String> expectedDated(String j, Instant from, Instant to) {
    Set<String> visible = fixture.expectedVisible(policy, j);
    Set<String> out = new TreeSet<>();
    for (Post p : fixture.posts) {
      if (visible.contains("post:" + p.id()) && !p.date().isBefore(from) && !p.date().isAfter(to)) out.add("post:" + p.id());
    }
    for (Channel c : fixture.channels) {
      if (visible.contains("channel:" + c.id()) && !c.created().isBefore(from) && !c.created().isAfter(to)) {
        out.add("channel:" + c.id());
      }
    }
    return out;
  }

  private String dateFilter(Instant from, Instant to) {
    return "{\"bool\":{\"filter\":[{\"range\":{\"date\":{\"gte\":\"" + from + "\",\"lte\":\"" + to + "\"}}}]}}";
  }

  /**
   * A range filter's matches are cached per segment core (IndicesQueryCache). Through VisiblePoints they are the
   * visible matches of the jurisdiction that ran it first; another jurisdiction must not get that set.
   */
  private void queryCacheIsNotSharedAcrossJurisdictions() throws Exception {
    Set<String> kz = fixture.expectedVisible(policy, "KZ");
    Set<String> de = fixture.expectedVisible(policy, "DE");
    Post hidden = fixture.posts.stream().filter(p -> de.contains("post:" + p.id()) && !kz.contains("post:" + p.id()))
        .findFirst().orElseThrow();
    Instant from = hidden.date().minusSeconds(1);
    Instant to = hidden.date().plusSeconds(1);
    String q = dateFilter(from, to);
    // Rounds, as the cache may decline an entry under contention: KZ's matches of the range (without the post)
    // would be cached by the first of KZ's searches and answer DE's.
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 3; i++) {
        Set<String> kzGot = searchIds(rest(), "KZ", q);
        check("KZ range, round " + round, kzGot.equals(expectedDated("KZ", from, to)), kzGot);
      }
      Set<String> got = searchIds(rest(), "DE", q);
      check("DE after KZ, round " + round + ", post " + hidden.id(), got.equals(expectedDated("DE", from, to)),
          "got " + got + " expected " + expectedDated("DE", from, to));
    }
  }

  /** Per jurisdiction, a range of dates returns exactly the visible records dated in it, whoever ran it before. */
  private void rangesMatchExactlyTheVisibleRecords() throws Exception {
    List<Instant> dates = new ArrayList<>();
    for (Post p : fixture.posts) dates.add(p.date());
    dates.sort(null);
    for (String j : List.of("GLOBAL", "EU", "DE", "KZ")) {
      for (int i = 0; i + 5 < dates.size(); i += 7) {
        Instant from = dates.get(i);
        Instant to = dates.get(i + 5);
        // The same ranges in every jurisdiction in turn, so that a cached answer of one would show in the next.
        Set<String> got = searchIds(rest(), j, dateFilter(from, to));
        check("range " + j + " " + from + ".." + to, got.equals(expectedDated(j, from, to)), got + " vs " + expectedDated(j, from, to));
      }
    }
  }

  /**
   * Per jurisdiction, what OpenSearch may answer from points rather than documents counts visible records only: a
   * date histogram with a sub-aggregation (its filter rewrite walks the points even on segments with deletions),
   * exact total hits of a range, and a search_after walk sorted on the date.
   */
  private void pointShortcutsCountVisibleRecordsOnly() throws Exception {
    Instant from = Instant.parse("2020-01-01T00:00:00Z");
    Instant to = Instant.parse("2100-01-01T00:00:00Z");
    // Not vacuous: KZ sees fewer of these records than GLOBAL.
    check("KZ hides some dated records", expectedDated("KZ", from, to).size() < expectedDated("GLOBAL", from, to).size(),
        expectedDated("KZ", from, to));
    for (String j : List.of("GLOBAL", "EU", "DE", "KZ")) {
      Set<String> expected = expectedDated(j, from, to);
      JsonNode hist = call(rest(), "POST", "/" + INDEX + "/_search", j, "{\"size\":0,\"track_total_hits\":true,\"query\":"
          + dateFilter(from, to) + ",\"aggs\":{\"m\":{\"date_histogram\":{\"field\":\"date\",\"calendar_interval\":\"month\","
          + "\"min_doc_count\":1},\"aggs\":{\"v\":{\"max\":{\"field\":\"views\"}}}}}}");
      int inBuckets = 0;
      for (JsonNode b : hist.path("aggregations").path("m").path("buckets")) inBuckets += b.path("doc_count").asInt();
      check("histogram with sub-aggregation " + j, inBuckets == expected.size(), inBuckets + " vs " + expected.size() + " " + hist);
      long total = hist.path("hits").path("total").path("value").asLong();
      check("total hits " + j, total == expected.size(), total + " vs " + expected.size());
      Set<String> walked = new TreeSet<>();
      String after = "";
      for (int page = 0; page < 200; page++) {
        JsonNode r = call(rest(), "POST", "/" + INDEX + "/_search", j, "{\"size\":3,\"_source\":false,\"track_total_hits\":false,"
            + "\"query\":" + dateFilter(from, to) + ",\"sort\":[{\"date\":\"desc\"},{\"_id\":\"asc\"}]" + after + "}");
        JsonNode hits = r.path("hits").path("hits");
        if (hits.isEmpty()) break;
        for (JsonNode h : hits) walked.add(h.path("_id").asText());
        after = ",\"search_after\":" + hits.get(hits.size() - 1).path("sort");
      }
      check("search_after walk " + j, walked.equals(expected), walked + " vs " + expected);
    }
  }

  private Response send(String method, String path, byte[] body, String contentType) throws Exception {
    Request r = new Request(method, path);
    r.setEntity(new ByteArrayEntity(body, ContentType.create(contentType)));
    try {
      return rest().performRequest(r);
    } catch (ResponseException e) {
      return e.getResponse();
    }
  }

  /** A record with unusual but valid values is stored, sent as JSON or as YAML. */
  private void unusualRecordsAreStoredInJsonAndYaml() throws Exception {
    String base = fixture.postLines().stream().filter(l -> l.contains("\"id\": \"v051\"")).findFirst().orElseThrow();
    ObjectNode json = (ObjectNode) ClusterFixture.JSON.readTree(base);
    json.put("id", "v-odd-json");
    json.put("text", "post flagged \uD83D\uDE00 e\u0301 \u00e9 \u0000 \"q\" \\ \u2028");
    json.put("views", 9007199254740993L);
    ((ObjectNode) json.get("flags")).put("yyy", 1.0E-7);
    ((ObjectNode) json.get("flags")).put("xxx", 0.30000000000000004);
    Response r = send("POST", "/" + INDEX + "/_doc?refresh=true", ClusterFixture.JSON.writeValueAsBytes(json), "application/json");
    check("json odd record", r.getStatusLine().getStatusCode() == 201, new String(r.getEntity().getContent().readAllBytes()));
    String yaml = "---\nid: \"v-odd-yaml\"\nchannel_id: \"vc-1\"\nchannel_username: \"city_news\"\ntext: \"post flagged\"\n"
        + "date: \"2026-06-01T00:00:00Z\"\nviews: 1\nlinks: []\nmedia_sha256: []\nflags:\n  zzz: 1.0E-7\n";
    r = send("POST", "/" + INDEX + "/_doc?refresh=true", yaml.getBytes(StandardCharsets.UTF_8), "application/yaml");
    check("yaml record with flag 1e21", r.getStatusLine().getStatusCode() == 201, new String(r.getEntity().getContent().readAllBytes()));
    String yaml2 = yaml.replace("v-odd-yaml", "v-odd-yaml2").replace("1.0E-7", "0.5");
    r = send("POST", "/" + INDEX + "/_doc?refresh=true", yaml2.getBytes(StandardCharsets.UTF_8), "application/yaml");
    check("yaml plain record", r.getStatusLine().getStatusCode() == 201, new String(r.getEntity().getContent().readAllBytes()));
  }

  /** The stamp key is in no rendering of the cluster state, whatever context mode the caller asks for. */
  private void keyIsNotRenderedInAnyContextMode() throws Exception {
    for (String mode : List.of("", "?context_mode=GATEWAY", "?context_mode=gateway", "?context_mode=SNAPSHOT")) {
      String state = call(rest(), "GET", "/_cluster/state/metadata" + mode, null, null).toString();
      check("cluster state " + mode, !state.contains(StampKeyMetadata.TYPE), state.length() > 300 ? state.substring(0, 300) : state);
    }
  }
}
