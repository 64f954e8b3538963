package dev.lucenefilter.opensearch;

import java.util.function.Supplier;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.search.SearchService;
import org.opensearch.search.internal.ShardSearchRequest;
import org.opensearch.transport.TransportInterceptor;
import org.opensearch.transport.TransportRequest;
import org.opensearch.transport.TransportRequestHandler;

/**
 * Keeps OpenSearch's shard skipping from reading a filtered shard's segments as they are. Can-match ({@code
 * SearchService#canMatch}) rewrites the query on a searcher acquired as {@code "can_match"}, and OpenSearch hands
 * that searcher out without the index's reader wrapper ({@code Engine$SearcherSupplier#acquireSearcher} returns
 * it unwrapped for that source, by design: it reads no documents). A range rewrite there reads every record's point
 * bounds, hidden ones included, so a shard whose only matches are hidden would not be skipped, and {@code
 * _shards.skipped} would tell an end user that hidden records lie in a range. So, on the data node, before
 * OpenSearch sees the request:
 *
 * <ul>
 *   <li>a can-match request for a shard of a filtered index is answered "may match", with no sort bounds;
 *   <li>a query-phase request for one is told not to return an empty response when the query rewrites to match
 *       nothing ({@code canReturnNullResponseIfMatchNoDocs}), because that check runs the same can-match on the same
 *       unwrapped searcher.
 * </ul>
 *
 * <p>Every shard of a filtered index then runs the query phase, which reads through the reader wrapper (and so
 * rewrites ranges with the visible records' bounds only). The cost is OpenSearch's shard pre-filtering for those
 * indices: shards that could be skipped run a query phase that finds nothing, and shards are not ordered by the
 * sort field's bounds. Other indices are untouched. A shard whose index metadata this node does not know is
 * treated as filtered (fail closed). Thread-safe (stateless between calls).
 */
final class CanMatchGuard implements TransportInterceptor {
  /** The shard-level can-match action ({@code SearchTransportService.QUERY_CAN_MATCH_NAME}). */
  static final String CAN_MATCH_ACTION = "indices:data/read/search[can_match]";

  private final Supplier<Metadata> metadata;

  /** {@code metadata} may return null until the node has a cluster state; every shard then counts as filtered. */
  CanMatchGuard(Supplier<Metadata> metadata) {
    this.metadata = metadata;
  }

  @Override
  public <T extends TransportRequest> TransportRequestHandler<T> interceptHandler(String action, String executor,
      boolean forceExecution, TransportRequestHandler<T> actual) {
    if (!action.startsWith("indices:data/read/search[")) return actual;
    return (request, channel, task) -> {
      if (request instanceof ShardSearchRequest shard && filtered(shard)) {
        if (action.equals(CAN_MATCH_ACTION)) {
          channel.sendResponse(new SearchService.CanMatchResponse(true, null));
          return;
        }
        shard.canReturnNullResponseIfMatchNoDocs(false);
      }
      actual.messageReceived(request, channel, task);
    };
  }

  /** Whether the request's shard belongs to a filtered index, or to one this node cannot tell is not. */
  boolean filtered(ShardSearchRequest request) {
    Metadata md = metadata.get();
    IndexMetadata index = md == null || request.shardId() == null ? null : md.index(request.shardId().getIndex());
    return index == null || PluginSettings.INDEX_ENABLED.get(index.getSettings());
  }
}
