package dev.lucenefilter.opensearch;

import static dev.lucenefilter.opensearch.ClusterFixture.INDEX;
import static dev.lucenefilter.opensearch.ClusterFixture.call;
import static dev.lucenefilter.opensearch.ClusterFixture.exchange;
import static dev.lucenefilter.opensearch.ClusterFixture.searchIds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.RejectedChannels;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.opensearch.client.RestClient;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.index.IndexService;
import org.opensearch.index.shard.IndexShard;
import org.opensearch.index.shard.IndexShardState;
import org.opensearch.indices.IndicesService;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.common.network.NetworkModule;
import org.opensearch.common.settings.Settings;
import org.opensearch.plugins.Plugin;
import org.opensearch.test.OpenSearchIntegTestCase;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * The plugin on a real in-JVM cluster of three nodes (3 shards, 1 replica), driven over HTTP as a gateway would:
 * results per jurisdiction equal the library's reference decision ({@code check}) on the same records, by-id reads
 * and aggregations are filtered, a missing or forged header gets nothing, policy updates reach every node, a
 * broken policy is refused everywhere, a restarted node comes back on the current policy, no shard of a filtered
 * index is skipped by can-match, and range rewrites, histograms and shard skipping read point bounds of visible
 * records only.
 */
@OpenSearchIntegTestCase.ClusterScope(scope = OpenSearchIntegTestCase.Scope.SUITE, numDataNodes = 3, numClientNodes = 0,
    supportsDedicatedMasters = false)
public class JurisdictionFilteringIT extends OpenSearchIntegTestCase {
  private static final List<String> JURISDICTIONS = List.of("GLOBAL", "EU", "DE", "KZ");

  @Override
  protected Collection<Class<? extends Plugin>> nodePlugins() {
    return List.of(LuceneFilterPlugin.class, Netty4ModulePlugin.class, ReroutePlugin.class);
  }

  /**
   * The framework adds its mock engine to a random share of runs; a filtered index's engine is the plugin's
   * (StampCheckingEngine), and OpenSearch refuses an index that two plugins give an engine.
   */
  @Override
  protected boolean addMockInternalEngine() { return false; }

  /**
   * What an operator's {@code set} processor on {@code _index} does (the in-JVM cluster has no ingest-common
   * module): {@code {"reroute": {"index": "<records>"}}} sends the document to another index.
   */
  public static final class ReroutePlugin extends Plugin implements org.opensearch.plugins.IngestPlugin {
    @Override
    public Map<String, org.opensearch.ingest.Processor.Factory> getProcessors(org.opensearch.ingest.Processor.Parameters parameters) {
      return Map.of("reroute", (factories, tag, description, config) -> {
        String index = (String) config.remove("index");
        return new org.opensearch.ingest.AbstractProcessor(tag, description) {
          @Override
          public org.opensearch.ingest.IngestDocument execute(org.opensearch.ingest.IngestDocument doc) {
            doc.setFieldValue(org.opensearch.ingest.IngestDocument.Metadata.INDEX.getFieldName(), index);
            return doc;
          }

          @Override
          public String getType() { return "reroute"; }
        };
      });
    }
  }

  @Override
  protected boolean addMockHttpTransport() { return false; }

  @Override
  protected Settings nodeSettings(int ordinal) {
    return Settings.builder().put(super.nodeSettings(ordinal))
        .put(NetworkModule.TRANSPORT_TYPE_KEY, Netty4ModulePlugin.NETTY_TRANSPORT_NAME)
        .put(NetworkModule.HTTP_TYPE_KEY, Netty4ModulePlugin.NETTY_HTTP_TRANSPORT_NAME)
        .put(PluginSettings.POLICY_PATH.getKey(), reloadDir().toString())
        // OpenSearch's default (the test framework draws it at random): with it the fetch phase asks the reader
        // for a sequential stored-fields reader when it loads ten or more consecutive hits.
        .put("search.low_level_cancellation", true)
        .build();
  }

  /** The directory {@code _reload} reads on every node (absolute, so it resolves the same from each config dir). */
  private static Path reloadDir;

  private static synchronized Path reloadDir() {
    if (reloadDir == null) {
      try {
        reloadDir = Files.createTempDirectory("lucene-filter-reload");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return reloadDir;
  }

  @org.junit.AfterClass
  public static void removeReloadDir() throws Exception {
    if (reloadDir != null) org.apache.lucene.util.IOUtils.rm(reloadDir);
    reloadDir = null;
  }

  private ClusterFixture fixture;
  private PolicySnapshot policy;

  private RestClient rest() { return getRestClient(); }

  private Path tmp() throws Exception { return createTempDir(); }

  /** Puts the vectors' policy, waits until every node serves it, and loads the records. */
  private JsonNode setUpCorpus() throws Exception {
    fixture = new ClusterFixture();
    policy = fixture.putPolicyAndAwaitServing(rest(), internalCluster(), tmp());
    JsonNode bulk = fixture.createAndLoad(rest(), 3, 1);
    ensureGreen(INDEX);
    return bulk;
  }

  private void awaitServing(String version) throws Exception {
    ClusterFixture.awaitServing(internalCluster(), version);
  }

  private List<String> servingVersions() {
    return ClusterFixture.servingVersions(internalCluster());
  }

  /** One corpus, every read path: setting up a replicated index is the slow part of these tests. */
  public void testEveryReadPathIsFiltered() throws Exception {
    JsonNode bulk = setUpCorpus();
    consecutiveHitsAreFetched();
    resultsPerJurisdictionEqualCheck(bulk);
    getAndAggregationsAreFiltered();
    missingOrForgedHeaderGetsNothing();
    filteredShardsAreNeverSkipped();
    rejectionLogHasTheLibrarysEntriesWithoutContent();
    highlightShowsOnlyVisibleRecordsAndOnlyCompletionSuggestersRun();
    statisticsAreRefusedWithTheHeader();
    termListingsAndThePolicyApiAreRefusedWithTheHeader();
    scoresCountOnlyVisibleRecords();
    rejectedChannelIsStoredAsATombstoneThatHidesItsPosts();
    writesPastTheProcessorAreRefusedToEveryone();
    unrefreshedRecordsScrollsAndPointsInTimeKeepTheirJurisdiction();
    pointBoundsShowOnlyVisibleRecords();
    aggregationShortcutsCountOnlyVisibleRecords();
    queriesWhoseTermExpansionDependsOnHiddenRecordsAreRefused();
    writesThatWouldCreateOrSpreadAFilteredIndexUncheckedAreRefused();
    copiesTasksAndDocumentNumbersKeepHiddenRecordsHidden();
    writesThatSkipTheProcessorAreRefusedAtTheShard();
  }

  /**
   * A document reaches a filtered index's shard only with the processor's stamp: an operator's pipeline that
   * reroutes to a date-math name of the filtered index (OpenSearch then looks up the final pipeline by that name,
   * finds none and runs no processor) and a document carrying a forged stamp are refused, item by item, and store
   * nothing; the stamp itself is neither in a stored record's {@code _source} nor in {@code _cluster/state}.
   */
  private void writesThatSkipTheProcessorAreRefusedAtTheShard() throws Exception {
    Map<String, Set<String>> visible = new TreeMap<>();
    for (String j : JURISDICTIONS) visible.put(j, searchIds(rest(), j, "{\"match_all\":{}}"));
    long stored = storedDocs();
    Post hidden = postHiddenInKzVisibleInDe();
    String routing = "?routing=" + hidden.channelId() + "&refresh=true";
    JsonNode pipeline = call(rest(), "PUT", "/_ingest/pipeline/reroute", null,
        "{\"processors\":[{\"reroute\":{\"index\":\"<" + INDEX + ">\"}}]}");
    assertEquals(pipeline.toString(), 200, pipeline.path("_status").asInt());
    JsonNode staging = call(rest(), "PUT", "/staging", null,
        "{\"settings\":{\"index.number_of_replicas\":0,\"index.default_pipeline\":\"reroute\"}}");
    assertEquals(staging.toString(), 200, staging.path("_status").asInt());

    // Fields of the mapping, so nothing but the missing stamp stops it: stored as is, KZ would see its hidden text.
    Map<String, Object> rawFields = new TreeMap<>(Map.of(FilterFields.KIND, FilterFields.KIND_POST, FilterFields.ID, "v-reroute",
        FilterFields.CHANNEL_ID, hidden.channelId(), FilterFields.TEXT, hidden.text(), "date", hidden.date().toString()));
    String raw = ClusterFixture.JSON.writeValueAsString(rawFields);
    String skipped = "lucene-filter: index [" + INDEX + "] refuses document [raw-1]: it has no [" + RecordStamp.FIELD
        + "], so it did not come out of the [lucene_filter] processor";
    assertRefused("PUT", "/staging/_doc/raw-1" + routing, raw, skipped);

    // In a bulk only the rerouted item fails; a record sent to the filtered index itself is stored as ever.
    String admitted = postLine(hidden.id()).replace("\"id\": \"" + hidden.id() + "\"", "\"id\": \"v-direct\"");
    JsonNode bulk = call(rest(), "POST", "/_bulk?refresh=true", null,
        "{\"index\":{\"_index\":\"staging\",\"_id\":\"raw-1\",\"routing\":\"" + hidden.channelId() + "\"}}\n" + raw + "\n"
            + "{\"index\":{\"_index\":\"" + INDEX + "\"}}\n" + admitted + "\n");
    JsonNode rerouted = bulk.path("items").path(0).path("index");
    assertEquals(rerouted.toString(), 400, rerouted.path("status").asInt());
    assertTrue(rerouted.toString(), rerouted.path("error").path("reason").asText().startsWith(skipped));
    assertEquals(bulk.toString(), "created", bulk.path("items").path(1).path("index").path("result").asText());
    assertFalse(storedSource(FilterFields.KIND_POST, "v-direct").containsKey(RecordStamp.FIELD));
    call(rest(), "DELETE", "/" + INDEX + "/_doc/post:v-direct" + routing, null, null);

    // The processor's own layout with a stamp it did not compute, rerouted past it, and sent to it directly.
    Map<String, Object> forged = storedSource(FilterFields.KIND_POST, hidden.id());
    forged.put(FilterFields.ID, "v-forged");
    forged.put(RecordStamp.FIELD, "v1:" + "A".repeat(43));
    String forgedJson = ClusterFixture.JSON.writeValueAsString(forged);
    assertRefused("PUT", "/staging/_doc/post:v-forged" + routing, forgedJson, "lucene-filter: index [" + INDEX
        + "] refuses document [post:v-forged]: its [" + RecordStamp.FIELD + "] does not match its id, routing and content");
    JsonNode direct = call(rest(), "POST", "/" + INDEX + "/_bulk?refresh=true", null, "{\"index\":{}}\n"
        + "{\"" + RecordStamp.FIELD + "\":\"v1:x\"," + postLine(hidden.id()).substring(1) + "\n");
    assertTrue(direct.toString(), direct.path("items").path(0).path("index").path("error").path("reason").asText()
        .contains("has field [" + RecordStamp.FIELD + "], which only the [lucene_filter] processor writes"));

    for (String j : JURISDICTIONS) assertEquals(j, visible.get(j), searchIds(rest(), j, "{\"match_all\":{}}"));
    assertEquals(stored, storedDocs());
    String state = call(rest(), "GET", "/_cluster/state/metadata", null, null).toString();
    assertFalse(state, state.contains(StampKeyMetadata.TYPE));
    call(rest(), "DELETE", "/staging", null, null);
    call(rest(), "DELETE", "/_ingest/pipeline/reroute", null, null);
  }

  /** How many live documents the filtered index's primaries hold, read unfiltered. */
  private long storedDocs() throws Exception {
    long n = 0;
    for (int docs : readPrimaries(reader -> reader.numDocs())) n += docs;
    return n;
  }

  /**
   * A write named by date math runs the processor; a copy of a filtered index (clone) is filtered as its source and
   * cannot be made otherwise; end users see no other request's content (tasks), cannot end or list other users'
   * scrolls and points in time, and cannot read document numbers or sequence numbers, whose gaps count hidden
   * records.
   */
  private void copiesTasksAndDocumentNumbersKeepHiddenRecordsHidden() throws Exception {
    Post hidden = postHiddenInKzVisibleInDe();
    String evil = postLine(hidden.id()).replace("\"id\": \"" + hidden.id() + "\"", "\"id\": \"v-evil\"");
    JsonNode put = call(rest(), "PUT", "/%3C" + INDEX + "%3E/_doc/anything?refresh=true", null, evil);
    assertEquals(put.toString(), "post:v-evil", put.path("_id").asText());
    JsonNode bulk = call(rest(), "POST", "/_bulk?refresh=true", null, "{\"index\":{\"_index\":\"<" + INDEX + ">\"}}\n"
        + evil.replace("v-evil", "v-evil-2") + "\n");
    assertEquals(bulk.toString(), "post:v-evil-2", bulk.path("items").path(0).path("index").path("_id").asText());
    for (String id : List.of("v-evil", "v-evil-2")) {
      assertFalse(searchIds(rest(), "KZ", "{\"match_all\":{}}").contains("post:" + id));
      assertTrue(searchIds(rest(), "DE", "{\"match_all\":{}}").contains("post:" + id));
      assertTrue(storedSource(FilterFields.KIND_POST, id).containsKey(FilterFields.NWORDS));
      call(rest(), "DELETE", "/" + INDEX + "/_doc/post:" + id + "?routing=" + hidden.channelId() + "&refresh=true", null, null);
    }

    assertEquals(200, call(rest(), "PUT", "/" + INDEX + "/_settings", null, "{\"index.blocks.write\":true}").path("_status").asInt());
    assertRefused("POST", "/" + INDEX + "/_clone/records-open", "{\"settings\":{\"index.lucene_filter.enabled\":false}}",
        "[index.lucene_filter.enabled] of [records-open] must be that of its source [records]");
    JsonNode clone = call(rest(), "POST", "/" + INDEX + "/_clone/records-copy?wait_for_active_shards=1", null,
        "{\"settings\":{\"index.number_of_replicas\":0}}");
    assertEquals(clone.toString(), 200, clone.path("_status").asInt());
    ensureGreen("records-copy");
    JsonNode copied = call(rest(), "POST", "/records-copy/_search", "KZ", "{\"size\":1000,\"_source\":false}");
    Set<String> seen = new TreeSet<>();
    for (JsonNode h : copied.path("hits").path("hits")) seen.add(h.path("_id").asText());
    assertEquals(copied.toString(), fixture.expectedVisible(policy, "KZ"), seen);
    call(rest(), "DELETE", "/records-copy", null, null);
    assertEquals(200, call(rest(), "PUT", "/" + INDEX + "/_settings", null, "{\"index.blocks.write\":null}").path("_status").asInt());
    assertRefused("POST", "/_snapshot/none/s/_restore", "{\"indices\":\"records\",\"ignore_index_settings\":[\"index.*\"]}",
        "a restore may not ignore [index.lucene_filter.enabled]");

    for (String[] r : List.of(new String[] {"GET", "/_tasks?detailed=true"}, new String[] {"GET", "/_cat/tasks?format=json"},
        new String[] {"GET", "/_search/point_in_time/_all"}, new String[] {"DELETE", "/_search/point_in_time/_all"},
        new String[] {"DELETE", "/_search/scroll/_all"}, new String[] {"GET", "/_cluster/allocation/explain"})) {
      ClusterFixture.Reply reply = exchange(rest(), r[0], r[1], "KZ", null);
      assertEquals(r[1] + ": " + reply.json(), 403, reply.status());
    }
    for (String body : List.of("{\"sort\":[\"_doc\"]}", "{\"sort\":[{\"_seq_no\":\"desc\"}]}", "{\"seq_no_primary_term\":true}",
        "{\"size\":0,\"aggs\":{\"m\":{\"max\":{\"field\":\"_seq_no\"}}}}",
        "{\"search_pipeline\":{\"request_processors\":[]}}",
        // the write counters as field patterns and inside query strings
        "{\"docvalue_fields\":[\"_seq*\"]}", "{\"docvalue_fields\":[\"*seq_n*\"]}",
        "{\"query\":{\"query_string\":{\"query\":\"_seq_no:[0 TO 3]\"}}}",
        "{\"query\":{\"simple_query_string\":{\"query\":\"x\",\"fields\":[\"_primary*\"]}}}",
        // another jurisdiction's decisions
        "{\"query\":{\"bool\":{\"must_not\":{\"jurisdiction_filter\":{\"jurisdiction\":\"DE\"}}}}}")) {
      ClusterFixture.Reply reply = exchange(rest(), "POST", "/" + INDEX + "/_search", "KZ", body);
      assertEquals(body + ": " + reply.json(), 400, reply.status());
    }
    // Second round: what reads document numbers, the shard's document count or statistics past these checks.
    Map<String, String> refusedWith = new LinkedHashMap<>();
    refusedWith.put("{\"query\":{\"common\":{\"text\":{\"query\":\"post free\",\"cutoff_frequency\":0.01}}}}", "[common]");
    refusedWith.put("{\"query\":{\"match\":{\"text\":{\"query\":\"post free\",\"cutoff_frequency\":0.01}}}}",
        "[cutoff_frequency]");
    refusedWith.put("{\"query\":{\"function_score\":{\"random_score\":{}}}}", "[random_score] without a field");
    refusedWith.put("{\"script_fields\":{\"s\":{\"script\":{\"source\":\"doc['_se' + 'q_no'].value\"}}}}", "[script]");
    refusedWith.put("{\"size\":0,\"aggs\":{\"m\":{\"scripted_metric\":{\"map_script\":\"1\",\"combine_script\":\"1\","
        + "\"reduce_script\":\"1\"}}}}", "[scripted_metric]");
    refusedWith.put("{\"size\":0,\"aggs\":{\"t\":{\"top_hits\":{\"explain\":true}}}}", "explain prints");
    for (Map.Entry<String, String> e : refusedWith.entrySet()) {
      ClusterFixture.Reply reply = exchange(rest(), "POST", "/" + INDEX + "/_search", "KZ", e.getKey());
      assertEquals(e.getKey() + ": " + reply.json(), 400, reply.status());
      assertTrue(e.getKey() + ": " + reply.json(), reply.json().toString().contains(e.getValue()));
    }
    // top_hits writes seq_no_primary_term: false back: allowed, as is random_score over a record field
    for (String body : List.of("{\"size\":0,\"aggs\":{\"t\":{\"top_hits\":{\"size\":1}}}}",
        "{\"query\":{\"function_score\":{\"random_score\":{\"seed\":7,\"field\":\"id.raw\"}}}}")) {
      ClusterFixture.Reply reply = exchange(rest(), "POST", "/" + INDEX + "/_search", "KZ", body);
      assertEquals(body + ": " + reply.json(), 200, reply.status());
    }
    assertEquals(fixture.expectedVisible(policy, "KZ"), searchIds(rest(), "KZ", "{\"match_all\":{}}"));
  }

  /**
   * A search of one shard fetches in its query phase, and ten or more consecutive hits take the sequential
   * stored-fields reader, which OpenSearch asks of the reader wrapper's segments (run first: on the freshly loaded
   * corpus few records are hidden, so hits are consecutive).
   */
  private void consecutiveHitsAreFetched() throws Exception {
    for (String j : List.of("GLOBAL", "DE")) {
      for (int shard = 0; shard < 3; shard++) {
        for (int size : List.of(10, 20)) {
          ClusterFixture.Reply r = exchange(rest(), "POST", "/" + INDEX + "/_search?preference=_shards:" + shard, j,
              "{\"size\":" + size + ",\"_source\":false}");
          assertEquals(r.json().toString(), 200, r.status());
          for (JsonNode h : r.json().path("hits").path("hits")) {
            assertTrue(j + " " + h, fixture.expectedVisible(policy, j).contains(h.path("_id").asText()));
          }
        }
      }
    }
  }

  /** A post KZ may not see and DE may. */
  private Post postHiddenInKzVisibleInDe() {
    Set<String> kz = fixture.expectedVisible(policy, "KZ");
    Set<String> de = fixture.expectedVisible(policy, "DE");
    return fixture.posts.stream().filter(p -> de.contains("post:" + p.id()) && !kz.contains("post:" + p.id())).findFirst().orElseThrow();
  }

  /**
   * Aggregations that OpenSearch may answer from a segment's points instead of its documents (min and max from the
   * BKD tree's bounds, a date histogram's bucket counts from its range counts) still count only visible records:
   * a post KZ may not see, dated years after every other record, sets DE's maximum and last bucket, never KZ's.
   */
  private void aggregationShortcutsCountOnlyVisibleRecords() throws Exception {
    Post hidden = postHiddenInKzVisibleInDe();
    String line = postLine(hidden.id()).replace("\"id\": \"" + hidden.id() + "\"", "\"id\": \"v-late\"")
        .replace(hidden.date().toString(), "2031-06-01T00:00:00Z");
    assertTrue(line, line.contains("v-late") && line.contains("2031-06-01"));
    indexRecord(line, "post:v-late", "created");
    String aggs = "{\"size\":0,\"aggs\":{\"max\":{\"max\":{\"field\":\"date\"}},\"min\":{\"min\":{\"field\":\"date\"}},"
        + "\"years\":{\"date_histogram\":{\"field\":\"date\",\"calendar_interval\":\"year\",\"min_doc_count\":1}}}}";
    for (String j : List.of("KZ", "DE")) {
      JsonNode r = call(rest(), "POST", "/" + INDEX + "/_search", j, aggs).path("aggregations");
      boolean sees = j.equals("DE");
      assertEquals(r.toString(), sees, r.path("max").path("value_as_string").asText().startsWith("2031"));
      int inLastYear = 0, total = 0;
      for (JsonNode b : r.path("years").path("buckets")) {
        total += b.path("doc_count").asInt();
        if (b.path("key_as_string").asText().startsWith("2031")) inLastYear += b.path("doc_count").asInt();
      }
      assertEquals(r.toString(), sees ? 1 : 0, inLastYear);
      int expected = fixture.expectedVisible(policy, j).size() + (sees ? 1 : 0);
      assertEquals(r.toString(), expected, total);
    }
    JsonNode deleted = call(rest(), "DELETE", "/" + INDEX + "/_doc/post:v-late?routing=" + hidden.channelId() + "&refresh=true",
        null, null);
    assertEquals(deleted.toString(), "deleted", deleted.path("result").asText());
  }

  /**
   * What OpenSearch reads from a segment's point bounds in a search (the rewrite of a range that covers them, a date
   * histogram's empty buckets, the interval auto_date_histogram picks) is as if hidden records
   * had never been indexed: KZ gets the same answers before and after two posts it may not see, dated 2033, are
   * indexed on two shards, while DE, which sees them, gets other ones (so they do move what a leak would show). Run
   * before {@link #aggregationShortcutsCountOnlyVisibleRecords}, whose deleted 2031 post stays in its segment's
   * points.
   */
  private void pointBoundsShowOnlyVisibleRecords() throws Exception {
    Map<String, String> before = pointBoundObservations("KZ");
    Map<String, String> deBefore = pointBoundObservations("DE");
    // Two shards, so that can-match's skipped count would show them (it runs one shard of those it would skip).
    Map<Integer, Post> byShard = new TreeMap<>();
    Set<String> kz = fixture.expectedVisible(policy, "KZ");
    Set<String> de = fixture.expectedVisible(policy, "DE");
    for (Post p : fixture.posts) {
      if (!de.contains("post:" + p.id()) || kz.contains("post:" + p.id())) continue;
      JsonNode shards = call(rest(), "GET", "/" + INDEX + "/_search_shards?routing=" + p.channelId(), null, null);
      byShard.putIfAbsent(shards.path("shards").path(0).path(0).path("shard").asInt(), p);
    }
    assertTrue(byShard.toString(), byShard.size() >= 2);
    List<Post> late = new ArrayList<>(byShard.values()).subList(0, 2);
    for (Post hidden : late) {
      String id = "v-2033-" + hidden.id();
      String line = postLine(hidden.id()).replace("\"id\": \"" + hidden.id() + "\"", "\"id\": \"" + id + "\"")
          .replace(hidden.date().toString(), "2033-06-01T00:00:00Z");
      assertTrue(line, line.contains(id) && line.contains("2033-06-01"));
      indexRecord(line, "post:" + id, "created");
    }
    Map<String, String> deAfter = pointBoundObservations("DE");
    Map<String, String> after = pointBoundObservations("KZ");
    String seen = "KZ before " + before + "\nKZ after " + after + "\nDE before " + deBefore + "\nDE after " + deAfter;
    for (String k : before.keySet()) {
      if (!k.equals(SKIPPED)) assertNotEquals(k + "\n" + seen, deBefore.get(k), deAfter.get(k));
    }
    assertEquals(seen, before, after);
    for (Post hidden : late) {
      JsonNode deleted = call(rest(), "DELETE", "/" + INDEX + "/_doc/post:v-2033-" + hidden.id() + "?routing="
          + hidden.channelId() + "&refresh=true", null, null);
      assertEquals(deleted.toString(), "deleted", deleted.path("result").asText());
    }
  }

  /** The key of {@link #pointBoundObservations} for can-match's count of skipped shards. */
  private static final String SKIPPED = "_shards.skipped";

  /** What a jurisdiction can read of the point bounds of {@code date}, per kind of read. */
  private Map<String, String> pointBoundObservations(String jurisdiction) throws Exception {
    Map<String, String> out = new TreeMap<>();
    // Can-match reads a shard without the reader wrapper: on the shards of the late posts it saw their 2033 dates, so
    // KZ's skipped count fell from 2 to 1 (a write KZ may see, dated elsewhere, leaves it at 2). Filtered shards now
    // always answer "may match" (CanMatchGuard), so nothing is skipped, before or after.
    JsonNode skipping = call(rest(), "POST", "/" + INDEX + "/_search?pre_filter_shard_size=1", jurisdiction,
        "{\"size\":0,\"query\":{\"range\":{\"date\":{\"gte\":\"2033-01-01T00:00:00Z\",\"lt\":\"2034-01-01T00:00:00Z\"}}}}");
    assertEquals(skipping.toString(), 3, skipping.path("_shards").path("successful").asInt());
    out.put(SKIPPED, skipping.path("_shards").path("skipped").asText());
    // Since 2020: the records' own dates start in 1970, which would set the histograms' span and interval alone.
    String recent = "\"query\":{\"range\":{\"date\":{\"gte\":\"2020-01-01T00:00:00Z\"}}}";
    JsonNode histogram = call(rest(), "POST", "/" + INDEX + "/_search", jurisdiction,
        "{\"size\":0," + recent + ",\"aggs\":{\"years\":{\"date_histogram\":{\"field\":\"date\",\"calendar_interval\":\"year\"},"
            + "\"aggs\":{\"views\":{\"max\":{\"field\":\"views\"}}}}}}").path("aggregations");
    List<String> years = new ArrayList<>();
    for (JsonNode b : histogram.path("years").path("buckets")) years.add(b.path("key_as_string").asText());
    out.put("date_histogram buckets", years.toString());
    JsonNode auto = call(rest(), "POST", "/" + INDEX + "/_search", jurisdiction,
        "{\"size\":0," + recent + ",\"aggs\":{\"auto\":{\"auto_date_histogram\":{\"field\":\"date\",\"buckets\":4}}}}")
        .path("aggregations").path("auto");
    out.put("auto_date_histogram interval", auto.path("interval").asText());
    return out;
  }

  /** The vectors' line of a post. */
  private String postLine(String id) throws Exception {
    for (String line : fixture.postLines()) {
      if (ClusterFixture.JSON.readTree(line).path("id").asText().equals(id)) return line;
    }
    throw new AssertionError("no post " + id);
  }

  /**
   * A get never reads a record the jurisdiction may not see, even before a refresh (OpenSearch serves a realtime
   * get from a refreshed searcher, which the wrapper wraps); a scroll or point in time opened under one jurisdiction cannot be read
   * under another.
   */
  private void unrefreshedRecordsScrollsAndPointsInTimeKeepTheirJurisdiction() throws Exception {
    Set<String> kz = fixture.expectedVisible(policy, "KZ");
    Post hidden = postHiddenInKzVisibleInDe();
    String hiddenInKz = "post:" + hidden.id(), postId = hidden.id(), channel = hidden.channelId();
    JsonNode written = call(rest(), "POST", "/" + INDEX + "/_bulk", null, "{\"index\":{}}\n" + postLine(postId) + "\n");
    assertEquals(written.toString(), "updated", written.path("items").path(0).path("index").path("result").asText());
    for (String realtime : List.of("", "&realtime=true")) {
      JsonNode get = call(rest(), "GET", "/" + INDEX + "/_doc/" + hiddenInKz + "?routing=" + channel + realtime, "KZ", null);
      assertFalse(get.toString(), get.path("found").asBoolean(true));
      assertFalse(get.toString(), get.has("_source"));
    }
    // A version to compare is no way in either: a realtime get would answer 409 from the version map.
    ClusterFixture.Reply versioned = exchange(rest(), "GET", "/" + INDEX + "/_doc/" + hiddenInKz + "?routing=" + channel
        + "&realtime=true&version=99", "KZ", null);
    assertEquals(versioned.json().toString(), 404, versioned.status());
    JsonNode versionedDocs = call(rest(), "POST", "/" + INDEX + "/_mget?realtime=true", "KZ",
        "{\"docs\":[{\"_id\":\"" + hiddenInKz + "\",\"routing\":\"" + channel + "\",\"version\":99}]}");
    assertFalse(versionedDocs.toString(), versionedDocs.path("docs").get(0).has("error"));
    assertFalse(versionedDocs.toString(), versionedDocs.path("docs").get(0).path("found").asBoolean(true));
    String mget = "{\"docs\":[{\"_id\":\"" + hiddenInKz + "\",\"routing\":\"" + channel + "\"}]}";
    JsonNode docs = call(rest(), "POST", "/" + INDEX + "/_mget?realtime=true", "KZ", mget);
    assertFalse(docs.toString(), docs.path("docs").get(0).path("found").asBoolean(true));
    call(rest(), "POST", "/" + INDEX + "/_refresh", null, null);

    JsonNode scroll = call(rest(), "POST", "/" + INDEX + "/_search?scroll=1m", "DE",
        "{\"size\":1,\"_source\":false,\"query\":{\"match_all\":{}}}");
    String scrollId = scroll.path("_scroll_id").asText();
    JsonNode same = call(rest(), "POST", "/_search/scroll", "DE", "{\"scroll\":\"1m\",\"scroll_id\":\"" + scrollId + "\"}");
    assertEquals(same.toString(), 1, same.path("hits").path("hits").size());
    // Answered as a scroll that does not exist (OpenSearch then frees it: the owner's next page fails too).
    ClusterFixture.Reply other = exchange(rest(), "POST", "/_search/scroll", "KZ",
        "{\"scroll\":\"1m\",\"scroll_id\":\"" + scrollId + "\"}");
    assertEquals(other.json().toString(), 404, other.status());
    assertTrue(other.json().toString(), other.json().toString().contains("search_context_missing_exception"));
    call(rest(), "DELETE", "/_search/scroll/_all", null, null);

    JsonNode pit = call(rest(), "POST", "/" + INDEX + "/_search/point_in_time?keep_alive=1m", "DE", null);
    ClusterFixture.Reply pitOther = exchange(rest(), "POST", "/_search", "KZ", "{\"size\":1000,\"_source\":false,\"pit\":{\"id\":\""
        + pit.path("pit_id").asText() + "\"}}");
    assertEquals(pitOther.json().toString(), 0, pitOther.json().path("hits").path("hits").size());
    assertTrue(pitOther.json().toString(), pitOther.status() == 404 || pitOther.json().path("_shards").path("successful").asInt() == 0);
    call(rest(), "DELETE", "/_search/point_in_time/_all", null, null);
  }

  /**
   * Query forms whose choice or count of terms depends on hidden records (which still feed the term dictionary) are
   * refused for end users with 400, nested or not; the same terms with the default rewrite run.
   */
  private void queriesWhoseTermExpansionDependsOnHiddenRecordsAreRefused() throws Exception {
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("{\"more_like_this\":{\"fields\":[\"text\"],\"like\":\"spice market\",\"min_term_freq\":1,\"min_doc_freq\":1}}",
        "[more_like_this] picks its terms by statistics that hidden documents feed");
    refused.put("{\"bool\":{\"should\":[{\"prefix\":{\"text\":{\"value\":\"s\",\"rewrite\":\"scoring_boolean\"}}}]}}",
        "[rewrite] [scoring_boolean] counts or ranks terms of hidden documents");
    refused.put("{\"constant_score\":{\"filter\":{\"match\":{\"text\":{\"query\":\"spise\",\"fuzziness\":1,"
        + "\"fuzzy_rewrite\":\"top_terms_2\"}}}}}", "[fuzzy_rewrite] [top_terms_2] counts or ranks terms of hidden documents");
    refused.put("{\"span_multi\":{\"match\":{\"prefix\":{\"text\":{\"value\":\"s\"}}}}}", "[span_multi] expands to terms");
    refused.put("{\"intervals\":{\"text\":{\"prefix\":{\"prefix\":\"sp\"}}}}", "[intervals] [prefix] expands to terms");
    refused.put("{\"wrapper\":{\"query\":\"eyJtYXRjaF9hbGwiOnt9fQ==\"}}", "[wrapper] hides its query from these checks");
    for (var e : refused.entrySet()) {
      ClusterFixture.Reply r = exchange(rest(), "POST", "/" + INDEX + "/_search", "KZ", "{\"query\":" + e.getKey() + "}");
      assertEquals(e.getKey() + ": " + r.json(), 400, r.status());
      assertTrue(e.getKey() + ": " + r.json(), r.json().toString().contains(e.getValue()));
    }
    // Anywhere in the search: a highlight query, a rescore query, a post filter, a filter aggregation.
    String mlt = "{\"more_like_this\":{\"fields\":[\"text\"],\"like\":\"spice\"}}";
    for (String body : List.of("{\"highlight\":{\"highlight_query\":" + mlt + ",\"fields\":{\"text\":{}}}}",
        "{\"rescore\":{\"query\":{\"rescore_query\":" + mlt + "}}}", "{\"post_filter\":" + mlt + "}",
        "{\"size\":0,\"aggs\":{\"f\":{\"filter\":" + mlt + "}}}")) {
      ClusterFixture.Reply r = exchange(rest(), "POST", "/" + INDEX + "/_search", "KZ", body);
      assertEquals(body + ": " + r.json(), 400, r.status());
      assertTrue(body + ": " + r.json(), r.json().toString().contains("[more_like_this] picks its terms"));
    }
    // Explanations print expanded words and document numbers: refused, in a search and as the _explain API.
    ClusterFixture.Reply explain = exchange(rest(), "POST", "/" + INDEX + "/_explain/x?routing=x", "KZ",
        "{\"query\":{\"match_all\":{}}}");
    assertEquals(explain.json().toString(), 403, explain.status());
    ClusterFixture.Reply explained = exchange(rest(), "POST", "/" + INDEX + "/_search", "KZ",
        "{\"explain\":true,\"query\":{\"match_phrase_prefix\":{\"text\":{\"query\":\"market n\"}}}}");
    assertEquals(explained.json().toString(), 400, explained.status());
    assertTrue(explained.json().toString(), explained.json().toString().contains("explain prints words of hidden records"));
    String prefix = "{\"prefix\":{\"text\":{\"value\":\"s\",\"rewrite\":\"constant_score\"}}}";
    Set<String> matched = searchIds(rest(), "KZ", prefix);
    assertTrue(fixture.expectedVisible(policy, "KZ").containsAll(matched));
    assertEquals(matched, searchIds(rest(), "KZ", "{\"prefix\":{\"text\":\"s\"}}"));
    ClusterFixture.Reply caps = exchange(rest(), "GET", "/" + INDEX + "/_field_caps?fields=*", "KZ", null);
    assertEquals(caps.json().toString(), 403, caps.status());
  }

  /**
   * Writes that would store records unchecked in a filtered index are refused whatever the name they use: date math
   * naming a filtered index, a first write that a template would turn into a filtered index without the processor;
   * and a filtered index cannot spread a channel's posts over several shards.
   */
  private void writesThatWouldCreateOrSpreadAFilteredIndexUncheckedAreRefused() throws Exception {
    assertRefused("POST", "/%3C" + INDEX + "%3E/_update/post:x?routing=x", "{\"doc\":{\"text\":\"changed\"}}",
        "an update of filtered index [" + INDEX + "] would skip the [lucene_filter] processor");
    // A template that would create a filtered index without the processor is refused (its validation creates the
    // index without the setting the plugin adds at creation), so no first write can store records unchecked.
    for (String path : List.of("/_index_template/lf-auto", "/_template/lf-auto")) {
      String body = path.startsWith("/_index_template")
          ? "{\"index_patterns\":[\"lf-auto-*\"],\"template\":{\"settings\":{\"index.lucene_filter.enabled\":true}}}"
          : "{\"index_patterns\":[\"lf-auto-*\"],\"settings\":{\"index.lucene_filter.enabled\":true}}";
      ClusterFixture.Reply t = exchange(rest(), "PUT", path, null, body);
      assertEquals(path + ": " + t.json(), 400, t.status());
      assertTrue(t.json().toString(), t.json().toString().contains("but [index.final_pipeline] is [null], not [lucene-filter]"));
    }
    ClusterFixture.Reply spread = exchange(rest(), "PUT", "/lf-partitioned", null, "{\"settings\":{\"index.number_of_shards\":4,"
        + "\"index.routing_partition_size\":2,\"index.lucene_filter.enabled\":true},\"mappings\":{\"_routing\":{\"required\":true}}}");
    assertEquals(spread.json().toString(), 400, spread.status());
    assertTrue(spread.json().toString(), spread.json().toString().contains("[index.routing_partition_size]: 2"));
  }

  /** Policy changes, a refused policy and a node restart, on one corpus. */
  public void testPolicyLifecycleAcrossNodes() throws Exception {
    setUpCorpus();
    PolicySnapshot updated = policyUpdateReachesEveryNodeAndBrokenPolicyIsRefused();
    reloadReadsThePolicyPathAndRefusesABrokenDirectory(updated);
    restartedNodeServesTheCurrentPolicy(policy);
  }

  /**
   * A channel a reject rule matches is stored as its tombstone (id and rules, none of its content) under its own
   * document id. The tombstone hides the channel's posts, stored before and after it, in every jurisdiction, as the
   * library's index does; an admitted version of the channel replaces it and the posts are judged on it again.
   */
  private void rejectedChannelIsStoredAsATombstoneThatHidesItsPosts() throws Exception {
    Map<String, String> files = new TreeMap<>(fixture.policyFiles());
    String rule = "{\"id\": \"v-g-chan-reject\", \"type\": \"phrase\", \"values\": [\"forbidden bazaar\"],"
        + " \"action\": \"reject\", \"category\": \"csam\", \"legal_basis\": \"example\"},";
    files.put("GLOBAL.json", files.get("GLOBAL.json").replaceFirst("\"rules\": \\[", "\"rules\": [" + rule));
    PolicySnapshot rejecting = ClusterFixture.compile(files, tmp());
    assertEquals(200, call(rest(), "PUT", "/_lucene_filter/policy", null, ClusterFixture.policyBody(files)).path("_status").asInt());
    awaitServing(rejecting.version());

    String channel = "{\"id\": \"vc-rej\", \"username\": \"rej_shop\", \"title\": \"%s\", \"description\": \"goods\","
        + " \"subscribers\": 5, \"flags\": {}}";
    String post = "{\"id\": \"%s\", \"channel_id\": \"vc-rej\", \"channel_username\": \"rej_shop\", \"text\": \"Fresh bread\","
        + " \"date\": \"2026-03-01T00:00:00Z\", \"views\": 1, \"links\": [], \"media_sha256\": [], \"flags\": {}}";
    Set<String> records = Set.of("post:vr-1", "post:vr-2", "channel:vc-rej");
    indexRecord(String.format(post, "vr-1"), "post:vr-1", "created");
    assertTrue(searchIds(rest(), "DE", "{\"match_all\":{}}").contains("post:vr-1"));

    indexRecord(String.format(channel, "Forbidden Bazaar"), "channel:vc-rej", "created");
    indexRecord(String.format(post, "vr-2"), "post:vr-2", "created");
    for (String j : JURISDICTIONS) {
      Set<String> seen = searchIds(rest(), j, "{\"match_all\":{}}");
      assertEquals("jurisdiction " + j, fixture.expectedVisible(rejecting, j), seen);
      JsonNode get = call(rest(), "GET", "/" + INDEX + "/_doc/post:vr-2?routing=vc-rej", j, null);
      assertFalse(get.toString(), get.path("found").asBoolean(true));
    }
    assertEquals(Map.of("vc-rej", new RejectedChannels.Tombstone("vc-rej", List.of("v-g-chan-reject"))), storedTombstones());
    assertEquals(Map.of(FilterFields.KIND, FilterFields.KIND_REJECTED_CHANNEL, FilterFields.ID, "vc-rej",
        FilterFields.REJECTED_BY, List.of("v-g-chan-reject")), storedSource(FilterFields.KIND_REJECTED_CHANNEL, "vc-rej"));

    indexRecord(String.format(channel, "Bazaar of bread"), "channel:vc-rej", "updated");
    assertEquals(Map.of(), storedTombstones());
    for (String j : JURISDICTIONS) {
      Set<String> seen = searchIds(rest(), j, "{\"match_all\":{}}");
      assertTrue("jurisdiction " + j + ": " + seen, seen.containsAll(records));
    }

    // A post that a new version makes rejected: its tombstone replaces the stored version, which no read returns.
    indexRecord(String.format(post, "vr-1").replace("Fresh bread", "Forbidden bazaar opens"), "post:vr-1", "updated");
    assertEquals(Map.of(FilterFields.KIND, FilterFields.KIND_REJECTED_POST, FilterFields.ID, "vr-1",
        FilterFields.REJECTED_BY, List.of("v-g-chan-reject")), storedSource(FilterFields.KIND_REJECTED_POST, "vr-1"));
    for (String j : JURISDICTIONS) {
      assertFalse("jurisdiction " + j, searchIds(rest(), j, "{\"match_all\":{}}").contains("post:vr-1"));
      JsonNode get = call(rest(), "GET", "/" + INDEX + "/_doc/post:vr-1?routing=vc-rej", j, null);
      assertFalse(get.toString(), get.path("found").asBoolean(true));
    }
    indexRecord(String.format(post, "vr-1"), "post:vr-1", "updated");
    assertTrue(searchIds(rest(), "DE", "{\"match_all\":{}}").contains("post:vr-1"));

    for (String id : records) {
      JsonNode deleted = call(rest(), "DELETE", "/" + INDEX + "/_doc/" + id + "?routing=vc-rej&refresh=true", null, null);
      assertEquals(deleted.toString(), "deleted", deleted.path("result").asText());
    }
    assertEquals(200, call(rest(), "PUT", "/_lucene_filter/policy", null, ClusterFixture.policyBody(fixture.policyFiles()))
        .path("_status").asInt());
    awaitServing(policy.version());
  }

  /**
   * Indexes one record through the pipeline as an ingester does (a bulk {@code index} without an id), visible to
   * searches on return; checks the document id and result.
   */
  private void indexRecord(String json, String expectedId, String expectedResult) throws Exception {
    JsonNode r = call(rest(), "POST", "/" + INDEX + "/_bulk?refresh=true", null, "{\"index\":{}}\n" + json + "\n")
        .path("items").path(0).path("index");
    assertEquals(r.toString(), expectedId, r.path("_id").asText());
    assertEquals(r.toString(), expectedResult, r.path("result").asText());
  }

  /** Every tombstone the primary shards hold, read unfiltered as the library's exclusion sets read them. */
  private Map<String, RejectedChannels.Tombstone> storedTombstones() throws Exception {
    Map<String, RejectedChannels.Tombstone> out = new TreeMap<>();
    for (Map<String, RejectedChannels.Tombstone> shard : readPrimaries(RejectedChannels::all)) out.putAll(shard);
    return out;
  }

  /** The record ids of every stored document of that kind, read unfiltered from the primaries. */
  private Set<String> storedIdsOfKind(String kind) throws Exception {
    Set<String> ids = new TreeSet<>();
    readPrimaries(reader -> {
      IndexSearcher searcher = new IndexSearcher(reader);
      for (ScoreDoc hit : searcher.search(new TermQuery(new Term(FilterFields.KIND, kind)), 10_000).scoreDocs) {
        ids.add(searcher.storedFields().document(hit.doc, Set.of(FilterFields.ID)).get(FilterFields.ID));
      }
      return null;
    });
    return ids;
  }

  /** The stored {@code _source} of the one document of that kind and id, read unfiltered. */
  private Map<String, Object> storedSource(String kind, String id) throws Exception {
    List<Map<String, Object>> found = new ArrayList<>();
    readPrimaries(reader -> {
      IndexSearcher searcher = new IndexSearcher(reader);
      BooleanQuery q = new BooleanQuery.Builder()
          .add(new TermQuery(new Term(FilterFields.KIND, kind)), BooleanClause.Occur.FILTER)
          .add(new TermQuery(new Term(FilterFields.ID, id)), BooleanClause.Occur.FILTER)
          .build();
      for (ScoreDoc hit : searcher.search(q, 10).scoreDocs) {
        BytesRef source = searcher.storedFields().document(hit.doc, Set.of("_source")).getBinaryValue("_source");
        found.add(XContentHelper.convertToMap(new BytesArray(source.bytes, source.offset, source.length), false).v2());
      }
      return null;
    });
    assertEquals(found.toString(), 1, found.size());
    return found.get(0);
  }

  /** {@code fn} applied to the unfiltered reader of every started primary shard in the cluster. */
  private <T> List<T> readPrimaries(NodePolicy.ReaderFunction<T> fn) throws Exception {
    List<T> out = new ArrayList<>();
    for (String node : internalCluster().getNodeNames()) {
      ThreadContext context = internalCluster().getInstance(ThreadPool.class, node).getThreadContext();
      for (IndexService index : internalCluster().getInstance(IndicesService.class, node)) {
        for (IndexShard shard : index) {
          if (shard.routingEntry().primary() && shard.state() == IndexShardState.STARTED) {
            out.add(NodePolicy.withUnfilteredReader(context, shard, fn));
          }
        }
      }
    }
    return out;
  }

  /**
   * Nobody, operators included, stores a document the processor did not judge: updates (which run no pipeline for a
   * stored document), a stored document fed back, and pipeline or settings changes that would let records past the
   * processor are refused with 400 and change nothing.
   */
  private void writesPastTheProcessorAreRefusedToEveryone() throws Exception {
    Set<String> before = searchIds(rest(), "DE", "{\"match_all\":{}}");
    String post = fixture.expectedVisible(policy, "DE").stream().filter(id -> id.startsWith("post:")).findFirst().orElseThrow();
    String channel = fixture.posts.stream().filter(p -> ("post:" + p.id()).equals(post)).findFirst().orElseThrow().channelId();
    String update = "{\"doc\":{\"text\":\"changed\",\"media\":[]}}";
    assertRefused("POST", "/" + INDEX + "/_bulk", "{\"index\":{}}\n" + fixture.channelLines().get(0) + "\n{\"update\":{\"_id\":\""
        + post + "\",\"routing\":\"" + channel + "\"}}\n" + update + "\n", "bulk item [1]: an update of filtered index [records]");
    assertRefused("POST", "/" + INDEX + "/_update/" + post + "?routing=" + channel, update,
        "an update of filtered index [records] would skip the [lucene_filter] processor");

    JsonNode stored = call(rest(), "POST", "/" + INDEX + "/_bulk?refresh=true", null, "{\"index\":{}}\n{\"kind\":\"post\","
        + "\"id\":\"vs-1\",\"channel_id\":\"vc-1\",\"text\":\"a\",\"nwords\":[\"a\"],\"rwords\":[\"a\"]}\n");
    JsonNode item = stored.path("items").path(0).path("index");
    assertEquals(item.toString(), 400, item.path("status").asInt());
    assertTrue(item.toString(), item.toString().contains("has field [nwords] of the index's stored layout"));

    String pipeline = "/_ingest/pipeline/lucene-filter";
    String must = "pipeline [lucene-filter] must end with {\\\"lucene_filter\\\": {}}";
    assertRefused("PUT", pipeline, "{\"processors\":[{\"lucene_filter\":{}},{\"set\":{\"field\":\"media\",\"value\":[]}}]}", must);
    assertRefused("PUT", pipeline, "{\"processors\":[{\"lucene_filter\":{\"ignore_failure\":true}}]}", must);
    assertRefused("PUT", pipeline, "{\"processors\":[{\"lucene_filter\":{}}],\"on_failure\":[{\"set\":{\"field\":\"x\",\"value\":1}}]}", must);
    assertRefused("DELETE", pipeline, null, "pipeline [lucene-filter] is what checks records");
    assertRefused("DELETE", "/_ingest/pipeline/*", null, "pipeline [lucene-filter] is what checks records");
    JsonNode same = call(rest(), "PUT", pipeline, null, "{\"description\":\"checks records\",\"processors\":[{\"lucene_filter\":{}}]}");
    assertEquals(same.toString(), 200, same.path("_status").asInt());

    assertRefused("PUT", "/" + INDEX + "/_settings", "{\"index.final_pipeline\":\"other\"}",
        "[index.final_pipeline] of filtered index [records] must stay [lucene-filter]");
    assertRefused("PUT", "/_all/_settings", "{\"index\":{\"final_pipeline\":null}}",
        "[index.final_pipeline] of filtered index [records] must stay [lucene-filter]");
    JsonNode replicas = call(rest(), "PUT", "/" + INDEX + "/_settings", null, "{\"index.number_of_replicas\":1}");
    assertEquals(replicas.toString(), 200, replicas.path("_status").asInt());

    assertEquals(before, searchIds(rest(), "DE", "{\"match_all\":{}}"));
    JsonNode text = call(rest(), "GET", "/" + INDEX + "/_doc/" + post + "?routing=" + channel, "DE", null);
    assertNotEquals(text.toString(), "changed", text.path("_source").path("text").asText());
  }

  private void assertRefused(String method, String path, String body, String message) throws Exception {
    ClusterFixture.Reply r = exchange(rest(), method, path, null, body);
    assertEquals(method + " " + path + ": " + r.json(), 400, r.status());
    assertTrue(method + " " + path + ": " + r.json(), r.json().toString().contains(message));
  }

  private void resultsPerJurisdictionEqualCheck(JsonNode bulk) throws Exception {
    for (JsonNode item : bulk.path("items")) assertFalse(item.toString(), item.path("index").has("error"));
    // A rejected record is stored as its tombstone (no content) under its own id, hidden everywhere.
    Set<String> tombstones = new TreeSet<>();
    for (String id : storedIdsOfKind(FilterFields.KIND_REJECTED_POST)) tombstones.add("post:" + id);
    for (String id : storedIdsOfKind(FilterFields.KIND_REJECTED_CHANNEL)) tombstones.add("channel:" + id);
    assertFalse(tombstones.isEmpty());
    assertEquals(fixture.expectedRejected(policy), tombstones);
    for (String j : JURISDICTIONS) {
      Set<String> expected = fixture.expectedVisible(policy, j);
      assertEquals("jurisdiction " + j, expected, searchIds(rest(), j, "{\"match_all\":{}}"));
      JsonNode count = call(rest(), "POST", "/" + INDEX + "/_count", j, "{\"query\":{\"match_all\":{}}}");
      assertEquals("count " + j, expected.size(), count.path("count").asInt());
    }
    // The KZ view is smaller than the DE view: the filter does something in both directions.
    assertNotEquals(fixture.expectedVisible(policy, "KZ"), fixture.expectedVisible(policy, "DE"));
  }

  /**
   * BM25 scores under a jurisdiction are those of an index that holds only the records it may see: hidden records
   * feed no statistic ({@code dfs_query_then_fetch} sums them over the shards). Each jurisdiction's scores are
   * compared with an operator's search of a plain index loaded with that jurisdiction's visible records, on a word
   * whose visible count differs between KZ and DE, so counting hidden records could not match both. (End users may
   * not ask for {@code explain}, which printed the statistics themselves.)
   */
  private void scoresCountOnlyVisibleRecords() throws Exception {
    String word = null;
    for (Post p : fixture.posts) {
      for (String w : p.text().toLowerCase(java.util.Locale.ROOT).split("[^a-z]+")) {
        if (w.length() < 4 || word != null) continue;
        String q = "{\"query\":{\"match\":{\"text\":\"" + w + "\"}}}";
        int kz = call(rest(), "POST", "/" + INDEX + "/_count", "KZ", q).path("count").asInt();
        int de = call(rest(), "POST", "/" + INDEX + "/_count", "DE", q).path("count").asInt();
        if (kz > 0 && de > 0 && kz != de) word = w;
      }
    }
    assertNotNull("no word whose visible count differs between KZ and DE", word);
    String body = "{\"size\":1000,\"_source\":false,\"query\":{\"match\":{\"text\":\"" + word + "\"}}}";
    Map<String, Map<String, Double>> alone = new TreeMap<>();
    for (String j : List.of("KZ", "DE")) {
      String only = "records-only-" + j.toLowerCase(java.util.Locale.ROOT);
      fixture.createPlainAndLoad(rest(), only, fixture.expectedVisible(policy, j));
      Map<String, Double> filtered = scores(call(rest(), "POST", "/" + INDEX + "/_search?search_type=dfs_query_then_fetch",
          j, body));
      alone.put(j, scores(call(rest(), "POST", "/" + only + "/_search?search_type=dfs_query_then_fetch", null, body)));
      call(rest(), "DELETE", "/" + only, null, null);
      assertEquals(j + " '" + word + "'", alone.get(j).keySet(), filtered.keySet());
      // Within 2%: the filtered index's copies also hold records deleted by earlier steps, which Lucene's statistics
      // count until a merge (as in any index); counting hidden records would move them far more (below).
      for (String id : filtered.keySet()) {
        assertEquals(j + " '" + word + "' " + id + ": " + filtered + " against " + alone.get(j), alone.get(j).get(id),
            filtered.get(id), alone.get(j).get(id) * 0.02);
      }
    }
    // The tolerance tells the two views apart: the same record scores more than 5% apart in KZ's and DE's indexes.
    Set<String> common = new TreeSet<>(alone.get("KZ").keySet());
    common.retainAll(alone.get("DE").keySet());
    assertFalse(alone.toString(), common.isEmpty());
    for (String id : common) {
      double kz = alone.get("KZ").get(id), de = alone.get("DE").get(id);
      assertTrue(id + ": " + alone, Math.abs(kz - de) > 0.05 * Math.min(kz, de));
    }
  }

  /** Each hit's id and score. */
  private static Map<String, Double> scores(JsonNode response) {
    if (response.path("_status").asInt() != 200) throw new AssertionError("search failed: " + response);
    Map<String, Double> out = new TreeMap<>();
    for (JsonNode h : response.path("hits").path("hits")) out.put(h.path("_id").asText(), h.path("_score").asDouble());
    return out;
  }

  private void getAndAggregationsAreFiltered() throws Exception {
    Set<String> kz = fixture.expectedVisible(policy, "KZ");
    Post hidden = postHiddenInKzVisibleInDe();
    String hiddenInKz = "post:" + hidden.id(), postId = hidden.id(), channel = hidden.channelId();
    String get = "/" + INDEX + "/_doc/" + hiddenInKz + "?routing=" + channel;
    assertFalse(call(rest(), "GET", get, "KZ", null).path("found").asBoolean(true));
    assertTrue(call(rest(), "GET", get, "DE", null).path("found").asBoolean(false));
    String mget = "{\"docs\":[{\"_id\":\"" + hiddenInKz + "\",\"routing\":\"" + channel + "\"}]}";
    assertFalse(call(rest(), "POST", "/" + INDEX + "/_mget", "KZ", mget).path("docs").get(0).path("found").asBoolean(true));
    assertTrue(call(rest(), "POST", "/" + INDEX + "/_mget", "DE", mget).path("docs").get(0).path("found").asBoolean(false));
    for (String j : List.of("KZ", "DE")) {
      Set<String> expected = fixture.expectedVisible(policy, j);
      JsonNode r = call(rest(), "POST", "/" + INDEX + "/_search", j,
          "{\"size\":0,\"aggs\":{\"kinds\":{\"terms\":{\"field\":\"kind.raw\"}}}}");
      Map<String, Integer> counts = new TreeMap<>();
      for (JsonNode b : r.path("aggregations").path("kinds").path("buckets")) counts.put(b.path("key").asText(), b.path("doc_count").asInt());
      Map<String, Integer> want = new TreeMap<>();
      for (String id : expected) want.merge(id.substring(0, id.indexOf(':')), 1, Integer::sum);
      assertEquals("aggregation " + j, want, counts);
    }
    // Scroll pages read through the same filtered reader.
    JsonNode scroll = call(rest(), "POST", "/" + INDEX + "/_search?scroll=1m", "KZ",
        "{\"size\":5,\"_source\":false,\"query\":{\"match_all\":{}}}");
    Set<String> seen = new TreeSet<>();
    while (scroll.path("hits").path("hits").size() > 0) {
      for (JsonNode h : scroll.path("hits").path("hits")) seen.add(h.path("_id").asText());
      scroll = call(rest(), "POST", "/_search/scroll", "KZ",
          "{\"scroll\":\"1m\",\"scroll_id\":\"" + scroll.path("_scroll_id").asText() + "\"}");
    }
    assertEquals(kz, seen);
    call(rest(), "DELETE", "/_search/scroll/_all", null, null);
    // A point in time opened and read under KZ sees KZ's records.
    JsonNode pit = call(rest(), "POST", "/" + INDEX + "/_search/point_in_time?keep_alive=1m", "KZ", null);
    assertEquals(pit.toString(), 200, pit.path("_status").asInt());
    JsonNode pitHits = call(rest(), "POST", "/_search", "KZ", "{\"size\":1000,\"_source\":false,\"pit\":{\"id\":\""
        + pit.path("pit_id").asText() + "\"}}");
    Set<String> pitSeen = new TreeSet<>();
    for (JsonNode h : pitHits.path("hits").path("hits")) pitSeen.add(h.path("_id").asText());
    assertEquals(pitHits.toString(), kz, pitSeen);
    call(rest(), "DELETE", "/_search/point_in_time/_all", null, null);
    // Term suggesters read the term dictionary, which hidden records feed: refused.
    ClusterFixture.Reply suggest = exchange(rest(), "POST", "/" + INDEX + "/_search", "KZ",
        "{\"suggest\":{\"s\":{\"text\":\"spice\",\"term\":{\"field\":\"text\"}}}}");
    assertEquals(suggest.json().toString(), 400, suggest.status());
    assertTrue(suggest.json().toString(), suggest.json().toString().contains("only completion suggesters are allowed"));
  }

  private void missingOrForgedHeaderGetsNothing() throws Exception {
    ClusterFixture.Reply none = exchange(rest(), "POST", "/" + INDEX + "/_search", null, "{\"query\":{\"match_all\":{}}}");
    assertEquals(none.json().toString(), 403, none.status());
    assertFalse(none.json().has("hits"));
    ClusterFixture.Reply forged = exchange(rest(), "POST", "/" + INDEX + "/_search", "XX", "{\"query\":{\"match_all\":{}}}");
    assertEquals(forged.json().toString(), 403, forged.status());
    assertTrue(forged.json().toString(), forged.json().toString().contains("unknown jurisdiction [XX]"));
    String anyId = fixture.expectedVisible(policy, "GLOBAL").iterator().next();
    assertEquals(403, exchange(rest(), "GET", "/" + INDEX + "/_doc/" + anyId + "?routing=x", null, null).status());
    // jurisdiction_filter names the request's own jurisdiction or none: DE's view under KZ would tell KZ what DE
    // hides.
    Set<String> kz = fixture.expectedVisible(policy, "KZ");
    ClusterFixture.Reply other = exchange(rest(), "POST", "/" + INDEX + "/_search", "KZ",
        "{\"query\":{\"jurisdiction_filter\":{\"jurisdiction\":\"DE\"}}}");
    assertEquals(other.json().toString(), 400, other.status());
    assertEquals(kz, searchIds(rest(), "KZ", "{\"jurisdiction_filter\":{\"jurisdiction\":\"KZ\"}}"));
    assertEquals(kz, searchIds(rest(), "KZ", "{\"bool\":{\"filter\":[{\"jurisdiction_filter\":{}}]}}"));
    // The response names the policy version the shards read with.
    ClusterFixture.Reply ok = exchange(rest(), "POST", "/" + INDEX + "/_search", "KZ", "{\"query\":{\"match_all\":{}}}");
    assertEquals(List.of(policy.version()), ok.versions());
  }

  private PolicySnapshot policyUpdateReachesEveryNodeAndBrokenPolicyIsRefused() throws Exception {
    Map<String, String> files = new TreeMap<>(fixture.policyFiles());
    String visibleInDe = fixture.expectedVisible(policy, "DE").stream().filter(id -> id.startsWith("post:")).findFirst().orElseThrow();
    String text = fixture.posts.stream().filter(p -> ("post:" + p.id()).equals(visibleInDe)).findFirst().orElseThrow().text();
    String word = text.split("\\s+")[0];
    files.put("DE.json", files.get("DE.json").replace("\"große lüge\"", "\"große lüge\", " + ClusterFixture.JSON.writeValueAsString(word)));
    PolicySnapshot updated = ClusterFixture.compile(files, tmp());
    assertNotEquals(policy.version(), updated.version());

    JsonNode validated = call(rest(), "POST", "/_lucene_filter/policy/_validate", null, ClusterFixture.policyBody(files));
    assertTrue(validated.toString(), validated.path("valid").asBoolean());
    impactIsClusterWideAndPerRule(files, updated);

    String scrollId = call(rest(), "POST", "/" + INDEX + "/_search?scroll=1m", "DE",
        "{\"size\":1,\"_source\":false,\"query\":{\"match_all\":{}}}").path("_scroll_id").asText();
    JsonNode put = call(rest(), "PUT", "/_lucene_filter/policy", null, ClusterFixture.policyBody(files));
    assertEquals(updated.version(), put.path("version").asText());
    awaitServing(updated.version());
    // A scroll opened under the policy before reads no page under it.
    ClusterFixture.Reply stale = exchange(rest(), "POST", "/_search/scroll", "DE", "{\"scroll\":\"1m\",\"scroll_id\":\"" + scrollId + "\"}");
    assertEquals(stale.json().toString(), 409, stale.status());
    assertTrue(stale.json().toString(), stale.json().toString().contains("since this scroll or point in time was opened"));
    call(rest(), "DELETE", "/_search/scroll/_all", null, null);
    assertEquals(fixture.expectedVisible(updated, "DE"), searchIds(rest(), "DE", "{\"match_all\":{}}"));
    assertFalse(searchIds(rest(), "DE", "{\"match_all\":{}}").contains(visibleInDe));
    JsonNode get = call(rest(), "GET", "/_lucene_filter/policy", null, null);
    assertEquals(updated.version(), get.path("version").asText());
    assertEquals(new PolicyFiles(new TreeMap<>(files)).hash(), get.path("hash").asText());

    // A broken policy: refused with FILE:LINE:COLUMN, on every node the updated one keeps serving.
    Map<String, String> broken = new TreeMap<>(files);
    broken.put("KZ.json", "{\n  \"jurisdiction\": \"KZ\",\n  \"inherits\": [\"GLOBAL\"],\n  \"rules\": [ { \"id\": 7 } ]\n}");
    JsonNode invalid = call(rest(), "POST", "/_lucene_filter/policy/_validate", null, ClusterFixture.policyBody(broken));
    assertFalse(invalid.path("valid").asBoolean(true));
    assertTrue(invalid.toString(), invalid.path("errors").get(0).asText().matches("KZ\\.json:\\d+:\\d+: .*"));
    ClusterFixture.Reply refused = exchange(rest(), "PUT", "/_lucene_filter/policy", null, ClusterFixture.policyBody(broken));
    assertEquals(refused.json().toString(), 400, refused.status());
    assertTrue(refused.json().toString(), refused.json().toString().contains("KZ.json:"));
    for (String v : servingVersions()) assertEquals(updated.version(), v);
    assertEquals(updated.version(), call(rest(), "GET", "/_lucene_filter/policy", null, null).path("version").asText());
    assertEquals(fixture.expectedVisible(updated, "DE"), searchIds(rest(), "DE", "{\"match_all\":{}}"));
    return updated;
  }

  private void restartedNodeServesTheCurrentPolicy(PolicySnapshot current) throws Exception {
    internalCluster().restartRandomDataNode();
    ensureGreen(INDEX);
    awaitServing(current.version());
    for (String j : JURISDICTIONS) {
      assertEquals(fixture.expectedVisible(current, j), searchIds(rest(), j, "{\"match_all\":{}}"));
    }
  }

  /**
   * No shard of a filtered index is skipped ({@link CanMatchGuard}): OpenSearch's can-match would read the shard
   * without the reader wrapper, so every shard runs the query phase, which reads the visible records' point bounds
   * through the wrapper (and so makes the jurisdiction's exclusion sets, or takes them from the cache).
   */
  private void filteredShardsAreNeverSkipped() throws Exception {
    long before = LazyExclusions.VIEWS_MADE.get();
    JsonNode r = call(rest(), "POST", "/" + INDEX + "/_search?pre_filter_shard_size=1", "KZ",
        "{\"query\":{\"range\":{\"date\":{\"lt\":\"1960-01-01T00:00:00Z\"}}}}");
    assertEquals(r.toString(), 0, r.path("hits").path("total").path("value").asInt());
    assertEquals(r.toString(), 0, r.path("_shards").path("skipped").asInt());
    assertEquals(r.toString(), 3, r.path("_shards").path("successful").asInt());
    assertTrue(LazyExclusions.VIEWS_MADE.get() > before);
  }

  private void rejectionLogHasTheLibrarysEntriesWithoutContent() throws Exception {
    Set<String> rejected = fixture.expectedRejected(policy);
    assertFalse(rejected.isEmpty());
    List<String> lines = new ArrayList<>();
    for (org.opensearch.env.Environment env : internalCluster().getInstances(org.opensearch.env.Environment.class)) {
      Path log = env.logsDir().resolve("lucene-filter-rejections.jsonl");
      if (Files.exists(log)) lines.addAll(Files.readAllLines(log));
    }
    for (String id : rejected) {
      String kind = id.substring(0, id.indexOf(':')), rid = id.substring(id.indexOf(':') + 1);
      boolean found = false;
      for (String line : lines) {
        JsonNode e = ClusterFixture.JSON.readTree(line);
        if (e.path("id").asText().equals(rid) && e.path("kind").asText().equals(kind)) {
          found = true;
          assertEquals(Set.of("time", "kind", "id", "rules", "policy_version"), fieldNames(e));
          assertEquals("v-g-reject", e.path("rules").get(0).asText());
          assertEquals(policy.version(), e.path("policy_version").asText());
        }
      }
      assertTrue("no rejection log entry for " + id + " in " + lines, found);
    }
  }

  private static Set<String> fieldNames(JsonNode n) {
    Set<String> out = new TreeSet<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /**
   * {@code _impact} over the whole cluster equals the library's reference decision on the same records: per
   * jurisdiction the newly hidden and unhidden counts, and per rule the records it accounts for.
   */
  private void impactIsClusterWideAndPerRule(Map<String, String> files, PolicySnapshot updated) throws Exception {
    JsonNode impact = call(rest(), "POST", "/_lucene_filter/policy/_impact?samples=1000", null, ClusterFixture.policyBody(files));
    assertEquals(impact.toString(), 200, impact.path("_status").asInt());
    assertEquals(3, impact.path("nodes").asInt());
    assertEquals("every primary counted once", 3, impact.path("primary_shards").asInt());
    assertEquals(policy.version(), impact.path("from_version").asText());
    assertEquals(updated.version(), impact.path("to_version").asText());
    Map<String, Object> expected = expectedImpact(policy, updated);
    Map<String, Object> actual = impactReport(impact);
    assertEquals(expected, actual);
    assertTrue(impact.toString(), ((Long) ((Map<?, ?>) expected.get("DE")).get("newly_hidden")) > 0);
    // Samples are capped per rule.
    JsonNode capped = call(rest(), "POST", "/_lucene_filter/policy/_impact?samples=1", null, ClusterFixture.policyBody(files));
    for (JsonNode j : capped.path("jurisdictions")) {
      for (JsonNode r : j.path("hidden_by")) assertEquals(r.toString(), Math.min(1, r.path("records").asLong()), r.path("samples").size());
    }
    // Removing a jurisdiction makes nothing visible (its searches will be refused), as the library reports it.
    Map<String, String> withoutKz = new TreeMap<>(files);
    withoutKz.remove("KZ.json");
    JsonNode removed = call(rest(), "POST", "/_lucene_filter/policy/_impact", null, ClusterFixture.policyBody(withoutKz));
    Map<String, String> presence = new TreeMap<>();
    for (JsonNode j : removed.path("jurisdictions")) {
      presence.put(j.path("jurisdiction").asText(), j.path("presence").asText());
      if (j.path("jurisdiction").asText().equals("KZ")) {
        assertEquals(j.toString(), 0, j.path("unhidden").asLong());
        assertEquals(j.toString(), 0, j.path("newly_hidden").asLong());
      }
    }
    assertEquals(Map.of("DE", "kept", "EU", "kept", "GLOBAL", "kept", "KZ", "removed"), presence);
  }

  /** An {@code _impact} response as jurisdiction to counts and rule to sampled ids (samples must be complete). */
  private static Map<String, Object> impactReport(JsonNode impact) {
    assertEquals(impact.toString(), 200, impact.path("_status").asInt());
    Map<String, Object> actual = new TreeMap<>();
    for (JsonNode j : impact.path("jurisdictions")) {
      Map<String, Object> one = new TreeMap<>();
      one.put("newly_hidden", j.path("newly_hidden").asLong());
      one.put("unhidden", j.path("unhidden").asLong());
      for (String side : List.of("hidden_by", "unhidden_from")) {
        Map<String, Set<String>> rules = new TreeMap<>();
        for (JsonNode r : j.path(side)) {
          Set<String> samples = new TreeSet<>();
          r.path("samples").forEach(x -> samples.add(x.asText()));
          assertEquals(r.toString(), r.path("records").asLong(), samples.size());
          rules.put(r.path("rule").asText(), samples);
        }
        one.put(side, rules);
      }
      actual.put(j.path("jurisdiction").asText(), one);
    }
    return actual;
  }

  /** What {@code ImpactAnalysis} reports, computed with the reference decision over the records the index admitted. */
  private Map<String, Object> expectedImpact(PolicySnapshot from, PolicySnapshot to) {
    dev.lucenefilter.filter.DecisionEngine before = dev.lucenefilter.filter.DecisionEngine.create(from);
    dev.lucenefilter.filter.DecisionEngine after = dev.lucenefilter.filter.DecisionEngine.create(to);
    java.time.Instant now = java.time.Instant.now();
    Map<String, dev.lucenefilter.model.Channel> byId = new TreeMap<>();
    for (var c : fixture.channels) byId.put(c.id(), c);
    // The records the index holds: those the policy at index time admitted.
    Set<String> rejected = fixture.expectedRejected(policy);
    List<Map.Entry<String, dev.lucenefilter.filter.RecordView>> records = new ArrayList<>();
    for (var c : fixture.channels) records.add(Map.entry("channel:" + c.id(), dev.lucenefilter.filter.RecordView.channel(c)));
    for (var p : fixture.posts) records.add(Map.entry("post:" + p.id(), dev.lucenefilter.filter.RecordView.post(p, byId.get(p.channelId()))));
    Set<String> codes = new TreeSet<>(from.jurisdictions());
    codes.addAll(to.jurisdictions());
    Map<String, Object> out = new TreeMap<>();
    for (String j : codes) {
      long hidden = 0, unhidden = 0;
      Map<String, Set<String>> hiddenBy = new TreeMap<>(), unhiddenFrom = new TreeMap<>();
      for (var e : records) {
        if (rejected.contains(e.getKey())) continue;
        var was = before.decide(e.getValue(), j, now);
        var is = after.decide(e.getValue(), j, now);
        if (was.visible() == is.visible()) continue;
        if (!is.visible()) hidden++;
        else unhidden++;
        for (String rule : (is.visible() ? was : is).rules()) {
          (is.visible() ? unhiddenFrom : hiddenBy).computeIfAbsent(rule, k -> new TreeSet<>()).add(e.getKey());
        }
      }
      Map<String, Object> one = new TreeMap<>();
      one.put("newly_hidden", hidden);
      one.put("unhidden", unhidden);
      one.put("hidden_by", hiddenBy);
      one.put("unhidden_from", unhiddenFrom);
      out.put(j, one);
    }
    return out;
  }

  /**
   * {@code _reload} stores what {@code lucene_filter.policy_path} holds; a broken directory is refused with
   * FILE:LINE:COLUMN and every node keeps serving the version before.
   */
  private void reloadReadsThePolicyPathAndRefusesABrokenDirectory(PolicySnapshot current) throws Exception {
    // The way back, as _impact reports it: what the update hid is unhidden, named by the rules that hid it.
    JsonNode back = call(rest(), "POST", "/_lucene_filter/policy/_impact?samples=1000", null,
        ClusterFixture.policyBody(fixture.policyFiles()));
    assertEquals(expectedImpact(current, policy), impactReport(back));
    assertTrue(back.toString(), ((Long) ((Map<?, ?>) expectedImpact(current, policy).get("DE")).get("unhidden")) > 0);
    Path dir = reloadDir();
    writeDirectory(dir, fixture.policyFiles());
    JsonNode reloaded = call(rest(), "POST", "/_lucene_filter/policy/_reload", null, null);
    assertEquals(reloaded.toString(), 200, reloaded.path("_status").asInt());
    assertEquals(policy.version(), reloaded.path("version").asText());
    assertTrue(reloaded.toString(), reloaded.path("changed").asBoolean());
    assertNotEquals(current.version(), policy.version());
    awaitServing(policy.version());
    assertEquals(fixture.expectedVisible(policy, "DE"), searchIds(rest(), "DE", "{\"match_all\":{}}"));

    Map<String, String> broken = new TreeMap<>(fixture.policyFiles());
    broken.put("KZ.json", "{\n  \"jurisdiction\": \"KZ\",\n  \"inherits\": [\"GLOBAL\"],\n  \"rules\": [ { \"id\": 7 } ]\n}");
    writeDirectory(dir, broken);
    ClusterFixture.Reply refused = exchange(rest(), "POST", "/_lucene_filter/policy/_reload", null, null);
    assertEquals(refused.json().toString(), 400, refused.status());
    assertTrue(refused.json().toString(), refused.json().toString().matches("(?s).*KZ\\.json:\\d+:\\d+: .*"));
    for (String v : servingVersions()) assertEquals(policy.version(), v);
    assertEquals(policy.version(), call(rest(), "GET", "/_lucene_filter/policy", null, null).path("version").asText());
    for (String j : JURISDICTIONS) assertEquals(fixture.expectedVisible(policy, j), searchIds(rest(), j, "{\"match_all\":{}}"));
  }

  private static void writeDirectory(Path dir, Map<String, String> files) throws Exception {
    try (var old = Files.list(dir)) {
      for (Path p : old.toList()) Files.delete(p);
    }
    for (var e : files.entrySet()) Files.writeString(dir.resolve(e.getKey()), e.getValue());
  }

  /**
   * Highlights come only from records the jurisdiction sees; term and phrase suggesters are refused. The completion
   * suggester is not exercised: the plugin's mapping has no {@code completion} field and is {@code dynamic: strict},
   * so a filtered index cannot have one.
   */
  private void highlightShowsOnlyVisibleRecordsAndOnlyCompletionSuggestersRun() throws Exception {
    Set<String> kz = fixture.expectedVisible(policy, "KZ");
    Set<String> de = fixture.expectedVisible(policy, "DE");
    var hidden = fixture.posts.stream().filter(p -> de.contains("post:" + p.id()) && !kz.contains("post:" + p.id())
        && !p.text().isBlank()).findFirst().orElseThrow();
    String query = ClusterFixture.JSON.writeValueAsString(hidden.text());
    String body = "{\"size\":1000,\"_source\":false,\"query\":{\"match\":{\"text\":" + query + "}},"
        + "\"highlight\":{\"fields\":{\"text\":{}}}}";
    Map<String, String> texts = new TreeMap<>();
    for (var p : fixture.posts) texts.put("post:" + p.id(), p.text());
    JsonNode inDe = call(rest(), "POST", "/" + INDEX + "/_search", "DE", body);
    boolean highlightedInDe = false;
    for (JsonNode h : inDe.path("hits").path("hits")) {
      if (h.path("_id").asText().equals("post:" + hidden.id())) highlightedInDe = h.path("highlight").path("text").size() > 0;
    }
    assertTrue("the query highlights the record where it is visible: " + inDe, highlightedInDe);
    JsonNode inKz = call(rest(), "POST", "/" + INDEX + "/_search", "KZ", body);
    assertEquals(inKz.toString(), 200, inKz.path("_status").asInt());
    for (JsonNode h : inKz.path("hits").path("hits")) {
      String id = h.path("_id").asText();
      assertTrue(id, kz.contains(id));
      for (JsonNode f : h.path("highlight").path("text")) {
        String plain = f.asText().replace("<em>", "").replace("</em>", "");
        assertTrue(id + " highlight [" + plain + "] is not from its own text", texts.get(id).contains(plain));
      }
    }
    assertFalse(inKz.toString(), inKz.toString().contains("post:" + hidden.id()));
    for (String type : List.of("term", "phrase")) {
      ClusterFixture.Reply r = exchange(rest(), "POST", "/" + INDEX + "/_search", "KZ",
          "{\"suggest\":{\"s\":{\"text\":\"spice\",\"" + type + "\":{\"field\":\"text\"}}}}");
      assertEquals(r.json().toString(), 400, r.status());
      assertTrue(r.json().toString(), r.json().toString().contains("only completion suggesters are allowed: [" + type + "]"));
    }
  }

  /** Index and node statistics count hidden documents: refused with the header, served to operators without it. */
  private void statisticsAreRefusedWithTheHeader() throws Exception {
    for (String path : List.of("/" + INDEX + "/_stats", "/_cat/indices?format=json", "/_nodes/stats", "/_cluster/stats",
        "/" + INDEX + "/_segments")) {
      ClusterFixture.Reply r = exchange(rest(), "GET", path, "KZ", null);
      assertEquals(path + ": " + r.json(), 403, r.status());
      assertTrue(r.json().toString(), r.json().toString().contains("counts hidden documents"));
      assertFalse(r.json().toString(), r.json().toString().contains("\"docs\""));
    }
    JsonNode admin = call(rest(), "GET", "/" + INDEX + "/_stats/docs", null, null);
    // A rejected record is stored too, as its tombstone.
    int all = fixture.channels.size() + fixture.posts.size();
    assertEquals(admin.toString(), all, admin.path("_all").path("primaries").path("docs").path("count").asInt());
  }

  /**
   * What lists terms or values of hidden documents, counts them, writes, or shows or changes the policy: refused
   * with the header (403 for actions, 400 for a search as written).
   */
  private void termListingsAndThePolicyApiAreRefusedWithTheHeader() throws Exception {
    String policyBody = ClusterFixture.policyBody(Map.of("DE.json", "{\"jurisdiction\": \"DE\", \"rules\": []}"));
    for (String[] call : new String[][] {
        {"GET", "/_lucene_filter/policy?files=true", null},
        {"POST", "/_lucene_filter/policy/_impact?samples=1000", policyBody},
        {"POST", "/_lucene_filter/policy/_reload", null},
        {"PUT", "/_lucene_filter/policy", policyBody},
        {"GET", "/_cluster/state", null},
        {"POST", "/" + INDEX + "/_validate/query?rewrite=true&all_shards=true",
            "{\"query\":{\"prefix\":{\"username\":{\"value\":\"\",\"rewrite\":\"top_terms_1000\"}}}}"},
        {"POST", "/" + INDEX + "/_termvectors", "{\"doc\":{\"text\":\"spice\"},\"term_statistics\":true}"},
        {"POST", "/" + INDEX + "/_update/post:none?routing=x", "{\"doc\":{},\"_source\":true}"},
        {"PUT", "/" + INDEX + "/_settings", "{\"index.final_pipeline\":\"_none\"}"}}) {
      ClusterFixture.Reply r = exchange(rest(), call[0], call[1], "KZ", call[2]);
      assertEquals(call[1] + ": " + r.json(), 403, r.status());
      assertTrue(r.json().toString(), r.json().toString().contains("refused for requests with the"));
    }
    for (String body : List.of(
        "{\"size\":0,\"aggs\":{\"u\":{\"terms\":{\"field\":\"kind.raw\",\"min_doc_count\":0}}}}",
        "{\"size\":0,\"aggs\":{\"d\":{\"date_histogram\":{\"field\":\"date\",\"calendar_interval\":\"year\"},"
            + "\"aggs\":{\"v\":{\"terms\":{\"field\":\"views\",\"min_doc_count\":0}}}}}}",
        "{\"size\":0,\"aggs\":{\"s\":{\"significant_terms\":{\"field\":\"domain\"}}}}",
        "{\"profile\":true,\"query\":{\"prefix\":{\"text\":\"sp\"}}}")) {
      ClusterFixture.Reply r = exchange(rest(), "POST", "/" + INDEX + "/_search", "KZ", body);
      assertEquals(body + ": " + r.json(), 400, r.status());
      assertTrue(r.json().toString(), r.json().toString().contains("refused for requests with the"));
    }
    // The same aggregation counting only values that visible records hold runs as ever.
    JsonNode counted = call(rest(), "POST", "/" + INDEX + "/_search", "KZ",
        "{\"size\":0,\"aggs\":{\"u\":{\"terms\":{\"field\":\"kind.raw\"}}}}");
    assertEquals(counted.toString(), 200, counted.path("_status").asInt());
  }
}
