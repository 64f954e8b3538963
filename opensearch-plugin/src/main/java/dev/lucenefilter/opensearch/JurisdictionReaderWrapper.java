package dev.lucenefilter.opensearch;

import java.io.IOException;
import org.apache.lucene.index.DirectoryReader;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.common.CheckedFunction;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.rest.RestStatus;

/**
 * The reader wrapper of a filtered index ({@code IndexModule#setReaderWrapper}, as the security plugin does for
 * document-level security): every searcher a shard hands out (search, count, aggregations, get and mget,
 * scroll and point-in-time pages, suggest, highlight, explain) reads through a {@link JurisdictionDirectoryReader}
 * for the request's jurisdiction under the node's serving policy, both fixed when the searcher is acquired.
 * Refuses when the request has no jurisdiction, names one the policy does not define, or the node has no policy
 * yet. Adds the serving policy version to the response headers.
 */
final class JurisdictionReaderWrapper implements CheckedFunction<DirectoryReader, DirectoryReader, IOException> {
  /** Response header naming the policy version each shard read used. */
  static final String VERSION_HEADER = "X-Lucene-Filter-Policy-Version";

  private final NodePolicy policy;
  private final JurisdictionResolver resolver;
  private final ThreadContext threadContext;

  JurisdictionReaderWrapper(NodePolicy policy, JurisdictionResolver resolver, ThreadContext threadContext) {
    this.policy = policy;
    this.resolver = resolver;
    this.threadContext = threadContext;
  }

  @Override
  public DirectoryReader apply(DirectoryReader reader) throws IOException {
    if (NodePolicy.isInternalUnfiltered(threadContext)) return reader;
    ServingPolicy serving = policy.serving();
    if (serving == null) {
      throw new OpenSearchStatusException("lucene-filter: this node has no policy yet: refusing to read a filtered index",
          RestStatus.SERVICE_UNAVAILABLE);
    }
    String jurisdiction = resolver.resolve(threadContext);
    if (!serving.snapshot().hasJurisdiction(jurisdiction)) {
      throw new OpenSearchStatusException("lucene-filter: unknown jurisdiction [" + jurisdiction + "] in policy "
          + serving.version(), RestStatus.FORBIDDEN);
    }
    threadContext.addResponseHeader(VERSION_HEADER, serving.version());
    return new JurisdictionDirectoryReader(reader,
        new LazyExclusions(reader, policy.cache(), serving.snapshot(), jurisdiction, policy.clock().instant()));
  }
}
