package dev.lucenefilter.opensearch;

import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import java.io.IOException;
import java.util.TreeMap;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.ActionType;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.clustermanager.ClusterManagerNodeRequest;
import org.opensearch.action.support.clustermanager.TransportClusterManagerNodeAction;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.ClusterStateUpdateTask;
import org.opensearch.cluster.block.ClusterBlockException;
import org.opensearch.cluster.block.ClusterBlockLevel;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/**
 * Stores a policy in the cluster state. Runs on the elected cluster manager, which validates the files again
 * (whatever node received the request) and publishes them with the next serial; an invalid policy fails the
 * request with every error as {@code FILE:LINE:COLUMN} and changes nothing on any node.
 */
public final class PutPolicyAction extends ActionType<PutPolicyAction.Response> {
  public static final PutPolicyAction INSTANCE = new PutPolicyAction();
  public static final String NAME = "cluster:admin/lucene_filter/policy/put";

  private PutPolicyAction() { super(NAME, Response::new); }

  /** The files to store. */
  public static final class Request extends ClusterManagerNodeRequest<Request> {
    private final PolicyFiles files;

    public Request(PolicyFiles files) { this.files = files; }

    public Request(StreamInput in) throws IOException {
      super(in);
      files = new PolicyFiles(new TreeMap<>(in.readMap(StreamInput::readString, StreamInput::readString)));
    }

    public PolicyFiles files() { return files; }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      out.writeMap(files.files(), StreamOutput::writeString, StreamOutput::writeString);
    }

    @Override
    public ActionRequestValidationException validate() { return null; }
  }

  /** What the cluster now stores. */
  public static final class Response extends ActionResponse {
    private final long serial;
    private final String version;
    private final String hash;
    private final boolean changed;

    public Response(long serial, String version, String hash, boolean changed) {
      this.serial = serial;
      this.version = version;
      this.hash = hash;
      this.changed = changed;
    }

    public Response(StreamInput in) throws IOException {
      this(in.readVLong(), in.readString(), in.readString(), in.readBoolean());
    }

    public long serial() { return serial; }

    public String version() { return version; }

    public String hash() { return hash; }

    public boolean changed() { return changed; }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      out.writeVLong(serial);
      out.writeString(version);
      out.writeString(hash);
      out.writeBoolean(changed);
    }
  }

  /** The cluster-manager side. */
  public static final class Transport extends TransportClusterManagerNodeAction<Request, Response> {
    private final NodePolicy policy;
    private final long maxBytes;

    @Inject
    public Transport(TransportService transportService, ClusterService clusterService, ThreadPool threadPool,
        ActionFilters actionFilters, IndexNameExpressionResolver resolver, NodePolicy policy) {
      super(NAME, transportService, clusterService, threadPool, actionFilters, Request::new, resolver);
      this.policy = policy;
      this.maxBytes = PluginSettings.MAX_POLICY_SIZE.get(clusterService.getSettings()).getBytes();
    }

    @Override
    protected String executor() { return ThreadPool.Names.GENERIC; }

    @Override
    protected Response read(StreamInput in) throws IOException { return new Response(in); }

    @Override
    protected ClusterBlockException checkBlock(Request request, ClusterState state) {
      return state.blocks().globalBlockedException(ClusterBlockLevel.METADATA_WRITE);
    }

    @Override
    protected void clusterManagerOperation(Request request, ClusterState state, ActionListener<Response> listener) {
      PolicyFiles files = request.files();
      if (files.sizeInBytes() > maxBytes) {
        listener.onFailure(new IllegalArgumentException("policy is " + files.sizeInBytes() + " bytes, more than "
            + PluginSettings.MAX_POLICY_SIZE.getKey() + " (" + maxBytes + ")"));
        return;
      }
      PolicySnapshot snapshot;
      try {
        snapshot = files.load(policy.scratch());
      } catch (PolicyValidationException e) {
        listener.onFailure(PolicyFiles.invalid(e));
        return;
      }
      String version = snapshot.version();
      clusterService.submitStateUpdateTask("lucene-filter put policy " + version, new ClusterStateUpdateTask() {
        private Response response;

        @Override
        public ClusterState execute(ClusterState current) {
          PolicyMetadata old = current.metadata().custom(PolicyMetadata.TYPE);
          if (old != null && old.hash().equals(files.hash())) {
            response = new Response(old.serial(), old.version(), old.hash(), false);
            return current;
          }
          PolicyMetadata next = new PolicyMetadata(old == null ? 1 : old.serial() + 1, version, files);
          response = new Response(next.serial(), next.version(), next.hash(), true);
          return ClusterState.builder(current).metadata(Metadata.builder(current.metadata()).putCustom(PolicyMetadata.TYPE, next)).build();
        }

        @Override
        public void onFailure(String source, Exception e) { listener.onFailure(e); }

        @Override
        public void clusterStateProcessed(String source, ClusterState oldState, ClusterState newState) {
          listener.onResponse(response);
        }
      });
    }
  }
}
