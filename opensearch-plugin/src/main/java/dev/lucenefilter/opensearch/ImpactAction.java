package dev.lucenefilter.opensearch;

import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.ImpactAnalysis;
import dev.lucenefilter.filter.RecordView;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.util.Bits;
import org.opensearch.action.FailedNodeException;
import org.opensearch.action.ActionType;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.nodes.BaseNodeResponse;
import org.opensearch.action.support.nodes.BaseNodesRequest;
import org.opensearch.action.support.nodes.BaseNodesResponse;
import org.opensearch.action.support.nodes.TransportNodesAction;
import org.opensearch.cluster.ClusterName;
import org.opensearch.cluster.node.DiscoveryNode;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.index.IndexService;
import org.opensearch.index.shard.IndexShard;
import org.opensearch.index.shard.IndexShardState;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportRequest;
import org.opensearch.transport.TransportService;

/**
 * Cluster-wide impact of a candidate policy: every node compares the two policies over the primary shards of the
 * filtered indices it holds (the same exclusion sets it would serve, document by document), names the rules of
 * each changed record with the library's reference decision ({@link DecisionEngine}) on the record read back from
 * {@code _source}, and the receiving node merges the tallies. Each primary is counted once, so the totals are
 * those of the library's {@code ImpactAnalysis} over all records. Nothing is changed.
 */
public final class ImpactAction extends ActionType<ImpactAction.Response> {
  public static final ImpactAction INSTANCE = new ImpactAction();
  public static final String NAME = "cluster:admin/lucene_filter/policy/impact";

  private ImpactAction() { super(NAME, Response::new); }

  /** The policies to compare, the instant to evaluate time-limited rules at, and samples per rule. */
  public static final class Request extends BaseNodesRequest<Request> {
    final PolicyFiles from;
    final PolicyFiles to;
    final long atMillis;
    final int samples;

    public Request(PolicyFiles from, PolicyFiles to, Instant at, int samples) {
      super((String[]) null);
      this.from = from;
      this.to = to;
      this.atMillis = at.toEpochMilli();
      this.samples = samples;
    }

    public Request(StreamInput in) throws IOException {
      super(in);
      from = readFiles(in);
      to = readFiles(in);
      atMillis = in.readLong();
      samples = in.readVInt();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      writeFiles(out, from);
      writeFiles(out, to);
      out.writeLong(atMillis);
      out.writeVInt(samples);
    }
  }

  /** The per-node request: the nodes request it serves, sent whole (as OpenSearch's own nodes actions do). */
  public static final class NodeRequest extends TransportRequest {
    final Request request;

    NodeRequest(Request request) { this.request = request; }

    public NodeRequest(StreamInput in) throws IOException {
      super(in);
      request = new Request(in);
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      request.writeTo(out);
    }
  }

  /** One node's tallies and how many primary shards it examined. */
  public static final class NodeResponse extends BaseNodeResponse {
    final int primaryShards;
    final List<ImpactTally> tallies;

    NodeResponse(DiscoveryNode node, int primaryShards, List<ImpactTally> tallies) {
      super(node);
      this.primaryShards = primaryShards;
      this.tallies = tallies;
    }

    public NodeResponse(StreamInput in) throws IOException {
      super(in);
      primaryShards = in.readVInt();
      tallies = in.readList(ImpactTally::new);
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      out.writeVInt(primaryShards);
      out.writeList(tallies);
    }
  }

  /** Every node's answer; {@link #merged} adds them up. */
  public static final class Response extends BaseNodesResponse<NodeResponse> {
    public Response(StreamInput in) throws IOException { super(in); }

    Response(ClusterName cluster, List<NodeResponse> nodes, List<FailedNodeException> failures) { super(cluster, nodes, failures); }

    @Override
    protected List<NodeResponse> readNodesFrom(StreamInput in) throws IOException { return in.readList(NodeResponse::new); }

    @Override
    protected void writeNodesTo(StreamOutput out, List<NodeResponse> nodes) throws IOException { out.writeList(nodes); }

    /** The primary shards examined over all nodes. */
    int primaryShards() {
      int n = 0;
      for (NodeResponse r : getNodes()) n += r.primaryShards;
      return n;
    }

    /** The cluster's tally per jurisdiction, in code order. */
    List<ImpactTally> merged(int samples) {
      Map<String, ImpactTally> out = new TreeMap<>();
      for (NodeResponse r : getNodes()) {
        for (ImpactTally t : r.tallies) out.computeIfAbsent(t.jurisdiction, j -> new ImpactTally(j, t.presence)).merge(t, samples);
      }
      return new ArrayList<>(out.values());
    }
  }

  /** Runs on every node. */
  public static final class Transport extends TransportNodesAction<Request, Response, NodeRequest, NodeResponse> {
    private final NodePolicy policy;

    @Inject
    public Transport(ThreadPool threadPool, ClusterService clusterService, TransportService transportService,
        ActionFilters actionFilters, NodePolicy policy) {
      super(NAME, threadPool, clusterService, transportService, actionFilters, Request::new, NodeRequest::new,
          ThreadPool.Names.GENERIC, NodeResponse.class);
      this.policy = policy;
    }

    @Override
    protected Response newResponse(Request request, List<NodeResponse> nodes, List<FailedNodeException> failures) {
      return new Response(clusterService.getClusterName(), nodes, failures);
    }

    @Override
    protected NodeRequest newNodeRequest(Request request) { return new NodeRequest(request); }

    @Override
    protected NodeResponse newNodeResponse(StreamInput in) throws IOException { return new NodeResponse(in); }

    @Override
    protected NodeResponse nodeOperation(NodeRequest nodeRequest) {
      Request request = nodeRequest.request;
      PolicySnapshot from = load(request.from), to = load(request.to);
      Instant at = Instant.ofEpochMilli(request.atMillis);
      Set<String> jurisdictions = new TreeSet<>(from.jurisdictions());
      jurisdictions.addAll(to.jurisdictions());
      DecisionEngine before = DecisionEngine.create(from, policy.filters(), UnknownJurisdictions.ERROR);
      DecisionEngine after = DecisionEngine.create(to, policy.filters(), UnknownJurisdictions.ERROR);
      Map<String, ImpactTally> tallies = new TreeMap<>();
      for (String j : jurisdictions) {
        tallies.put(j, new ImpactTally(j, ImpactAnalysis.Presence.of(from.hasJurisdiction(j), to.hasJurisdiction(j))));
      }
      int shards = 0;
      try {
        for (IndexService index : policy.filteredIndices()) {
          // A closed index is searchable by nobody: as the receiving node's count of primaries, leave it out.
          if (index.getMetadata().getState() != org.opensearch.cluster.metadata.IndexMetadata.State.OPEN) continue;
          for (IndexShard shard : index) {
            if (shard.state() != IndexShardState.STARTED || !shard.routingEntry().primary()) continue;
            shards++;
            NodePolicy.withUnfilteredReader(threadPool.getThreadContext(), shard, reader -> {
              StoredRecords records = new StoredRecords(reader);
              for (String j : jurisdictions) {
                compare(reader, records, from, to, before, after, j, at, tallies.get(j), request.samples);
              }
              return null;
            });
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new NodeResponse(clusterService.localNode(), shards, new ArrayList<>(tallies.values()));
    }

    private PolicySnapshot load(PolicyFiles files) {
      try {
        return files.load(policy.scratch());
      } catch (PolicyValidationException e) {
        throw PolicyFiles.invalid(e);
      }
    }

    private void compare(DirectoryReader reader, StoredRecords records, PolicySnapshot from, PolicySnapshot to,
        DecisionEngine before, DecisionEngine after, String j, Instant at, ImpactTally tally, int samples) throws IOException {
      // As the library's ImpactAnalysis, for a service that refuses unknown jurisdictions (the plugin's reader
      // wrapper does): a removed jurisdiction's searches will be refused, so nothing becomes visible; an added one's
      // were refused, so everything it hides is newly hidden (compared against the plain reader).
      if (!to.hasJurisdiction(j)) return;
      DirectoryReader old = from.hasJurisdiction(j) ? policy.cache().visibleReader(reader, from, j, at) : reader;
      DirectoryReader neu = policy.cache().visibleReader(reader, to, j, at);
      for (int i = 0; i < reader.leaves().size(); i++) {
        LeafReader plain = reader.leaves().get(i).reader();
        int docBase = reader.leaves().get(i).docBase;
        Bits live = plain.getLiveDocs(), b = old.leaves().get(i).reader().getLiveDocs(), a = neu.leaves().get(i).reader().getLiveDocs();
        if (b == live && a == live) continue;
        for (int d = 0; d < plain.maxDoc(); d++) {
          if (live != null && !live.get(d)) continue;
          boolean wasVisible = b == null || b.get(d), isVisible = a == null || a.get(d);
          if (wasVisible == isVisible) continue;
          RecordView v = records.view(docBase + d);
          String label = (v.kind() == RecordView.Kind.POST ? "post:" : "channel:") + v.id();
          List<String> rules = isVisible ? before.decide(v, j, at).rules() : after.decide(v, j, at).rules();
          tally.add(!isVisible, label, rules, samples);
        }
      }
    }
  }

  private static PolicyFiles readFiles(StreamInput in) throws IOException {
    return new PolicyFiles(new TreeMap<>(in.readMap(StreamInput::readString, StreamInput::readString)));
  }

  private static void writeFiles(StreamOutput out, PolicyFiles files) throws IOException {
    out.writeMap(files.files(), StreamOutput::writeString, StreamOutput::writeString);
  }
}
