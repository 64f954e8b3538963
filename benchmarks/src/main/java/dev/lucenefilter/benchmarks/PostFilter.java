package dev.lucenefilter.benchmarks;

import dev.lucenefilter.filter.Decision;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.StoredRecord;
import dev.lucenefilter.model.Channel;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.index.StoredFields;

/**
 * The other common baseline: search unfiltered, then check each hit's stored record with the reference {@link
 * DecisionEngine} and keep going (next page, search-after) until the page holds {@code size} visible hits or the
 * hits run out. Channel records are looked up in a map held in memory, as an application would.
 */
final class PostFilter {
  private final IndexSearcher searcher;
  private final DecisionEngine engine;
  private final String jurisdiction;
  private final Instant now;
  private final Map<String, Channel> channels = new HashMap<>();

  PostFilter(IndexSearcher searcher, DecisionEngine engine, String jurisdiction, Instant now) throws IOException {
    this.searcher = searcher;
    this.engine = engine;
    this.jurisdiction = jurisdiction;
    this.now = now;
    TopDocs all = searcher.search(new TermQuery(new Term(FilterFields.KIND, FilterFields.KIND_CHANNEL)), Integer.MAX_VALUE);
    StoredFields stored = searcher.getIndexReader().storedFields();
    for (ScoreDoc sd : all.scoreDocs) {
      Channel c = StoredRecord.of(stored.document(sd.doc)).channel();
      channels.put(c.id(), c);
    }
  }

  /** The first {@code size} visible hits of {@code query} (sorted by {@code sort} when not null). */
  List<ScoreDoc> search(Query query, Sort sort, int size) throws IOException {
    List<ScoreDoc> page = new ArrayList<>(size);
    StoredFields stored = searcher.getIndexReader().storedFields();
    ScoreDoc after = null;
    int batch = size * 2;
    while (page.size() < size) {
      TopDocs top = sort == null ? searcher.searchAfter(after, query, batch)
          : searcher.searchAfter((FieldDoc) after, query, batch, sort);
      if (top.scoreDocs.length == 0) break;
      for (ScoreDoc sd : top.scoreDocs) {
        if (visible(stored.document(sd.doc))) {
          page.add(sd);
          if (page.size() == size) break;
        }
      }
      after = top.scoreDocs[top.scoreDocs.length - 1];
      if (top.scoreDocs.length < batch) break;
    }
    return page;
  }

  private boolean visible(Document doc) {
    StoredRecord r = StoredRecord.of(doc);
    Decision d = r.isPost()
        ? engine.decide(r.post(), channels.get(r.channelId()), jurisdiction, now)
        : engine.decide(r.channel(), jurisdiction, now);
    return d.outcome() == Decision.Outcome.KEEP;
  }
}
