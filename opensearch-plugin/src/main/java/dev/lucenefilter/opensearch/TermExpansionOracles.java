package dev.lucenefilter.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Finds the parts of a query that would tell an end user something about hidden records through the term
 * dictionary or its statistics, which hidden records still feed (they look deleted to a filtered reader, and a
 * deleted document's terms stay in the dictionary until a merge drops them):
 * <ul>
 *   <li>{@code more_like_this} picks its terms by document frequency, so which terms it keeps depends on hidden
 *       records;</li>
 *   <li>a multi-term query ({@code prefix}, {@code wildcard}, {@code regexp}, {@code fuzzy}, {@code query_string},
 *       {@code match} with fuzziness) whose {@code rewrite} or {@code fuzzy_rewrite} builds one clause per term
 *       ({@code scoring_boolean}, {@code constant_score_boolean}, {@code top_terms_*}): it fails with "too many
 *       clauses" or keeps the top terms by statistics, counting terms only hidden records hold. The default
 *       rewrites ({@code constant_score}, {@code constant_score_blended}) match a term's visible documents only and
 *       never fail on the count;</li>
 *   <li>{@code span_multi} and the multi-term sources of {@code intervals} ({@code prefix}, {@code wildcard},
 *       {@code fuzzy}, {@code regexp}): both fail once the expansion passes a limit;</li>
 *   <li>{@code wrapper}: its query is encoded, so these checks could not see it;</li>
 *   <li>{@code common} and {@code cutoff_frequency}: they split words by the shard's document count, hidden records'
 *       included, and by the one document a word only hidden records hold is counted in;</li>
 *   <li>scripts (script fields, queries, scores, sorts, aggregations, runtime and derived fields): they read doc
 *       values, term statistics and document numbers ({@code randomScore}) however the request spells them;</li>
 *   <li>{@code random_score} without a field: it hashes document numbers; {@code explain} at any depth
 *       ({@code top_hits}, {@code inner_hits}).</li>
 * </ul>
 * The query is read in its JSON form, so every nesting (bool, nested, function_score, dis_max, ...) is covered;
 * for a search, the whole source (highlight and rescore queries, post filter, aggregations' filters).
 * Stateless.
 */
final class TermExpansionOracles {
  private static final Set<String> CONSTANT_REWRITES = Set.of("constant_score", "constant_score_blended");
  private static final Set<String> INTERVAL_EXPANSIONS = Set.of("prefix", "wildcard", "fuzzy", "regexp");

  private TermExpansionOracles() {}

  /**
   * Why a query or search, in its JSON form ({@link SearchJson#read}), may not run for an end user, or null. For a
   * search the whole source is read, not only its query: a highlight query, a rescore query, a post filter and the
   * queries of {@code filter}/{@code filters} aggregations expand terms too.
   */
  static String refusal(JsonNode node) {
    if (node == null) return SearchJson.UNREADABLE;
    return SearchJson.firstOf(node, TermExpansionOracles::memberRefusal, text -> null);
  }

  /** Why an object's member {@code key: value} may not run, or null (its value is read further by the walk). */
  private static String memberRefusal(String key, JsonNode value) {
    switch (key) {
      case "more_like_this" -> { return "[more_like_this] picks its terms by statistics that hidden documents feed"; }
      case "span_multi" -> { return "[span_multi] expands to terms of hidden documents and fails when they are too many"; }
      case "wrapper" -> { return "[wrapper] hides its query from these checks: send the query itself"; }
      case "common", "cutoff_frequency" -> {
        return "[" + key + "] splits words by the shard's document count, which counts hidden records";
      }
      case "script", "scripted_metric", "runtime_mappings", "derived" -> {
        return "[" + key + "] reads document numbers, write counters and statistics past these checks";
      }
      case "random_score" -> {
        if (!value.has("field")) {
          return "[random_score] without a field scores by document number, whose gaps count hidden records: give"
              + " it a field of the records (id.raw)";
        }
      }
      case "explain" -> {
        if (value.asBoolean(false)) return PolicyActionFilter.EXPLAIN;
      }
      case "rewrite", "fuzzy_rewrite" -> {
        if (value.isTextual() && !CONSTANT_REWRITES.contains(value.asText())) {
          return "[" + key + "] [" + value.asText() + "] counts or ranks terms of hidden documents: use constant_score"
              + " or constant_score_blended (the default)";
        }
      }
      case "intervals" -> {
        String expansion = SearchJson.first(value, INTERVAL_EXPANSIONS, false);
        if (expansion != null) {
          return "[intervals] [" + expansion + "] expands to terms of hidden documents and fails when they are too many";
        }
      }
      default -> { }
    }
    return null;
  }
}
