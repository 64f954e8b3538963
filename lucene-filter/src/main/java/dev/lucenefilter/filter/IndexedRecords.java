package dev.lucenefilter.filter;

import dev.lucenefilter.model.Channel;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.IOConsumer;

/**
 * Reads records back from an index as the reference decision needs them: a post with its channel record (when the
 * index holds it, decoded by {@link StoredRecord}), and its decision with the channels rejected at index time
 * applied. Reads the unfiltered index: for explanations, impact, transparency and purge reports, tools of the
 * policy team, never for showing content. Channel records are cached. Not thread-safe.
 */
final class IndexedRecords {
  private static final Set<String> FIELDS =
      Set.of(FilterFields.SOURCE, FilterFields.KIND, FilterFields.ID, FilterFields.CHANNEL_ID);
  private final IndexSearcher searcher;
  private final Map<String, Optional<Channel>> channels = new HashMap<>();
  private Map<String, RejectedChannels.Tombstone> tombstones;

  IndexedRecords(IndexReader reader) {
    this.searcher = new IndexSearcher(reader);
    this.searcher.setQueryCache(null);
  }

  /** The live document of a record, or -1. */
  int find(String kind, String id) throws IOException {
    BooleanQuery q = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(FilterFields.KIND, kind)), BooleanClause.Occur.FILTER)
        .add(new TermQuery(new Term(FilterFields.ID, id)), BooleanClause.Occur.FILTER)
        .build();
    ScoreDoc[] hits = searcher.search(q, 1).scoreDocs;
    return hits.length == 0 ? -1 : hits[0].doc;
  }

  /** Number of live records of one kind. */
  long count(String kind) throws IOException {
    return searcher.count(new TermQuery(new Term(FilterFields.KIND, kind)));
  }

  /**
   * Calls {@code action}, in index order, with every live record (a post or a channel, not a tombstone) that {@code
   * ex} hides and {@code except} (null: nothing) does not.
   */
  void forEachHidden(ReaderExclusions ex, ReaderExclusions except, IOConsumer<RecordView> action) throws IOException {
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      HiddenDocs hidden = ex.forSegment(leaf.reader());
      HiddenDocs unless = except == null ? null : except.forSegment(leaf.reader());
      if (hidden.isEmpty()) continue;
      Bits live = leaf.reader().getLiveDocs();
      for (int d = 0; d < leaf.reader().maxDoc(); d++) {
        if (!hidden.isHidden(d) || (unless != null && unless.isHidden(d)) || (live != null && !live.get(d))) continue;
        RecordView v = view(leaf.docBase + d);
        if (v != null) action.accept(v);
      }
    }
  }

  /** The tombstone of the channel, when the index remembers it as rejected at index time. */
  Optional<RejectedChannels.Tombstone> tombstone(String channelId) throws IOException {
    if (tombstones == null) tombstones = RejectedChannels.all(searcher.getIndexReader());
    return Optional.ofNullable(tombstones.get(channelId));
  }

  /**
   * The decision for a stored record as query-time filtering makes it: the reference decision, turned into {@code
   * reject} when the record's channel was rejected at index time (see {@link RejectedChannels}).
   */
  Decision decide(DecisionEngine engine, RecordView record, String jurisdiction, java.time.Instant at) throws IOException {
    Decision own = engine.decide(record, jurisdiction, at);
    Optional<RejectedChannels.Tombstone> t = tombstone(record.channelId());
    return t.isEmpty() ? own : RejectedChannels.reject(own, t.get(), engine.snapshot());
  }

  /** The record of a top-level document id, as a view with its channel record; null for a tombstone. */
  RecordView view(int doc) throws IOException {
    StoredRecord r = StoredRecord.of(searcher.storedFields().document(doc, FIELDS));
    if (!r.isPost()) return FilterFields.KIND_CHANNEL.equals(r.kind()) ? RecordView.channel(r.channel()) : null;
    var post = r.post();
    return RecordView.post(post, channel(post.channelId()).orElse(null));
  }

  /** The channel record with this id, if the index holds it. */
  Optional<Channel> channel(String id) throws IOException {
    Optional<Channel> c = channels.get(id);
    if (c == null) {
      int doc = find(FilterFields.KIND_CHANNEL, id);
      c = doc < 0 ? Optional.empty() : Optional.of(view(doc).channel());
      channels.put(id, c);
    }
    return c;
  }
}
