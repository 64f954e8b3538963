package dev.lucenefilter.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.cluster.ClusterChangedEvent;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.ClusterStateListener;
import org.opensearch.cluster.ClusterStateUpdateTask;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.Priority;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.gateway.GatewayService;
import org.opensearch.index.engine.Engine;

/**
 * Proof that a document of a filtered index came out of the {@code lucene_filter} processor. The processor adds
 * {@link #FIELD}: an HMAC-SHA256, under the cluster's {@link StampKeyMetadata} key, over the document id, its
 * routing and a canonical form (keys sorted, numbers and strings as JSON writes them) of every other field it wrote.
 * The primary shard recomputes it from the source it is about to index ({@link #refusal}); a document without it,
 * or whose stamp does not match, is refused. So a write that skipped the processor (an ingest pipeline rerouting to
 * a filtered index, whose final pipeline OpenSearch then looks up by the name as written) stores nothing, and a
 * caller cannot forge a stamp without the key, nor move one to another id, routing (shard) or content. The mapping
 * keeps the field out of the stored {@code _source} and unindexed.
 *
 * <p>On the elected cluster manager it also draws the key when the recovered cluster state has none. Thread-safe.
 */
final class RecordStamp implements ClusterStateListener {
  /** The source field that carries the stamp; only the processor may write it. */
  static final String FIELD = "lucene_filter_stamp";
  private static final Logger LOG = LogManager.getLogger(RecordStamp.class);
  private static final String VERSION = "v1:";
  private static final byte[] DOMAIN = "lucene-filter record stamp v1".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final ClusterService clusterService;
  private final Supplier<ClusterState> state;
  private final AtomicBoolean keyPending = new AtomicBoolean();

  RecordStamp(ClusterService clusterService) {
    this.clusterService = clusterService;
    this.state = clusterService::state;
  }

  /**
   * The stamp of a document the processor wrote: {@code source} is every field it will store (the stamp aside).
   * Refuses (503) while this node has no key yet, rather than write a document its shard would refuse.
   */
  String stamp(String id, String routing, Map<String, Object> source) {
    byte[] key = key();
    if (key == null) {
      throw new OpenSearchStatusException("lucene-filter: this node has no stamp key yet: refusing to index; retry",
          RestStatus.SERVICE_UNAVAILABLE);
    }
    return mac(key, id, routing, source);
  }

  /**
   * Why the primary must refuse {@code op} into {@code index} (400, or 503 while this node has no key yet), or null
   * when it carries a valid stamp. Reads the operation's own source: the bytes that will be stored and replicated.
   */
  Exception refusal(String index, Engine.Index op) {
    String prefix = "lucene-filter: index [" + index + "] refuses document [" + op.id() + "]: ";
    Map<String, Object> source;
    try {
      source = XContentHelper.convertToMap(op.source(), false, op.parsedDoc().getMediaType()).v2();
    } catch (RuntimeException e) {
      return new IllegalArgumentException(prefix + "its source cannot be read back; nothing was stored", e);
    }
    Object stamp = source.remove(FIELD);
    if (stamp == null) {
      return new IllegalArgumentException(prefix + "it has no [" + FIELD + "], so it did not come out of the ["
          + RecordProcessor.TYPE + "] processor (an ingest pipeline that sets _index to a filtered index skips that"
          + " index's final pipeline); nothing was stored: write records to the filtered index itself");
    }
    byte[] key = key();
    if (key == null) {
      return new OpenSearchStatusException(prefix + "this node has no stamp key yet to check its [" + FIELD + "]; nothing"
          + " was stored: retry", RestStatus.SERVICE_UNAVAILABLE);
    }
    byte[] expected = mac(key, op.id(), op.routing(), source).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, String.valueOf(stamp).getBytes(StandardCharsets.UTF_8))) {
      return new IllegalArgumentException(prefix + "its [" + FIELD + "] does not match its id, routing and content"
          + " (forged, or changed after the [" + RecordProcessor.TYPE + "] processor); nothing was stored");
    }
    return null;
  }

  private byte[] key() {
    StampKeyMetadata m = state.get().metadata().custom(StampKeyMetadata.TYPE);
    return m == null ? null : m.key();
  }

  private static String mac(byte[] key, String id, String routing, Map<String, Object> source) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(DOMAIN);
      // Length-prefixed, so that no split of the same bytes between id, routing and content gives the same input.
      lengthPrefixed(mac, id.getBytes(StandardCharsets.UTF_8));
      lengthPrefixed(mac, routing == null ? null : routing.getBytes(StandardCharsets.UTF_8));
      lengthPrefixed(mac, CANONICAL.writeValueAsBytes(source));
      return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException | JsonProcessingException e) {
      throw new IllegalStateException("lucene-filter: cannot compute a record stamp", e);
    }
  }

  private static void lengthPrefixed(Mac mac, byte[] bytes) {
    mac.update(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
    if (bytes != null) mac.update(bytes);
  }

  @Override
  public void clusterChanged(ClusterChangedEvent event) {
    ClusterState s = event.state();
    // Before recovery the state is empty: a key drawn then would be replaced by the persisted one anyway.
    if (!event.localNodeClusterManager() || s.blocks().hasGlobalBlock(GatewayService.STATE_NOT_RECOVERED_BLOCK)) return;
    if (s.metadata().custom(StampKeyMetadata.TYPE) != null || !keyPending.compareAndSet(false, true)) return;
    clusterService.submitStateUpdateTask("lucene-filter stamp key", new ClusterStateUpdateTask(Priority.URGENT) {
      @Override
      public ClusterState execute(ClusterState current) {
        if (current.metadata().custom(StampKeyMetadata.TYPE) != null) return current;
        return ClusterState.builder(current)
            .metadata(Metadata.builder(current.metadata()).putCustom(StampKeyMetadata.TYPE, StampKeyMetadata.generate())).build();
      }

      @Override
      public void onFailure(String source, Exception e) {
        keyPending.set(false);
        // The next cluster state event tries again; until then filtered indices refuse writes.
        LOG.warn("lucene-filter: could not store a stamp key", e);
      }

      @Override
      public void clusterStateProcessed(String source, ClusterState oldState, ClusterState newState) { keyPending.set(false); }
    });
  }
}
