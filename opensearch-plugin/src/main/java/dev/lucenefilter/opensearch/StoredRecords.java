package dev.lucenefilter.opensearch;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.RecordView;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.core.common.bytes.BytesArray;

/**
 * Reads the library's records back from an unfiltered shard reader: the document's {@code _source} (OpenSearch
 * stores it as a binary stored field, possibly compressed, in the request's content type), which the {@code
 * lucene_filter} processor wrote in {@link RecordFields}' layout, turned back into a {@link Post} or {@link Channel};
 * a post comes with its channel record, which routing puts on the same shard. For the node's own policy analysis
 * (impact), never for showing content. Not thread-safe (one per shard reader).
 */
final class StoredRecords {
  private static final String SOURCE = "_source";
  private final IndexSearcher searcher;
  private final Map<String, Optional<Channel>> channels = new HashMap<>();

  StoredRecords(IndexReader reader) {
    this.searcher = new IndexSearcher(reader);
    this.searcher.setQueryCache(null);
  }

  /** The record of a top-level document of the reader. */
  RecordView view(int doc) throws IOException {
    Map<String, Object> m = source(doc);
    if (FilterFields.KIND_POST.equals(m.get(FilterFields.KIND))) {
      Post p = post(m);
      return RecordView.post(p, channel(p.channelId()).orElse(null));
    }
    return RecordView.channel(channel(m));
  }

  private Map<String, Object> source(int doc) throws IOException {
    BytesRef bytes = searcher.storedFields().document(doc, Set.of(SOURCE)).getBinaryValue(SOURCE);
    if (bytes == null) throw new IllegalStateException("document " + doc + " has no _source: cannot analyse it");
    return XContentHelper.convertToMap(new BytesArray(bytes.bytes, bytes.offset, bytes.length), false).v2();
  }

  private Optional<Channel> channel(String id) throws IOException {
    Optional<Channel> c = channels.get(id);
    if (c == null) {
      BooleanQuery q = new BooleanQuery.Builder()
          .add(new TermQuery(new Term(FilterFields.KIND, FilterFields.KIND_CHANNEL)), BooleanClause.Occur.FILTER)
          .add(new TermQuery(new Term(FilterFields.ID, id)), BooleanClause.Occur.FILTER)
          .build();
      ScoreDoc[] hits = searcher.search(q, 1).scoreDocs;
      c = hits.length == 0 ? Optional.empty() : Optional.of(channel(source(hits[0].doc)));
      channels.put(id, c);
    }
    return c;
  }

  private static Post post(Map<String, Object> m) {
    return new Post(string(m, FilterFields.ID), string(m, FilterFields.CHANNEL_ID), string(m, FilterFields.USERNAME),
        string(m, FilterFields.TEXT), instant(m), number(m, "views"), strings(m, "links"), strings(m, FilterFields.MEDIA), flags(m));
  }

  private static Channel channel(Map<String, Object> m) {
    return new Channel(string(m, FilterFields.ID), string(m, FilterFields.USERNAME), string(m, FilterFields.TITLE),
        string(m, FilterFields.DESCRIPTION), string(m, "language"), number(m, "subscribers"), instant(m), flags(m));
  }

  private static String string(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? null : v.toString();
  }

  private static long number(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static Instant instant(Map<String, Object> m) {
    Object v = m.get("date");
    return v == null ? null : Instant.parse(v.toString());
  }

  private static List<String> strings(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) return List.of();
    if (v instanceof List<?> l) return l.stream().map(Object::toString).toList();
    return List.of(v.toString());
  }

  private static Map<String, Double> flags(Map<String, Object> m) {
    Object v = m.get(FilterFields.FLAG_PREFIX.substring(0, FilterFields.FLAG_PREFIX.length() - 1));
    Map<String, Double> out = new LinkedHashMap<>();
    if (v instanceof Map<?, ?> f) for (var e : f.entrySet()) out.put(e.getKey().toString(), ((Number) e.getValue()).doubleValue());
    return out;
  }
}
