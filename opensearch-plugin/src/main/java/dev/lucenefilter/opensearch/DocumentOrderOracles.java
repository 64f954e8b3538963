package dev.lucenefilter.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.regex.Pattern;
import org.opensearch.common.regex.Regex;
import org.opensearch.search.builder.SearchSourceBuilder;

/**
 * Finds the parts of a search that expose a shard's document numbering, which hidden records occupy: a sort on
 * {@code _doc} or {@code _shard_doc} returns each hit's document number as its sort value, and {@code _seq_no} (also
 * through {@code seq_no_primary_term}) counts every write; gaps between two visible hits' values count the hidden
 * records between them. {@code _primary_term} goes with {@code _seq_no}. Refused for end users wherever they appear
 * in the search (sort, query, aggregation, fields), also inside a query string or a script and as a field pattern
 * that matches them ({@code _seq*}). Stateless.
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
    if (found == null) found = mentioned(json);
    return found == null ? null : "[" + found + "] numbers the shard's documents, hidden records' included: sort by a"
        + " field of the records instead";
  }

  /** Written inside a longer string (a query string, a script): the write counters, named in any case. */
  private static final Pattern WRITE_COUNTERS = Pattern.compile("(?i)_seq_no|_primary_term");

  /**
   * The first key or string value that names a numbering field inside a longer text ({@code "_seq_no:[0 TO 3]"} in
   * a query string, {@code doc['_seq_no']} in a script) or matches one as a field pattern ({@code "_seq*"} in
   * {@code docvalue_fields}), or null.
   */
  private static String mentioned(JsonNode node) {
    return SearchJson.firstOf(node, (key, value) -> {
      // top_hits and inner_hits write their (false) default back: only true asks for the counters
      if (key.equals("seq_no_primary_term")) return value.asBoolean(false) ? key : null;
      return names(key) ? key : null;
    }, text -> names(text) ? text : null);
  }

  private static boolean names(String text) {
    if (WRITE_COUNTERS.matcher(text).find()) return true;
    if (text.indexOf('*') < 0) return false;
    // a field list's pattern may carry a boost ("_primary*^1.0", as query builders write it back)
    String pattern = BOOST.matcher(text).replaceFirst("");
    for (String field : NUMBERING) if (Regex.simpleMatch(pattern, field)) return true;
    return false;
  }

  private static final Pattern BOOST = Pattern.compile("\\^[0-9.]+$");
}
