package dev.lucenefilter.opensearch;

import org.opensearch.OpenSearchStatusException;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.rest.RestStatus;

/**
 * Where a request's jurisdiction comes from: the trusted header (its name is a node setting; the gateway sets it
 * and drops any copy a client sent), else the configured default, else the request is refused. OpenSearch
 * copies the header from the REST request into the thread context and carries it to every node the request
 * reaches, so the shard that reads is the one that decides. Thread-safe.
 */
public final class JurisdictionResolver {
  private final String header;
  private final String defaultJurisdiction;

  public JurisdictionResolver(Settings settings) {
    this.header = PluginSettings.JURISDICTION_HEADER.get(settings);
    this.defaultJurisdiction = PluginSettings.DEFAULT_JURISDICTION.get(settings).trim();
  }

  /** The header's name. */
  public String header() { return header; }

  /**
   * The jurisdiction of the request running in {@code context}.
   *
   * @throws OpenSearchStatusException (403) when there is neither a header nor a default
   */
  public String resolve(ThreadContext context) {
    String v = context.getHeader(header);
    if (v == null || v.isBlank()) {
      if (!defaultJurisdiction.isEmpty()) return defaultJurisdiction;
      throw new OpenSearchStatusException("lucene-filter: the request has no [" + header
          + "] header and no default jurisdiction is configured: refusing to read a filtered index", RestStatus.FORBIDDEN);
    }
    return v.trim();
  }
}
