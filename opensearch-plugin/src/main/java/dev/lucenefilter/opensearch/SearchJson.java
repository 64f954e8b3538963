package dev.lucenefilter.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/** Walks a request's JSON form for the end-user checks ({@link TermExpansionOracles}, {@link DocumentOrderOracles}). */
final class SearchJson {
  private SearchJson() {}

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
