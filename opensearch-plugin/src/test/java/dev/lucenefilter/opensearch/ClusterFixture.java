package dev.lucenefilter.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.RecordView;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordReader;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.opensearch.client.Request;
import org.opensearch.client.RequestOptions;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;
import org.opensearch.plugins.PluginsService;
import org.opensearch.test.InternalTestCluster;
import org.opensearch.test.OpenSearchTestCase;
import org.junit.Assert;

/** The test vectors (policy, channels, posts) and REST helpers for the cluster tests. */
final class ClusterFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String INDEX = "records";
  static final String HEADER = "X-Jurisdiction";

  final Path vectors;
  final List<Channel> channels;
  final List<Post> posts;

  ClusterFixture() throws IOException {
    try {
      vectors = Path.of(ClusterFixture.class.getResource("/vectors/posts.jsonl").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    try {
      channels = RecordReader.readAllChannels(vectors.resolve("channels.jsonl"));
      posts = RecordReader.readAllPosts(vectors.resolve("posts.jsonl"));
    } catch (dev.lucenefilter.model.RecordFormatException e) {
      throw new IOException(e);
    }
  }

  /** The vectors' policy files. */
  Map<String, String> policyFiles() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.list(vectors.resolve("blocklists"))) {
      for (Path p : s.toList()) files.put(p.getFileName().toString(), Files.readString(p));
    }
    return files;
  }

  static PolicySnapshot compile(Map<String, String> files, Path tmp) throws Exception {
    return new PolicyFiles(new TreeMap<>(files)).load(tmp);
  }

  /**
   * Puts this fixture's policy through the REST API, checks the stored version is the one compiled here, and waits
   * until every node of {@code cluster} serves it. Returns the compiled policy, for the expected decisions.
   */
  PolicySnapshot putPolicyAndAwaitServing(RestClient client, InternalTestCluster cluster, Path tmp) throws Exception {
    Map<String, String> files = policyFiles();
    PolicySnapshot policy = compile(files, tmp);
    JsonNode put = call(client, "PUT", "/_lucene_filter/policy", null, policyBody(files));
    Assert.assertEquals(put.toString(), 200, put.path("_status").asInt());
    Assert.assertEquals(policy.version(), put.path("version").asText());
    awaitServing(cluster, policy.version());
    return policy;
  }

  /** Waits until every node of {@code cluster} serves {@code version}. */
  static void awaitServing(InternalTestCluster cluster, String version) throws Exception {
    OpenSearchTestCase.assertBusy(() -> {
      for (String v : servingVersions(cluster)) Assert.assertEquals(version, v);
    });
  }

  /** The version each of the cluster's three nodes serves ("none" before its first policy). */
  static List<String> servingVersions(InternalTestCluster cluster) {
    List<String> out = new ArrayList<>();
    for (PluginsService ps : cluster.getInstances(PluginsService.class)) {
      for (LuceneFilterPlugin p : ps.filterPlugins(LuceneFilterPlugin.class)) {
        ServingPolicy s = p.nodePolicy().serving();
        out.add(s == null ? "none" : s.version());
      }
    }
    Assert.assertEquals(3, out.size());
    return out;
  }

  /** What {@code check} says a jurisdiction sees: the ids ({@code kind:id}) of the admitted, visible records. */
  Set<String> expectedVisible(PolicySnapshot snapshot, String jurisdiction) {
    DecisionEngine engine = DecisionEngine.create(snapshot);
    Instant now = Instant.now();
    Map<String, Channel> byId = new LinkedHashMap<>();
    for (Channel c : channels) byId.put(c.id(), c);
    Set<String> out = new TreeSet<>();
    for (Channel c : channels) {
      if (engine.indexTime(RecordView.channel(c), now).rejected()) continue;
      if (engine.decide(c, jurisdiction, now).visible()) out.add("channel:" + c.id());
    }
    for (Post p : posts) {
      if (engine.indexTime(RecordView.post(p, null), now).rejected()) continue;
      if (engine.decide(p, byId.get(p.channelId()), jurisdiction, now).visible()) out.add("post:" + p.id());
    }
    return out;
  }

  /** Ids of records {@code check} rejects at index time. */
  Set<String> expectedRejected(PolicySnapshot snapshot) {
    DecisionEngine engine = DecisionEngine.create(snapshot);
    Instant now = Instant.now();
    Set<String> out = new TreeSet<>();
    for (Channel c : channels) if (engine.indexTime(RecordView.channel(c), now).rejected()) out.add("channel:" + c.id());
    for (Post p : posts) if (engine.indexTime(RecordView.post(p, null), now).rejected()) out.add("post:" + p.id());
    return out;
  }

  /** The vectors' channel records, one JSON object per element, as the files hold them. */
  List<String> postLines() throws IOException {
    return Files.readAllLines(vectors.resolve("posts.jsonl")).stream().filter(l -> !l.isBlank()).toList();
  }

  List<String> channelLines() throws IOException {
    return Files.readAllLines(vectors.resolve("channels.jsonl")).stream().filter(l -> !l.isBlank()).toList();
  }

  /** The plugin's mapping for filtered indices, as the README tells operators to use it. */
  private static String mapping() throws IOException {
    try (InputStream in = ClusterFixture.class.getResourceAsStream("/lucene-filter-mapping.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Creates the pipeline and the filtered index, then indexes every record through the processor. */
  JsonNode createAndLoad(RestClient client, int shards, int replicas) throws IOException {
    call(client, "PUT", "/_ingest/pipeline/lucene-filter", null, "{\"processors\":[{\"lucene_filter\":{}}]}");
    String mapping = mapping();
    JsonNode created = call(client, "PUT", "/" + INDEX, null, "{\"settings\":{\"index.number_of_shards\":" + shards
        + ",\"index.number_of_replicas\":" + replicas + ",\"index.lucene_filter.enabled\":true},\"mappings\":" + mapping + "}");
    // Without the filtered index, the bulk below would create a plain one and store every record unjudged.
    if (created.path("_status").asInt() != 200) throw new IllegalStateException("creating " + INDEX + ": " + created);
    StringBuilder bulk = new StringBuilder();
    for (String line : channelLines()) bulk.append("{\"index\":{}}\n").append(line).append('\n');
    for (String line : postLines()) bulk.append("{\"index\":{}}\n").append(line).append('\n');
    return call(client, "POST", "/" + INDEX + "/_bulk?refresh=true", null, bulk.toString());
  }

  /**
   * Creates {@code index}, a plain (unfiltered) index with the plugin's mapping and one shard, and indexes into it
   * through the pipeline the records whose ids ({@code kind:id}) {@code ids} holds: what a jurisdiction would see
   * if the index held nothing else.
   */
  void createPlainAndLoad(RestClient client, String index, Set<String> ids) throws IOException {
    String mapping = mapping();
    JsonNode created = call(client, "PUT", "/" + index, null, "{\"settings\":{\"index.number_of_shards\":1,"
        + "\"index.number_of_replicas\":0},\"mappings\":" + mapping + "}");
    if (created.path("_status").asInt() != 200) throw new IllegalStateException("creating " + index + ": " + created);
    StringBuilder bulk = new StringBuilder();
    for (String line : channelLines()) {
      if (ids.contains("channel:" + JSON.readTree(line).path("id").asText())) bulk.append("{\"index\":{}}\n").append(line).append('\n');
    }
    for (String line : postLines()) {
      if (ids.contains("post:" + JSON.readTree(line).path("id").asText())) bulk.append("{\"index\":{}}\n").append(line).append('\n');
    }
    JsonNode loaded = call(client, "POST", "/" + index + "/_bulk?refresh=true&pipeline=lucene-filter", null, bulk.toString());
    if (loaded.path("errors").asBoolean(true)) throw new IllegalStateException("loading " + index + ": " + loaded);
  }

  /** Performs a request; the body of an error response is returned too (as JSON with its status). */
  static JsonNode call(RestClient client, String method, String path, String jurisdiction, String body) throws IOException {
    return exchange(client, method, path, jurisdiction, body).json();
  }

  record Reply(int status, JsonNode json, List<String> versions) {}

  static Reply exchange(RestClient client, String method, String path, String jurisdiction, String body) throws IOException {
    Request r = new Request(method, path);
    if (body != null) r.setJsonEntity(body);
    if (jurisdiction != null) {
      RequestOptions.Builder o = RequestOptions.DEFAULT.toBuilder();
      o.addHeader(HEADER, jurisdiction);
      r.setOptions(o);
    }
    Response resp;
    try {
      resp = client.performRequest(r);
    } catch (ResponseException e) {
      resp = e.getResponse();
    }
    String text = new String(resp.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
    List<String> versions = new java.util.ArrayList<>();
    for (var h : resp.getHeaders()) {
      if (h.getName().equalsIgnoreCase(JurisdictionReaderWrapper.VERSION_HEADER)) versions.add(h.getValue());
    }
    JsonNode json = JSON.readTree(text);
    if (json.isObject()) ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("_status", resp.getStatusLine().getStatusCode());
    return new Reply(resp.getStatusLine().getStatusCode(), json, versions);
  }

  /** The ids a jurisdiction's match-all search returns. */
  static Set<String> searchIds(RestClient client, String jurisdiction, String query) throws IOException {
    JsonNode r = call(client, "POST", "/" + INDEX + "/_search", jurisdiction,
        "{\"size\":1000,\"_source\":false,\"query\":" + query + "}");
    if (r.path("_status").asInt() != 200) throw new AssertionError("search failed: " + r);
    Set<String> out = new TreeSet<>();
    for (JsonNode h : r.path("hits").path("hits")) out.add(h.path("_id").asText());
    return out;
  }

  static String policyBody(Map<String, String> files) throws IOException {
    return JSON.writeValueAsString(Map.of("files", files));
  }
}
