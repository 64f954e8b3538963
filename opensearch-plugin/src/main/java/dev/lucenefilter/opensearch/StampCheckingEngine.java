package dev.lucenefilter.opensearch;

import java.io.IOException;
import org.opensearch.index.engine.EngineConfig;
import org.opensearch.index.engine.InternalEngine;
import org.opensearch.index.seqno.SequenceNumbers;

/**
 * The engine of a filtered index's writable shards: OpenSearch's own, which on the primary first refuses a document
 * that does not carry a valid {@link RecordStamp}. The refusal is that bulk item's failure (400, or 503 while the
 * node has no key yet; the reason in its message), taken before a sequence number is assigned, so nothing reaches
 * Lucene, the translog or the replicas; the other items go on. Only operations of origin {@code PRIMARY} are
 * checked: replicas, translog replay and peer recovery apply what a primary already accepted, and records stored
 * before stamps existed carry none.
 */
final class StampCheckingEngine extends InternalEngine {
  private final RecordStamp stamps;
  private final String indexName;

  StampCheckingEngine(EngineConfig config, RecordStamp stamps) {
    super(config);
    this.stamps = stamps;
    this.indexName = config.getShardId().getIndexName();
  }

  @Override
  public IndexResult index(Index index) throws IOException {
    if (index.origin() == Operation.Origin.PRIMARY) {
      Exception refusal = stamps.refusal(indexName, index);
      // The same shape IndexShard gives a document that fails to parse on a primary: failed, no sequence number.
      if (refusal != null) return new IndexResult(refusal, index.version(), index.primaryTerm(), SequenceNumbers.UNASSIGNED_SEQ_NO);
    }
    return super.index(index);
  }
}
