package dev.lucenefilter.filter;

import java.util.List;
import java.util.Locale;

/**
 * The decision for one record in one jurisdiction (docs/reference.md §2): {@code reject} if an active reject rule matches,
 * else {@code hide} if any active effective rule (or custom filter) matches, else {@code keep}.
 *
 * @param outcome    the decision
 * @param rules      the ids behind it, sorted: every matching reject rule for {@code reject}, every matching
 *                   hiding rule for {@code hide}, empty for {@code keep}
 * @param matches    every match behind it, with evidence, sorted by rule id
 * @param jurisdiction the jurisdiction decided for
 * @param policyVersion the version of the policy snapshot used
 */
public record Decision(Outcome outcome, List<String> rules, List<RuleMatch> matches, String jurisdiction,
    String policyVersion) {

  public Decision {
    rules = List.copyOf(rules);
    matches = List.copyOf(matches);
  }

  /** The three outcomes, spelled as in {@code check}'s output. */
  public enum Outcome {
    KEEP, HIDE, REJECT;

    /** {@code keep}, {@code hide} or {@code reject}. */
    public String label() { return name().toLowerCase(Locale.ROOT); }
  }

  /** True for {@code keep}. */
  public boolean visible() { return outcome == Outcome.KEEP; }
}
