package dev.lucenefilter.opensearch;

import org.opensearch.action.ActionRequest;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.support.ActionFilter;
import org.opensearch.action.support.ActionFilterChain;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.search.suggest.SuggestionBuilder;
import org.opensearch.search.suggest.completion.CompletionSuggestionBuilder;
import org.opensearch.tasks.Task;

/**
 * Request-level guards on the node that receives a request: every response carries the node's serving policy
 * version ({@link JurisdictionReaderWrapper#VERSION_HEADER}); searches never use the shard request cache (its key
 * is the shard reader, shared by all jurisdictions, so a cached result would cross jurisdictions); and term and
 * phrase suggesters are refused, because they read the term dictionary, which deleted-looking documents still
 * feed (the completion suggester honours live documents and is allowed).
 */
final class PolicyActionFilter implements ActionFilter {
  private final NodePolicy policy;
  private final ThreadContext threadContext;

  PolicyActionFilter(NodePolicy policy, ThreadContext threadContext) {
    this.policy = policy;
    this.threadContext = threadContext;
  }

  @Override
  public int order() { return Integer.MIN_VALUE + 100; }

  @Override
  public <Request extends ActionRequest, Response extends ActionResponse> void apply(Task task, String action, Request request,
      ActionListener<Response> listener, ActionFilterChain<Request, Response> chain) {
    ServingPolicy serving = policy.serving();
    if (serving != null) threadContext.addResponseHeader(JurisdictionReaderWrapper.VERSION_HEADER, serving.version());
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
