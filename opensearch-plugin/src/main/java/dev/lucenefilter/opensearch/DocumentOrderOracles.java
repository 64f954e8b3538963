package dev.lucenefilter.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.opensearch.search.builder.SearchSourceBuilder;

/**
 * Finds the parts of a search that expose a shard's document numbering, which hidden records occupy: a sort on
 * {@code _doc} or {@code _shard_doc} returns each hit's document number as its sort value, and {@code _seq_no} (also
 * through {@code seq_no_primary_term}) counts every write; gaps between two visible hits' values count the hidden
 * records between them. {@code _primary_term} goes with {@code _seq_no}. Refused for end users wherever they appear
 * in the search (sort, query, aggregation, fields). Stateless.
 */
final class DocumentOrderOracles {
  private static final Set<String> NUMBERING = Set.of("_doc", "_shard_doc", "_seq_no", "_primary_term");

  private DocumentOrderOracles() {}

  /** Why the search, with its JSON form ({@link SearchJson#read}), may not run for an end user, or null. */
  static String refusal(SearchSourceBuilder source, JsonNode json) {
    if (Boolean.TRUE.equals(source.seqNoAndPrimaryTerm())) {
      return "seq_no_primary_term counts every write of the shard, hidden records' included";
    }
    if (json == null) return SearchJson.UNREADABLE;
    String found = SearchJson.first(json, NUMBERING, true);
    return found == null ? null : "[" + found + "] numbers the shard's documents, hidden records' included: sort by a"
        + " field of the records instead";
  }
}
