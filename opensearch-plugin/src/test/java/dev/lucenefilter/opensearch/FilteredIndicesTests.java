package dev.lucenefilter.opensearch;

import java.util.List;
import org.opensearch.Version;
import org.opensearch.cluster.metadata.AliasMetadata;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.metadata.IndexTemplateMetadata;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.test.OpenSearchTestCase;

/**
 * Which names reach a filtered index: the index, its aliases and date math naming it; a name with no index yet by
 * the templates that would create it; and a first write that those templates would send past the processor.
 */
public class FilteredIndicesTests extends OpenSearchTestCase {
  private static IndexMetadata index(String name, boolean filtered, String... aliases) {
    Settings.Builder s = Settings.builder().put(IndexMetadata.SETTING_VERSION_CREATED, Version.CURRENT)
        .put(IndexMetadata.SETTING_NUMBER_OF_SHARDS, 1).put(IndexMetadata.SETTING_NUMBER_OF_REPLICAS, 0);
    if (filtered) s.put(PluginSettings.INDEX_ENABLED.getKey(), true).put("index.final_pipeline", "lucene-filter");
    IndexMetadata.Builder b = IndexMetadata.builder(name).settings(s);
    for (String a : aliases) b.putAlias(AliasMetadata.builder(a));
    return b.build();
  }

  private static IndexTemplateMetadata template(String name, String pattern, Settings settings) {
    return IndexTemplateMetadata.builder(name).patterns(List.of(pattern)).settings(settings).build();
  }

  private static FilteredIndices over(Metadata md) {
    return new FilteredIndices(() -> md, new IndexNameExpressionResolver(new ThreadContext(Settings.EMPTY)));
  }

  public void testExistingIndicesAliasesAndDateMath() {
    Metadata md = Metadata.builder().put(index("records", true, "all-records"), false).put(index("logs", false), false).build();
    FilteredIndices f = over(md);
    assertTrue(f.contains("records"));
    assertTrue(f.contains("all-records"));
    assertTrue(f.contains("<records>"));
    assertFalse(f.contains("logs"));
    assertFalse(f.contains("<logs>"));
    assertFalse(f.contains("absent"));
    assertFalse(f.contains(null));
    assertTrue("malformed date math fails closed", f.contains("<records-{now/d}{>"));
    assertFalse(f.createdWithoutProcessor("records", "lucene-filter"));
  }

  public void testANameWithoutIndexIsJudgedByItsTemplates() {
    Settings enabled = Settings.builder().put(PluginSettings.INDEX_ENABLED.getKey(), true).build();
    Settings enabledWithPipeline = Settings.builder().put(enabled).put("index.final_pipeline", "lucene-filter").build();
    Metadata md = Metadata.builder()
        .put(template("bare", "bare-*", enabled))
        .put(template("piped", "piped-*", enabledWithPipeline))
        .put(template("plain", "plain-*", Settings.EMPTY))
        .build();
    FilteredIndices f = over(md);
    assertTrue(f.contains("bare-1"));
    assertTrue(f.createdWithoutProcessor("bare-1", "lucene-filter"));
    assertTrue(f.contains("piped-1"));
    assertFalse(f.createdWithoutProcessor("piped-1", "lucene-filter"));
    assertTrue("another pipeline is not the processor", f.createdWithoutProcessor("piped-1", "other"));
    assertFalse(f.contains("plain-1"));
    assertFalse(f.createdWithoutProcessor("plain-1", "lucene-filter"));
  }
}
