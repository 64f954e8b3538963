package dev.lucenefilter.opensearch;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.DocWriteRequest;
import org.opensearch.action.admin.cluster.snapshots.restore.RestoreSnapshotRequest;
import org.opensearch.action.admin.indices.settings.put.UpdateSettingsRequest;
import org.opensearch.action.admin.indices.shrink.ResizeRequest;
import org.opensearch.action.bulk.BulkRequest;
import org.opensearch.action.index.IndexRequest;
import org.opensearch.action.ingest.DeletePipelineRequest;
import org.opensearch.action.ingest.PutPipelineRequest;
import org.opensearch.action.update.UpdateRequest;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.common.regex.Regex;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.index.IndexSettings;

/**
 * Keeps every document of a filtered index judged by the {@code lucene_filter} processor, for every request,
 * operators' included (end users may not write at all: {@link PolicyActionFilter#operatorOnly}). It refuses what
 * would store a document the processor never saw or whose rejection it ignored:
 * <ul>
 *   <li>an {@code update} of a filtered index, alone or in a bulk: OpenSearch runs no pipeline for an update of a
 *       document that exists (OpenSearch#16663), so a partial update would be stored unchecked;</li>
 *   <li>putting the plugin's pipeline so that anything runs after the processor, or with options on it ({@code
 *       if}, {@code ignore_failure}, {@code on_failure}) or a pipeline-level {@code on_failure}: each could store a
 *       record it rejected, or change one after it was judged; deleting that pipeline;</li>
 *   <li>setting {@code index.final_pipeline} of a filtered index to anything but the plugin's pipeline;</li>
 *   <li>a write that would create a filtered index from templates that do not set that final pipeline
 *       themselves ({@link FilteredIndices#createdWithoutProcessor});</li>
 *   <li>a clone, split or shrink whose target is filtered differently from its source, and a snapshot restore that
 *       overrides or ignores the filter's settings.</li>
 * </ul>
 * {@code _update_by_query} and {@code _reindex} between filtered indices run the processor, which refuses stored
 * documents ({@link RecordProcessor}). Writes named by date math get the resolved name first ({@link
 * #resolveDateMath}). Thread-safe.
 */
final class WritePathGuard {
  private static final String PROCESSOR = RecordProcessor.TYPE;

  private final Supplier<ClusterState> state;
  private final IndexNameExpressionResolver resolver;
  private final FilteredIndices filtered;
  private final String pipeline;

  WritePathGuard(Supplier<ClusterState> state, IndexNameExpressionResolver resolver, FilteredIndices filtered, String pipeline) {
    this.state = state;
    this.resolver = resolver;
    this.filtered = filtered;
    this.pipeline = pipeline;
  }

  /**
   * Writes to a filtered index named by date math ({@code <records-{now/d}>}) get the resolved name. OpenSearch
   * picks a write's pipelines by the name as written, finds no index called {@code <records>}, and would store the
   * document with no pipeline at all, then resolve the date math to write it.
   */
  void resolveDateMath(ActionRequest request) {
    if (request instanceof BulkRequest bulk) bulk.requests().forEach(this::resolveDateMath);
    if (request instanceof DocWriteRequest<?> write) resolveDateMath(write);
  }

  private void resolveDateMath(DocWriteRequest<?> write) {
    String name = write.index();
    if (name == null || !name.startsWith("<") || !filtered.contains(name)) return;
    String resolved = filtered.resolve(name);
    if (resolved != null) write.index(resolved);
  }

  /** Why the request may not run, or null. */
  String refusal(ActionRequest request) {
    if (request instanceof BulkRequest bulk) {
      List<DocWriteRequest<?>> items = bulk.requests();
      for (int i = 0; i < items.size(); i++) {
        String problem = writeProblem(items.get(i));
        if (problem != null) return "bulk item [" + i + "]: " + problem;
      }
    }
    if (request instanceof DocWriteRequest<?> write) {
      String problem = writeProblem(write);
      if (problem != null) return problem;
    }
    if (request instanceof PutPipelineRequest put && pipeline.equals(put.getId())) return pipelineProblem(put);
    if (request instanceof DeletePipelineRequest delete && Regex.simpleMatch(delete.getId(), pipeline)) {
      return "pipeline [" + pipeline + "] is what checks records for the filtered indices: it may not be deleted";
    }
    if (request instanceof UpdateSettingsRequest settings) return settingsProblem(settings);
    if (request instanceof ResizeRequest resize) return resizeProblem(resize);
    if (request instanceof RestoreSnapshotRequest restore) return restoreProblem(restore);
    return null;
  }

  /** The settings that make an index filtered and keep its records judged. */
  private static final List<String> FILTER_KEYS =
      List.of(PluginSettings.INDEX_ENABLED.getKey(), IndexSettings.FINAL_PIPELINE.getKey());

  /** Settings as a request may write them ({@code final_pipeline} or {@code index.final_pipeline}), with full keys. */
  private static Settings withIndexPrefix(Settings settings) {
    return Settings.builder().put(settings).normalizePrefix("index.").build();
  }

  /**
   * A clone, split or shrink copies the source's segments as they are: a target that is filtered where the source is
   * not would hold records nobody judged, and one that is not filtered where the source is would show every hidden
   * record. So the target may not set the filter's settings to anything but the source's.
   */
  private String resizeProblem(ResizeRequest resize) {
    IndexMetadata source = state.get().metadata().index(resize.getSourceIndex());
    if (source == null) return null;
    Settings target = withIndexPrefix(resize.getTargetIndexRequest().settings());
    Settings sourceSettings = source.getSettings();
    for (String key : FILTER_KEYS) {
      String sourceValue = key.equals(PluginSettings.INDEX_ENABLED.getKey())
          ? String.valueOf(PluginSettings.INDEX_ENABLED.get(sourceSettings)) : sourceSettings.get(key);
      if (target.keySet().contains(key) && !Objects.equals(target.get(key), sourceValue)) {
        return "[" + key + "] of [" + resize.getTargetIndexRequest().index() + "] must be that of its source ["
            + resize.getSourceIndex() + "]: its segments are the source's, so it must be filtered exactly when the source is";
      }
    }
    return null;
  }

  /** A restore that overrides or ignores the filter's settings would turn a filtered index into an unfiltered one. */
  private String restoreProblem(RestoreSnapshotRequest restore) {
    Settings overrides = withIndexPrefix(restore.indexSettings());
    for (String key : FILTER_KEYS) {
      if (overrides.keySet().contains(key)) {
        return "a restore may not set [" + key + "]: restored indices keep the filter settings they were saved with";
      }
      for (String ignored : restore.ignoreIndexSettings()) {
        if (Regex.simpleMatch(ignored, key)) {
          return "a restore may not ignore [" + key + "]: restored indices keep the filter settings they were saved with";
        }
      }
    }
    return null;
  }

  private String writeProblem(DocWriteRequest<?> write) {
    if (write instanceof UpdateRequest u && filtered.contains(u.index())) return update(u);
    if (write instanceof IndexRequest i && filtered.createdWithoutProcessor(i.index(), pipeline)) {
      return "index [" + i.index() + "] does not exist yet and its templates make it filtered without setting ["
          + IndexSettings.FINAL_PIPELINE.getKey() + "] to [" + pipeline + "]: OpenSearch takes the pipelines of the write"
          + " that creates an index from its templates, so these records would be stored unchecked; create the index"
          + " first, or set [" + IndexSettings.FINAL_PIPELINE.getKey() + "] in the template";
    }
    return null;
  }

  private static String update(UpdateRequest u) {
    return "an update of filtered index [" + u.index() + "] would skip the [" + PROCESSOR + "] processor (OpenSearch runs"
        + " no pipeline for an update of a stored document): index the whole record instead";
  }


  private String pipelineProblem(PutPipelineRequest put) {
    Map<String, Object> body = XContentHelper.convertToMap(put.getSource(), false, put.getMediaType()).v2();
    Object processors = body.get("processors");
    boolean endsWithProcessor = processors instanceof List<?> list && !list.isEmpty()
        && list.get(list.size() - 1) instanceof Map<?, ?> last && last.size() == 1
        && last.get(PROCESSOR) instanceof Map<?, ?> options && options.isEmpty();
    if (endsWithProcessor && !body.containsKey("on_failure")) return null;
    return "pipeline [" + pipeline + "] must end with {\"" + PROCESSOR + "\": {}} (no if, ignore_failure or on_failure)"
        + " and have no on_failure of its own: a processor after it or a handler of its failure could store a record it"
        + " rejected, or change one after it was judged";
  }

  private String settingsProblem(UpdateSettingsRequest request) {
    String key = IndexSettings.FINAL_PIPELINE.getKey();
    Settings changed = withIndexPrefix(request.settings());
    if (!changed.keySet().contains(key) || pipeline.equals(changed.get(key))) return null;
    ClusterState current = state.get();
    for (String name : resolver.concreteIndexNames(current, request)) {
      IndexMetadata index = current.metadata().index(name);
      if (index != null && PluginSettings.INDEX_ENABLED.get(index.getSettings())) {
        return "[" + key + "] of filtered index [" + name + "] must stay [" + pipeline + "]: without it records would be"
            + " stored unchecked";
      }
    }
    return null;
  }
}
