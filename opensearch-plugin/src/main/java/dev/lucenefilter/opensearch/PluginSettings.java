package dev.lucenefilter.opensearch;

import java.util.List;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Setting.Property;
import org.opensearch.core.common.unit.ByteSizeValue;

/** Every setting of the plugin, with its default. Node settings are read once at start-up. */
public final class PluginSettings {
  private PluginSettings() {}

  /** The request header carrying the jurisdiction; the gateway sets it and strips any copy the client sent. */
  public static final Setting<String> JURISDICTION_HEADER =
      Setting.simpleString("lucene_filter.jurisdiction_header", "X-Jurisdiction", Property.NodeScope);

  /** Jurisdiction of requests without the header; empty (the default) refuses such requests. */
  public static final Setting<String> DEFAULT_JURISDICTION =
      Setting.simpleString("lucene_filter.default_jurisdiction", "", Property.NodeScope);

  /** Rejection log (JSON Lines, no content); relative paths resolve against the node's logs directory. */
  public static final Setting<String> REJECTION_LOG =
      Setting.simpleString("lucene_filter.rejection_log", "lucene-filter-rejections.jsonl", Property.NodeScope);

  /** Policy directory read by {@code _reload}; relative paths resolve against the node's config directory. */
  public static final Setting<String> POLICY_PATH =
      Setting.simpleString("lucene_filter.policy_path", "lucene-filter-policy", Property.NodeScope);

  /** Bound of the node's exclusion cache. */
  public static final Setting<ByteSizeValue> CACHE_SIZE =
      Setting.byteSizeSetting("lucene_filter.cache.size", new ByteSizeValue(512L << 20), Property.NodeScope);

  /** Largest policy (sum of file sizes) accepted: policies live in the cluster state. */
  public static final Setting<ByteSizeValue> MAX_POLICY_SIZE =
      Setting.byteSizeSetting("lucene_filter.max_policy_size", new ByteSizeValue(16L << 20), Property.NodeScope);

  /** Name of the ingest pipeline every document of a filtered index goes through (as its final pipeline). */
  public static final Setting<String> PIPELINE =
      Setting.simpleString("lucene_filter.pipeline", "lucene-filter", Property.NodeScope);

  /** Turns filtering on for an index; fixed at creation so an index cannot be switched to unfiltered. */
  public static final Setting<Boolean> INDEX_ENABLED =
      Setting.boolSetting("index.lucene_filter.enabled", false, Property.IndexScope, Property.Final);

  /** Every setting, for the plugin's registration. */
  public static List<Setting<?>> all() {
    return List.of(JURISDICTION_HEADER, DEFAULT_JURISDICTION, REJECTION_LOG, POLICY_PATH, CACHE_SIZE, MAX_POLICY_SIZE,
        PIPELINE, INDEX_ENABLED);
  }
}
