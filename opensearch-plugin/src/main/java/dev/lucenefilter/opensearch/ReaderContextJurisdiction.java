package dev.lucenefilter.opensearch;

import java.util.Objects;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.index.shard.SearchOperationListener;
import org.opensearch.search.SearchContextMissingException;
import org.opensearch.search.internal.ReaderContext;
import org.opensearch.transport.TransportRequest;

/**
 * Binds a scroll or point in time of a filtered index to the view it was opened with. A reader context keeps the
 * searcher of the request that opened it, wrapped for that request's jurisdiction and policy; a later page reads
 * through that searcher whoever asks. So a continuation must come from the same jurisdiction: another
 * jurisdiction's request (a forged or leaked scroll or PIT id) is answered as if the context did not exist, and
 * a scroll or point-in-time page asked for from the same jurisdiction after the serving policy changed is refused
 * with 409, so that no page is read under a policy that no longer applies (the fetch phase of a plain search reads
 * the searcher its query phase used, under one policy, and goes on). Thread-safe (stateless between calls).
 */
final class ReaderContextJurisdiction implements SearchOperationListener {
  private static final String VIEW = "lucene_filter.view";
  private static final String INTERNAL = "\u0000internal-unfiltered";

  private final NodePolicy policy;
  private final JurisdictionResolver resolver;
  private final ThreadContext threadContext;

  ReaderContextJurisdiction(NodePolicy policy, JurisdictionResolver resolver, ThreadContext threadContext) {
    this.policy = policy;
    this.resolver = resolver;
    this.threadContext = threadContext;
  }

  /** The jurisdiction and the policy version a reader context was opened with. */
  private record View(String jurisdiction, String version) {}

  @Override
  public void onNewReaderContext(ReaderContext context) {
    context.putInContext(VIEW, current());
  }

  @Override
  public void validateReaderContext(ReaderContext context, TransportRequest request) {
    View opened = context.getFromContext(VIEW);
    View now = current();
    if (opened == null || !Objects.equals(opened.jurisdiction(), now.jurisdiction())) {
      throw new SearchContextMissingException(context.id());
    }
    // A search's own phases (query, then fetch) read one searcher, so they agree even across a swap; a scroll or
    // point in time (not single-session) is read by later requests, which must not see an old policy's view.
    if (!context.singleSession() && !Objects.equals(opened.version(), now.version())) {
      throw new OpenSearchStatusException("lucene-filter: the policy changed from " + opened.version() + " to " + now.version()
          + " since this scroll or point in time was opened: open a new one", RestStatus.CONFLICT);
    }
  }

  private View current() {
    if (NodePolicy.isInternalUnfiltered(threadContext)) return new View(INTERNAL, null);
    ServingPolicy serving = policy.serving();
    return new View(resolver.resolve(threadContext), serving == null ? null : serving.version());
  }
}
