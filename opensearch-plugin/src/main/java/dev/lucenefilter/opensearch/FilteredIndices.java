package dev.lucenefilter.opensearch;

import java.util.function.Supplier;
import org.opensearch.cluster.metadata.IndexAbstraction;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.cluster.metadata.MetadataIndexTemplateService;
import org.opensearch.common.settings.Settings;
import org.opensearch.index.IndexSettings;

/**
 * Whether a request's index name reaches a filtered index ({@code index.lucene_filter.enabled}): an index, alias or
 * data stream with one behind it, after resolving date math ({@code <records-{now/d}>}); a name no index has yet
 * counts as filtered when the templates that would create it on first write make it filtered. A name that cannot
 * be resolved (malformed date math) counts as filtered, so the guards that ask fail closed. Thread-safe: reads the
 * current cluster state on each call.
 */
final class FilteredIndices {
  private final Supplier<Metadata> metadata;
  private final IndexNameExpressionResolver resolver;

  FilteredIndices(Supplier<Metadata> metadata, IndexNameExpressionResolver resolver) {
    this.metadata = metadata;
    this.resolver = resolver;
  }

  /** True when writing to or reading from {@code name} would touch a filtered index. */
  boolean contains(String name) {
    if (name == null) return false;
    String resolved = resolve(name);
    if (resolved == null) return true;
    Metadata md = metadata.get();
    IndexAbstraction found = md.getIndicesLookup().get(resolved);
    if (found != null) {
      for (IndexMetadata index : found.getIndices()) {
        if (PluginSettings.INDEX_ENABLED.get(index.getSettings())) return true;
      }
      return false;
    }
    return PluginSettings.INDEX_ENABLED.get(settingsOnCreation(md, resolved));
  }

  /**
   * True when {@code name} has no index yet, its templates would create it filtered, and they do not set {@code
   * index.final_pipeline} to {@code pipeline}. OpenSearch picks the pipelines of the write that creates an index from
   * its templates alone (the plugin adds the final pipeline only when the index is created), so the records of that
   * first write would be stored without the processor.
   */
  boolean createdWithoutProcessor(String name, String pipeline) {
    if (name == null) return false;
    String resolved = resolve(name);
    if (resolved == null) return true;
    Metadata md = metadata.get();
    if (md.getIndicesLookup().containsKey(resolved)) return false;
    Settings onCreation = settingsOnCreation(md, resolved);
    return PluginSettings.INDEX_ENABLED.get(onCreation) && !pipeline.equals(IndexSettings.FINAL_PIPELINE.get(onCreation));
  }

  /** The name with its date math resolved, or null when it cannot be. */
  String resolve(String name) {
    try {
      return resolver.resolveDateMathExpression(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The settings the templates give an index auto-created under that name (a composable template wins over v1). */
  private static Settings settingsOnCreation(Metadata md, String name) {
    String v2 = MetadataIndexTemplateService.findV2Template(md, name, false);
    if (v2 != null) return MetadataIndexTemplateService.resolveSettings(md, v2);
    return MetadataIndexTemplateService.resolveSettings(MetadataIndexTemplateService.findV1Templates(md, name, null));
  }
}
