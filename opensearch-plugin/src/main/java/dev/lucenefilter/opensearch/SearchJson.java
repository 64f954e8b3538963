package dev.lucenefilter.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;

/** Walks a request's JSON form for the end-user checks ({@link TermExpansionOracles}, {@link DocumentOrderOracles}). */
final class SearchJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SearchJson() {}

  /**
   * The JSON form of a query or search source ({@code toString()} of OpenSearch's builders), or null when it cannot
   * be read back; callers refuse then, so nothing goes unchecked.
   */
  static JsonNode read(Object builder) {
    try {
      return JSON.readTree(builder.toString());
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Why a request whose JSON form could not be read is refused. */
  static final String UNREADABLE = "the request could not be read back for checking";

  /**
   * The first object key at any depth that {@code names} holds (and, with {@code values}, the first string value it
   * holds), in document order; null when there is none.
   */
  static String first(JsonNode node, Set<String> names, boolean values) {
    if (node.isTextual()) return values && names.contains(node.asText()) ? node.asText() : null;
    if (node.isArray()) {
      for (JsonNode child : node) {
        String r = first(child, names, values);
        if (r != null) return r;
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (names.contains(e.getKey())) return e.getKey();
        String r = first(e.getValue(), names, values);
        if (r != null) return r;
      }
    }
    return null;
  }
}
