package dev.lucenefilter.opensearch;

import org.opensearch.Version;
import org.opensearch.cluster.AbstractNamedDiffable;
import org.opensearch.cluster.metadata.Metadata;

/**
 * What the plugin's cluster-state customs share: a name in the cluster state and the oldest OpenSearch version they
 * are sent to (any 3.x node; the plugin is built for one OpenSearch version). Each is small and replaced whole.
 */
abstract class PluginCustomMetadata extends AbstractNamedDiffable<Metadata.Custom> implements Metadata.Custom {
  private final String type;

  PluginCustomMetadata(String type) { this.type = type; }

  @Override
  public final String getWriteableName() { return type; }

  @Override
  public final Version getMinimalSupportedVersion() { return Version.V_3_0_0; }
}
