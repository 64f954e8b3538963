package dev.lucenefilter.opensearch;

import org.opensearch.OpenSearchStatusException;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.support.ActionFilter;
import org.opensearch.action.support.ActionFilterChain;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.search.suggest.SuggestionBuilder;
import org.opensearch.search.suggest.completion.CompletionSuggestionBuilder;
import org.opensearch.tasks.Task;

/**
 * Request-level guards on the node that receives a request: every response carries the node's serving policy
 * version ({@link JurisdictionReaderWrapper#VERSION_HEADER}); searches never use the shard request cache (its key
 * is the shard reader, shared by all jurisdictions, so a cached result would cross jurisdictions); and term and
 * phrase suggesters are refused, because they read the term dictionary, which deleted-looking documents still
 * feed (the completion suggester honours live documents and is allowed). Requests carrying the jurisdiction
 * header are end users' requests (the gateway sets it): they may not read index and node statistics ({@code
 * indices:monitor/*}: {@code _stats}, {@code _cat/indices}, segments, recovery; {@code _nodes/stats}; {@code
 * _cluster/stats}), which count every document, hidden or not, and would tell a jurisdiction how much it cannot
 * see. Operators read them without the header.
 */
final class PolicyActionFilter implements ActionFilter {
  private final NodePolicy policy;
  private final ThreadContext threadContext;
  private final String header;

  PolicyActionFilter(NodePolicy policy, ThreadContext threadContext, String header) {
    this.policy = policy;
    this.threadContext = threadContext;
    this.header = header;
  }

  /** True for the actions that report document counts or sizes regardless of jurisdiction. */
  static boolean isStatistics(String action) {
    return action.startsWith("indices:monitor/") || action.startsWith("cluster:monitor/nodes/stats")
        || action.startsWith("cluster:monitor/stats");
  }

  @Override
  public int order() { return Integer.MIN_VALUE + 100; }

  @Override
  public <Request extends ActionRequest, Response extends ActionResponse> void apply(Task task, String action, Request request,
      ActionListener<Response> listener, ActionFilterChain<Request, Response> chain) {
    ServingPolicy serving = policy.serving();
    if (serving != null) threadContext.addResponseHeader(JurisdictionReaderWrapper.VERSION_HEADER, serving.version());
    if (isStatistics(action) && threadContext.getHeader(header) != null) {
      listener.onFailure(new OpenSearchStatusException("lucene-filter: [" + action + "] counts hidden documents: refused for"
          + " requests with the [" + header + "] header", RestStatus.FORBIDDEN));
      return;
    }
    if (request instanceof SearchRequest search) {
      search.requestCache(false);
      if (search.source() != null && search.source().suggest() != null) {
        for (SuggestionBuilder<?> s : search.source().suggest().getSuggestions().values()) {
          if (!(s instanceof CompletionSuggestionBuilder)) {
            listener.onFailure(new IllegalArgumentException("lucene-filter: only completion suggesters are allowed: ["
                + s.getWriteableName() + "] reads terms of hidden documents"));
            return;
          }
        }
      }
    }
    chain.proceed(task, action, request, listener);
  }
}
