package dev.lucenefilter.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

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
    return firstOf(node, (key, value) -> names.contains(key) ? key : null,
        text -> values && names.contains(text) ? text : null);
  }

  /**
   * The first non-null answer, in document order at any depth, of {@code member} for an object's key and value
   * (asked before the value is descended into) or of {@code text} for a string value; null when there is none.
   */
  static String firstOf(JsonNode node, BiFunction<String, JsonNode, String> member, Function<String, String> text) {
    if (node.isTextual()) return text.apply(node.asText());
    if (node.isArray()) {
      for (JsonNode child : node) {
        String r = firstOf(child, member, text);
        if (r != null) return r;
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String r = member.apply(e.getKey(), e.getValue());
        if (r == null) r = firstOf(e.getValue(), member, text);
        if (r != null) return r;
      }
    }
    return null;
  }
}
