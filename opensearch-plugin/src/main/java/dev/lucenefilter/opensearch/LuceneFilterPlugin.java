package dev.lucenefilter.opensearch;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.RejectionLog;
import dev.lucenefilter.index.PolicyIndexHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.support.ActionFilter;
import org.opensearch.cluster.NamedDiff;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.cluster.node.DiscoveryNodes;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.ClusterSettings;
import org.opensearch.common.settings.IndexScopedSettings;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.settings.SettingsFilter;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.ParseField;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.index.Index;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.env.Environment;
import org.opensearch.env.NodeEnvironment;
import org.opensearch.index.IndexModule;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.analysis.AnalyzerProvider;
import org.opensearch.index.cache.query.DisabledQueryCache;
import org.opensearch.index.engine.EngineFactory;
import org.opensearch.index.engine.NRTReplicationEngine;
import org.opensearch.index.shard.IndexEventListener;
import org.opensearch.index.shard.IndexSettingProvider;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.opensearch.indices.cluster.IndicesClusterStateService.AllocatedIndices.IndexRemovalReason;
import org.opensearch.ingest.Processor;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.EnginePlugin;
import org.opensearch.plugins.IngestPlugin;
import org.opensearch.plugins.NetworkPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.SearchPlugin;
import org.opensearch.repositories.RepositoriesService;
import org.opensearch.rest.RestController;
import org.opensearch.rest.RestHandler;
import org.opensearch.rest.RestHeaderDefinition;
import org.opensearch.script.ScriptService;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportInterceptor;
import org.opensearch.transport.client.Client;
import org.opensearch.watcher.ResourceWatcherService;

/**
 * lucene-filter inside OpenSearch: per-jurisdiction filtering of every read of a filtered index (a reader
 * wrapper), the {@code jurisdiction_filter} query, the {@code lucene_filter} ingest processor (the library's
 * index-time hook), the analyzers of the library's field layout, and the policy REST API backed by cluster-state
 * metadata. See the README's "OpenSearch plugin" section.
 */
public final class LuceneFilterPlugin extends Plugin implements ActionPlugin, SearchPlugin, IngestPlugin, AnalysisPlugin,
    EnginePlugin, NetworkPlugin {
  private final Settings settings;
  private final JurisdictionResolver resolver;
  private volatile NodePolicy policy;
  private volatile ThreadPool threadPool;
  private volatile RejectionLog rejectionLog;
  private volatile PolicyIndexHook hook;
  private volatile ClusterService clusterService;
  private volatile WritePathGuard writeGuard;
  private volatile Environment environment;
  private volatile RecordStamp stamps;

  public LuceneFilterPlugin(Settings settings) {
    this.settings = settings;
    this.resolver = new JurisdictionResolver(settings);
  }

  /** The node's policy service (tests read the serving version of each node through it). */
  public NodePolicy nodePolicy() { return policy; }

  @Override
  public List<Setting<?>> getSettings() { return PluginSettings.all(); }

  @Override
  public Collection<Object> createComponents(Client client, ClusterService clusterService, ThreadPool threadPool,
      ResourceWatcherService resourceWatcherService, ScriptService scriptService, NamedXContentRegistry xContentRegistry,
      Environment environment, NodeEnvironment nodeEnvironment, NamedWriteableRegistry namedWriteableRegistry,
      IndexNameExpressionResolver indexNameExpressionResolver, Supplier<RepositoriesService> repositoriesServiceSupplier) {
    this.threadPool = threadPool;
    this.clusterService = clusterService;
    this.writeGuard = new WritePathGuard(clusterService::state, indexNameExpressionResolver,
        new FilteredIndices(() -> clusterService.state().metadata(), indexNameExpressionResolver), PluginSettings.PIPELINE.get(settings));
    this.environment = environment;
    Clock clock = Clock.systemUTC();
    NodePolicy p = new NodePolicy(ContentFilters.load(), PluginSettings.CACHE_SIZE.get(settings).getBytes(),
        environment.tmpDir().resolve("lucene-filter"), clock);
    p.start(threadPool);
    clusterService.addListener(p);
    this.policy = p;
    RecordStamp st = new RecordStamp(clusterService);
    clusterService.addListener(st);
    this.stamps = st;
    try {
      Path log = environment.logsDir().resolve(PluginSettings.REJECTION_LOG.get(settings));
      this.rejectionLog = RejectionLog.append(log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the rejection log", e);
    }
    this.hook = new PolicyIndexHook(() -> {
      ServingPolicy s = p.serving();
      if (s == null) throw new OpenSearchStatusException("lucene-filter: no policy yet", RestStatus.SERVICE_UNAVAILABLE);
      return s.snapshot();
    }, p.filters(), clock, rejectionLog);
    return List.of(p);
  }

  @Override
  public void onIndexModule(IndexModule module) {
    if (!PluginSettings.INDEX_ENABLED.get(module.getSettings())) return;
    String pipeline = PluginSettings.PIPELINE.get(settings);
    String finalPipeline = module.getSettings().get(IndexSettings.FINAL_PIPELINE.getKey());
    if (!pipeline.equals(finalPipeline)) {
      // Every document must pass the processor: it writes the fields the filters read and applies reject rules.
      throw new IllegalArgumentException("index [" + module.getIndex().getName() + "] has ["
          + PluginSettings.INDEX_ENABLED.getKey() + "]: true but [" + IndexSettings.FINAL_PIPELINE.getKey() + "] is ["
          + finalPipeline + "], not [" + pipeline + "]");
    }
    int partition = IndexMetadata.INDEX_ROUTING_PARTITION_SIZE_SETTING.get(module.getSettings());
    if (partition > 1) {
      // A channel's posts must share its shard: the tombstone of a rejected channel hides them only there.
      throw new IllegalArgumentException("index [" + module.getIndex().getName() + "] has ["
          + PluginSettings.INDEX_ENABLED.getKey() + "]: true and [" + IndexMetadata.INDEX_ROUTING_PARTITION_SIZE_SETTING.getKey()
          + "]: " + partition + ": a channel's posts would be spread over several shards, away from the channel record"
          + " that hides them; leave it at 1");
    }
    String ingestion = IndexMetadata.INGESTION_SOURCE_TYPE_SETTING.get(module.getSettings());
    if (!IndexMetadata.NONE_INGESTION_SOURCE_TYPE.equals(ingestion)) {
      // OpenSearch gives a pull-based index its own engine, ahead of any plugin's: its documents would never meet
      // the stamp check (StampCheckingEngine).
      throw new IllegalArgumentException("index [" + module.getIndex().getName() + "] has ["
          + PluginSettings.INDEX_ENABLED.getKey() + "]: true and [" + IndexMetadata.INGESTION_SOURCE_TYPE_SETTING.getKey()
          + "]: " + ingestion + ": pull-based ingestion would store documents the [" + RecordProcessor.TYPE
          + "] processor never judged");
    }
    NodePolicy p = policy;
    ThreadPool tp = threadPool;
    module.setReaderWrapper(indexService -> {
      p.indexCreated(indexService);
      return new JurisdictionReaderWrapper(p, resolver, tp.getThreadContext());
    });
    module.addSearchOperationListener(new ReaderContextJurisdiction(p, resolver, tp.getThreadContext()));
    // The node's query cache keys a filter's matches by segment core, which every jurisdiction's view of a segment
    // shares, but what a view matches depends on the jurisdiction (its points, VisiblePoints, hand out visible
    // documents only): a range cached under one jurisdiction would answer another's without the records the first
    // may not see. So a filtered index caches no query (as the security plugin's document-level security opts out).
    module.forceQueryCacheProvider((indexSettings, nodeCache) -> new DisabledQueryCache(indexSettings));
    module.addIndexEventListener(new IndexEventListener() {
      @Override
      public void afterIndexRemoved(Index index, IndexSettings indexSettings, IndexRemovalReason reason) {
        p.indexRemoved(index);
      }
    });
  }

  /**
   * {@link CanMatchGuard}: OpenSearch's can-match reads a shard without its reader wrapper, so for filtered indices
   * it is answered before it runs. The node asks for interceptors before {@link #createComponents}, so the guard
   * reads the cluster service when a request arrives.
   */
  @Override
  public List<TransportInterceptor> getTransportInterceptors(NamedWriteableRegistry registry, ThreadContext threadContext) {
    return List.of(new CanMatchGuard(() -> {
      ClusterService cs = clusterService;
      return cs == null ? null : cs.state().metadata();
    }));
  }

  /**
   * A filtered index's writable shards check every primary write's {@link RecordStamp} in their engine: an
   * IndexingOperationListener cannot refuse (OpenSearch logs and ignores what its preIndex throws). The choice of
   * engine otherwise follows OpenSearch's: a segment-replication replica keeps its NRT engine, a searchable snapshot
   * (read-only) OpenSearch's own.
   */
  @Override
  public Optional<EngineFactory> getEngineFactory(IndexSettings indexSettings) {
    if (!PluginSettings.INDEX_ENABLED.get(indexSettings.getSettings()) || indexSettings.isRemoteSnapshot()) return Optional.empty();
    return Optional.of(config -> config.isReadOnlyReplica() ? new NRTReplicationEngine(config) : new StampCheckingEngine(config, stamps));
  }

  @Override
  public Collection<IndexSettingProvider> getAdditionalIndexSettingProviders() {
    String pipeline = PluginSettings.PIPELINE.get(settings);
    return List.of(new IndexSettingProvider() {
      @Override
      public Settings getAdditionalIndexSettings(String indexName, boolean isDataStreamIndex, Settings templateAndRequestSettings) {
        if (!PluginSettings.INDEX_ENABLED.get(templateAndRequestSettings)) return Settings.EMPTY;
        return Settings.builder().put(IndexSettings.FINAL_PIPELINE.getKey(), pipeline).build();
      }
    });
  }

  @Override
  public Collection<RestHeaderDefinition> getRestHeaders() {
    return List.of(new RestHeaderDefinition(resolver.header(), false));
  }

  @Override
  public List<ActionHandler<? extends ActionRequest, ? extends ActionResponse>> getActions() {
    return List.of(new ActionHandler<>(PutPolicyAction.INSTANCE, PutPolicyAction.Transport.class),
        new ActionHandler<>(ImpactAction.INSTANCE, ImpactAction.Transport.class));
  }

  @Override
  public List<ActionFilter> getActionFilters() {
    return List.of(new LazyActionFilter());
  }

  /** Action filters are collected before components exist; this one finds the node's policy when called. */
  private final class LazyActionFilter implements ActionFilter {
    @Override
    public int order() { return Integer.MIN_VALUE + 100; }

    @Override
    public <Request extends ActionRequest, Response extends ActionResponse> void apply(org.opensearch.tasks.Task task,
        String action, Request request, org.opensearch.core.action.ActionListener<Response> listener,
        org.opensearch.action.support.ActionFilterChain<Request, Response> chain) {
      new PolicyActionFilter(policy, writeGuard, threadPool.getThreadContext(), resolver.header()).apply(task, action, request, listener, chain);
    }
  }

  @Override
  public List<RestHandler> getRestHandlers(Settings settings, RestController restController, ClusterSettings clusterSettings,
      IndexScopedSettings indexScopedSettings, SettingsFilter settingsFilter, IndexNameExpressionResolver resolver,
      Supplier<DiscoveryNodes> nodesInCluster) {
    return List.of(new RestPolicyHandler(policy, clusterService, environment));
  }

  @Override
  public List<QuerySpec<?>> getQueries() {
    return List.of(new QuerySpec<>(JurisdictionFilterQueryBuilder.NAME, JurisdictionFilterQueryBuilder::new,
        JurisdictionFilterQueryBuilder::fromXContent));
  }

  @Override
  public Map<String, Processor.Factory> getProcessors(Processor.Parameters parameters) {
    return Map.of(RecordProcessor.TYPE, (factories, tag, description, config) -> {
      if (!config.isEmpty()) throw new IllegalArgumentException("[" + RecordProcessor.TYPE + "] takes no options, got " + config.keySet());
      return new RecordProcessor(tag, description, hook, policy, stamps);
    });
  }

  @Override
  public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() { return WordAnalyzers.all(); }

  @Override
  public List<NamedWriteableRegistry.Entry> getNamedWriteables() {
    return List.of(new NamedWriteableRegistry.Entry(Metadata.Custom.class, PolicyMetadata.TYPE, PolicyMetadata::new),
        new NamedWriteableRegistry.Entry(NamedDiff.class, PolicyMetadata.TYPE, PolicyMetadata::readDiffFrom),
        new NamedWriteableRegistry.Entry(Metadata.Custom.class, StampKeyMetadata.TYPE, StampKeyMetadata::new),
        new NamedWriteableRegistry.Entry(NamedDiff.class, StampKeyMetadata.TYPE, StampKeyMetadata::readDiffFrom));
  }

  @Override
  public List<NamedXContentRegistry.Entry> getNamedXContent() {
    return List.of(new NamedXContentRegistry.Entry(Metadata.Custom.class, new ParseField(PolicyMetadata.TYPE),
        PolicyMetadata::fromXContent),
        new NamedXContentRegistry.Entry(Metadata.Custom.class, new ParseField(StampKeyMetadata.TYPE), StampKeyMetadata::fromXContent));
  }

  @Override
  public void close() throws IOException {
    RejectionLog log = rejectionLog;
    if (log != null) log.close();
  }
}
