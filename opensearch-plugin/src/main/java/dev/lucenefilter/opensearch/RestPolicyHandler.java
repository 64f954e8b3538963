package dev.lucenefilter.opensearch;

import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.env.Environment;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.BytesRestResponse;
import org.opensearch.rest.RestChannel;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.RestResponse;
import org.opensearch.rest.action.RestBuilderListener;
import org.opensearch.transport.client.node.NodeClient;

/**
 * The policy REST API: {@code POST _lucene_filter/policy/_validate}, {@code PUT _lucene_filter/policy}, {@code GET
 * _lucene_filter/policy}, {@code POST _lucene_filter/policy/_reload} and {@code POST _lucene_filter/policy/_impact}.
 * Bodies carry a policy as {@code {"files": {"GLOBAL.json": "...", "KZ.json": "..."}}}; errors are {@code
 * FILE:LINE:COLUMN: message} lines.
 */
final class RestPolicyHandler extends BaseRestHandler {
  private static final String BASE = "/_lucene_filter/policy";
  private final NodePolicy policy;
  private final ClusterService clusterService;
  private final Environment environment;

  RestPolicyHandler(NodePolicy policy, ClusterService clusterService, Environment environment) {
    this.policy = policy;
    this.clusterService = clusterService;
    this.environment = environment;
  }

  @Override
  public String getName() { return "lucene_filter_policy"; }

  @Override
  public List<Route> routes() {
    return List.of(new Route(RestRequest.Method.GET, BASE), new Route(RestRequest.Method.PUT, BASE),
        new Route(RestRequest.Method.POST, BASE + "/_validate"), new Route(RestRequest.Method.POST, BASE + "/_reload"),
        new Route(RestRequest.Method.POST, BASE + "/_impact"));
  }

  @Override
  protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
    String header = PluginSettings.JURISDICTION_HEADER.get(environment.settings());
    if (request.header(header) != null) {
      // The gateway sets the header on end users' requests: the policy API (its files, its previews of what a
      // policy hides, its updates) is for operators.
      throw new OpenSearchStatusException("lucene-filter: the policy API is refused for requests with the [" + header
          + "] header", RestStatus.FORBIDDEN);
    }
    String path = request.path();
    if (request.method() == RestRequest.Method.GET) {
      boolean withFiles = request.paramAsBoolean("files", false);
      return channel -> get(channel, withFiles);
    }
    if (path.endsWith("/_reload")) {
      PolicyFiles files = PolicyFiles.readDirectory(policyDir());
      return channel -> put(client, channel, files);
    }
    PolicyFiles files = parseFiles(request);
    if (path.endsWith("/_validate")) return channel -> validate(channel, files);
    if (path.endsWith("/_impact")) {
      int samples = request.paramAsInt("samples", 10);
      return channel -> impact(client, channel, files, samples);
    }
    return channel -> put(client, channel, files);
  }

  private Path policyDir() {
    return environment.configDir().resolve(PluginSettings.POLICY_PATH.get(environment.settings()));
  }

  static PolicyFiles parseFiles(RestRequest request) throws IOException {
    if (!request.hasContent()) throw new IllegalArgumentException("request body required: {\"files\": {\"NAME.json\": \"...\"}}");
    SortedMap<String, String> files = new TreeMap<>();
    try (XContentParser parser = request.contentParser()) {
      Map<String, Object> body = parser.map();
      Object f = body.get("files");
      if (!(f instanceof Map<?, ?> m)) throw new IllegalArgumentException("body must have an object [files] of file name to text");
      for (var e : m.entrySet()) {
        if (!(e.getValue() instanceof String s)) throw new IllegalArgumentException("file [" + e.getKey() + "] must be a string");
        files.put(e.getKey().toString(), s);
      }
    }
    return new PolicyFiles(files);
  }

  private void get(RestChannel channel, boolean withFiles) throws IOException {
    PolicyMetadata m = clusterService.state().metadata().custom(PolicyMetadata.TYPE);
    ServingPolicy s = policy.serving();
    XContentBuilder b = channel.newBuilder();
    b.startObject();
    if (m != null) {
      b.field("version", m.version()).field("hash", m.hash()).field("serial", m.serial());
      if (withFiles) {
        b.startObject("files");
        for (var e : m.files().files().entrySet()) b.field(e.getKey(), e.getValue());
        b.endObject();
      }
    }
    b.startObject("node").field("id", clusterService.localNode().getId()).field("name", clusterService.localNode().getName());
    if (s != null) b.field("serving_version", s.version()).field("serving_serial", s.serial()).field("serving_hash", s.hash());
    if (policy.lastFailure() != null) b.field("last_failure", policy.lastFailure());
    b.endObject();
    b.endObject();
    channel.sendResponse(new BytesRestResponse(m == null ? RestStatus.NOT_FOUND : RestStatus.OK, b));
  }

  private void validate(RestChannel channel, PolicyFiles files) throws IOException {
    XContentBuilder b = channel.newBuilder();
    b.startObject();
    try {
      PolicySnapshot s = files.load(policy.scratch());
      b.field("valid", true).field("version", s.version()).field("hash", files.hash());
      b.field("jurisdictions", List.copyOf(s.jurisdictions())).field("rules", s.allRules().size());
    } catch (PolicyValidationException e) {
      b.field("valid", false).field("errors", PolicyFiles.describe(e));
    }
    b.endObject();
    channel.sendResponse(new BytesRestResponse(RestStatus.OK, b));
  }

  private void put(NodeClient client, RestChannel channel, PolicyFiles files) {
    client.execute(PutPolicyAction.INSTANCE, new PutPolicyAction.Request(files), new RestBuilderListener<>(channel) {
      @Override
      public RestResponse buildResponse(PutPolicyAction.Response r, XContentBuilder b) throws IOException {
        b.startObject().field("acknowledged", true).field("changed", r.changed()).field("serial", r.serial())
            .field("version", r.version()).field("hash", r.hash()).endObject();
        return new BytesRestResponse(RestStatus.OK, b);
      }
    });
  }

  private void impact(NodeClient client, RestChannel channel, PolicyFiles files, int samples) {
    PolicyMetadata stored = clusterService.state().metadata().custom(PolicyMetadata.TYPE);
    if (stored == null) throw new IllegalStateException("the cluster has no policy yet: nothing to compare with");
    PolicySnapshot to;
    try {
      to = files.load(policy.scratch());
    } catch (PolicyValidationException e) {
      throw PolicyFiles.invalid(e);
    }
    String toVersion = to.version();
    ImpactAction.Request request = new ImpactAction.Request(stored.files(), files, policy.clock().instant(), samples);
    client.execute(ImpactAction.INSTANCE, request, new RestBuilderListener<>(channel) {
      @Override
      public RestResponse buildResponse(ImpactAction.Response r, XContentBuilder b) throws Exception {
        // An answer missing a node would understate the change: fail rather than report part of the cluster.
        if (r.hasFailures()) throw r.failures().get(0);
        int primaries = filteredPrimaries();
        if (r.primaryShards() != primaries) {
          throw new OpenSearchStatusException("lucene-filter: impact read " + r.primaryShards() + " of " + primaries
              + " primary shards of the filtered indices (some are not started): retry", RestStatus.SERVICE_UNAVAILABLE);
        }
        b.startObject().field("from_version", stored.version()).field("to_version", toVersion)
            .field("nodes", r.getNodes().size()).field("primary_shards", r.primaryShards());
        b.startArray("jurisdictions");
        for (ImpactTally t : r.merged(samples)) {
          b.startObject().field("jurisdiction", t.jurisdiction).field("presence", t.presence.name().toLowerCase(Locale.ROOT))
              .field("newly_hidden", t.newlyHidden).field("unhidden", t.unhidden);
          rules(b, "hidden_by", t.hiddenBy);
          rules(b, "unhidden_from", t.unhiddenFrom);
          b.endObject();
        }
        b.endArray().endObject();
        return new BytesRestResponse(RestStatus.OK, b);
      }
    });
  }

  /** The primary shards of the filtered indices in the cluster state: each must be counted exactly once. */
  private int filteredPrimaries() {
    int n = 0;
    for (IndexMetadata index : clusterService.state().metadata()) {
      if (index.getState() == IndexMetadata.State.OPEN && PluginSettings.INDEX_ENABLED.get(index.getSettings())) {
        n += index.getNumberOfShards();
      }
    }
    return n;
  }

  private static void rules(XContentBuilder b, String name, Map<String, ImpactTally.Rule> rules) throws IOException {
    b.startArray(name);
    for (var e : rules.entrySet()) {
      b.startObject().field("rule", e.getKey()).field("records", e.getValue().records)
          .field("samples", List.copyOf(e.getValue().samples)).endObject();
    }
    b.endArray();
  }
}
