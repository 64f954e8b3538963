package dev.lucenefilter.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.explain.ExplainRequest;
import org.opensearch.action.get.GetRequest;
import org.opensearch.action.get.MultiGetRequest;
import org.opensearch.action.search.ClearScrollRequest;
import org.opensearch.action.search.DeletePitRequest;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.support.ActionFilter;
import org.opensearch.action.support.ActionFilterChain;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.search.aggregations.AggregationBuilder;
import org.opensearch.search.aggregations.bucket.terms.MultiTermsAggregationBuilder;
import org.opensearch.search.aggregations.bucket.terms.SignificantTermsAggregationBuilder;
import org.opensearch.search.aggregations.bucket.terms.SignificantTextAggregationBuilder;
import org.opensearch.search.aggregations.bucket.terms.TermsAggregationBuilder;
import org.opensearch.search.builder.SearchSourceBuilder;
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
 * see. Operators read them without the header. Nor may they write, administer, read the cluster state, validate
 * or explain queries, or read term vectors ({@link #operatorOnly}), or search in the ways {@link #refusedSearch}
 * lists, each of which reads the term dictionary or counts that hidden documents still feed, or names another
 * jurisdiction's filter; their gets are never realtime (the version map answers before the filtered reader, so a
 * version conflict would show a hidden record not yet refreshed). Nobody, operators included, may
 * write to a filtered index past its checking pipeline ({@link WritePathGuard}).
 */
final class PolicyActionFilter implements ActionFilter {
  private final NodePolicy policy;
  private final WritePathGuard writeGuard;
  private final ThreadContext threadContext;
  private final String header;

  PolicyActionFilter(NodePolicy policy, WritePathGuard writeGuard, ThreadContext threadContext, String header) {
    this.policy = policy;
    this.writeGuard = writeGuard;
    this.threadContext = threadContext;
    this.header = header;
  }

  /** True for the actions that report document counts or sizes regardless of jurisdiction. */
  static boolean isStatistics(String action) {
    return action.startsWith("indices:monitor/") || action.startsWith("cluster:monitor/nodes/stats")
        || action.startsWith("cluster:monitor/stats");
  }

  /**
   * Why an end user's request may not run this action, or null. End users read: writes (an update reads the stored
   * record unfiltered, and a partial update skips the pipeline that checks records), index and cluster
   * administration (settings that drop the pipeline, clones, restores, the policy actions: an impact preview reads
   * every record unfiltered and names what a policy hides), the cluster state (it holds every blocklist), query
   * validation (a rewritten query lists terms only hidden documents hold) and term vectors (their term statistics
   * count hidden documents) are operators' work.
   */
  static String operatorOnly(String action) {
    if (action.startsWith("indices:data/write/")) return "writes records";
    if (action.startsWith("cluster:admin/")) return "administers the cluster or the policy";
    if (action.startsWith("indices:admin/validate/query")) return "lists terms of hidden documents";
    if (action.startsWith("indices:admin/")) return "administers indices";
    if (action.startsWith("cluster:monitor/state")) return "returns the policy's blocklists";
    if (action.startsWith("indices:data/read/tv") || action.startsWith("indices:data/read/mtv")) {
      return "counts hidden documents in its term statistics";
    }
    if (action.startsWith("indices:data/read/field_caps")) return "lists fields only hidden documents have";
    if (action.startsWith("indices:data/read/explain")) return EXPLAIN;
    if (action.startsWith("cluster:monitor/task")) return "shows other requests, records being written included";
    if (action.startsWith("cluster:monitor/allocation/explain")) return "reports shard sizes";
    if (action.startsWith("indices:data/read/point_in_time/readall")) return "lists every point in time, other users' included";
    return null;
  }

  /** Why an end user's request that ends scrolls or points in time may not run, or null: {@code _all} ends everyone's. */
  static String endsOthersContexts(ActionRequest request) {
    if (request instanceof ClearScrollRequest clear && clear.getScrollIds() != null && clear.getScrollIds().contains("_all")) {
      return "clearing _all scrolls ends other users' scrolls";
    }
    if (request instanceof DeletePitRequest delete && delete.getPitIds() != null && delete.getPitIds().contains("_all")) {
      return "deleting _all points in time ends other users' points in time";
    }
    return null;
  }


  /**
   * Why an end user's search may not run as written, or null. A terms or multi_terms aggregation with
   * min_doc_count 0 lists every value of the field's dictionary, hidden documents' included (OpenSearch's
   * security plugin refuses it under document-level security for the same reason); significant_terms and
   * significant_text count every document of the shard as their background; a profile prints the rewritten query
   * with terms only hidden documents hold, and {@code explain} that and document numbers; a {@code
   * jurisdiction_filter} for a jurisdiction other than {@code own} (the header's) shows what that one hides; {@link
   * TermExpansionOracles} lists the query forms whose term expansion or term choice depends on hidden documents.
   */
  static String refusedSearch(SearchRequest search, String own) {
    SearchSourceBuilder source = search.source();
    if (source == null) return null;
    if (source.profile()) return "a profile prints terms of hidden documents";
    if (source.searchPipelineSource() != null) {
      return "an ad-hoc search_pipeline runs after these checks and could turn on what they refuse";
    }
    JsonNode json = SearchJson.read(source);
    String other = own == null ? null : namedJurisdiction(json, own);
    if (other != null) {
      return "[" + JurisdictionFilterQueryBuilder.NAME + "] for [" + other + "] shows what another jurisdiction hides";
    }
    String order = DocumentOrderOracles.refusal(source, json);
    if (order != null) return order;
    String query = TermExpansionOracles.refusal(json);
    if (query != null) return query;
    return source.aggregations() == null ? null : refusedAggregation(source.aggregations().getAggregatorFactories());
  }

  /**
   * Why explanations are refused: they print the rewritten query, whose expansions (fuzzy, phrase prefix) list
   * words only hidden records hold, and each hit's document number, whose gaps count hidden records.
   */
  static final String EXPLAIN = "explain prints words of hidden records and document numbers that count them";

  /**
   * The first jurisdiction a {@code jurisdiction_filter} names that is not {@code own}, or null: such a search would
   * tell the user what another jurisdiction hides (its blocklists are operators' to read).
   */
  static String namedJurisdiction(JsonNode node, String own) {
    if (node == null) return null;
    return SearchJson.firstOf(node, (key, value) -> {
      JsonNode j = value.path("jurisdiction");
      return key.equals(JurisdictionFilterQueryBuilder.NAME) && j.isTextual() && !j.asText().equals(own) ? j.asText()
          : null;
    }, text -> null);
  }

  private static String refusedAggregation(Collection<AggregationBuilder> aggregations) {
    for (AggregationBuilder a : aggregations) {
      if (a instanceof TermsAggregationBuilder t && t.minDocCount() == 0
          || a instanceof MultiTermsAggregationBuilder m && m.minDocCount() == 0) {
        return "[" + a.getName() + "]: min_doc_count 0 lists values of hidden documents";
      }
      if (a instanceof SignificantTermsAggregationBuilder || a instanceof SignificantTextAggregationBuilder) {
        return "[" + a.getName() + "]: " + a.getType() + " counts hidden documents in its background";
      }
      String sub = refusedAggregation(a.getSubAggregations());
      if (sub != null) return sub;
    }
    return null;
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
    boolean endUser = threadContext.getHeader(header) != null;
    String operatorOnly = endUser ? operatorOnly(action) : null;
    if (operatorOnly == null && endUser) operatorOnly = endsOthersContexts(request);
    if (operatorOnly != null) {
      listener.onFailure(new OpenSearchStatusException("lucene-filter: [" + action + "] " + operatorOnly
          + ": refused for requests with the [" + header + "] header", RestStatus.FORBIDDEN));
      return;
    }
    writeGuard.resolveDateMath(request);
    String unchecked = writeGuard.refusal(request);
    if (unchecked != null) {
      listener.onFailure(new IllegalArgumentException("lucene-filter: " + unchecked));
      return;
    }
    String own = threadContext.getHeader(header);
    String refused = !endUser ? null
        : request instanceof SearchRequest search ? refusedSearch(search, own)
        : request instanceof ExplainRequest explain && explain.query() != null
            ? TermExpansionOracles.refusal(SearchJson.read(explain.query())) : null;
    if (refused != null) {
      listener.onFailure(new IllegalArgumentException("lucene-filter: " + refused + ": refused for requests with the ["
          + header + "] header"));
      return;
    }
    // A realtime get reads the version map before any reader, so a version conflict (409 against 404) would tell an
    // end user that a hidden record not yet refreshed exists: end users get through the filtered searcher only.
    if (endUser && request instanceof GetRequest get) get.realtime(false);
    if (endUser && request instanceof MultiGetRequest multiGet) multiGet.realtime(false);
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
