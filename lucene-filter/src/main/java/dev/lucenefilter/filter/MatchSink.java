package dev.lucenefilter.filter;

import dev.lucenefilter.policy.Rule;

/** Receives what a filter found in a record: the rule, the side of the record, and where the match came from. */
@FunctionalInterface
public interface MatchSink {
  /**
   * Reports a match.
   *
   * @param ruleId   the rule's id (a custom filter without policy rules uses its own stable id)
   * @param rule     the policy rule, or null for a custom filter's own criterion
   * @param side     which side of the record matched
   * @param evidence a short human-readable account: which words, which link, which flag value
   */
  void matched(String ruleId, Rule rule, Side side, String evidence);

  /** The side of a record a match came from. */
  enum Side { POST, CHANNEL }
}
