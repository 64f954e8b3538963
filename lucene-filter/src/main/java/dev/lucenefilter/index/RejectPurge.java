package dev.lucenefilter.index;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.Decision;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.RejectionLog;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Deletes for good what {@code reject} rules added after indexing now match. Query-time filtering already hides
 * such records everywhere; purging also removes them from disk, logs each one (no content) and commits.
 */
public final class RejectPurge {
  private RejectPurge() {}

  /** One purged record. */
  public record Purged(String kind, String id, List<String> rules) {}

  /**
   * Deletes every record an active reject rule of {@code policy} matches at {@code at} and commits.
   *
   * @return what was deleted
   */
  public static List<Purged> purge(ContentIndex index, PolicySnapshot policy, ContentFilters filters, Instant at,
      RejectionLog log) throws IOException {
    DecisionEngine engine = DecisionEngine.create(policy, filters, UnknownJurisdictions.GLOBAL_ONLY);
    List<Purged> out = new ArrayList<>();
    try (ContentIndex.SearcherLease lease = index.acquireUnfiltered()) {
      IndexSearcher searcher = lease.searcher();
      DirectoryReader reader = (DirectoryReader) searcher.getIndexReader();
      ExclusionCache cache = new ExclusionCache(filters, UnknownJurisdictions.GLOBAL_ONLY, ExclusionCache.DEFAULT_MAX_BYTES);
      // Candidates: what GLOBAL hides (every reject rule is in force there); each is confirmed by the reference.
      BooleanQuery hidden = new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
          .add(cache.visibleQuery(reader, policy, "GLOBAL", at), BooleanClause.Occur.MUST_NOT)
          .build();
      Map<String, Optional<Channel>> channels = new HashMap<>();
      for (ScoreDoc sd : searcher.search(hidden, Math.max(1, reader.maxDoc())).scoreDocs) {
        StoredRecord r = StoredRecord.of(searcher.storedFields().document(sd.doc));
        Decision d;
        if (r.isPost()) {
          var post = r.post();
          Channel c = channels.computeIfAbsent(post.channelId(), id -> channel(searcher, id)).orElse(null);
          d = engine.decide(post, c, "GLOBAL", at);
        } else {
          d = engine.decide(r.channel(), "GLOBAL", at);
        }
        if (d.outcome() == Decision.Outcome.REJECT) out.add(new Purged(r.kind(), r.id(), d.rules()));
      }
    }
    for (Purged p : out) {
      index.delete(p.kind(), p.id());
      if (log != null) log.log(at, p.kind(), p.id(), p.rules(), policy.version());
    }
    index.commit();
    return out;
  }

  private static Optional<Channel> channel(IndexSearcher searcher, String id) {
    try {
      ScoreDoc[] hits = searcher.search(new TermQuery(new Term(Fields.UID, Fields.uid(Fields.CHANNEL, id))), 1).scoreDocs;
      return hits.length == 0 ? Optional.empty()
          : Optional.of(StoredRecord.of(searcher.storedFields().document(hits[0].doc)).channel());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
