package dev.lucenefilter.filter;

import dev.lucenefilter.policy.Rule;

/**
 * One match behind a decision.
 *
 * @param ruleId   the rule id
 * @param rule     the policy rule, null for a custom filter's criterion
 * @param side     the side of the record that matched
 * @param evidence where the match came from
 */
public record RuleMatch(String ruleId, Rule rule, MatchSink.Side side, String evidence) {}
