package dev.lucenefilter.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The errors and resource budget of one directory load. Not thread-safe. */
final class LoadContext {
  final PolicyLimits limits;
  final RuleTypes types;
  final List<PolicyError> errors = new ArrayList<>();
  private final Map<String, SourceLocation> ruleIds = new HashMap<>();
  private int values;
  private int rules;

  LoadContext(PolicyLimits limits, RuleTypes types) {
    this.limits = limits;
    this.types = types;
  }

  void error(SourceLocation at, String ruleId, String message) {
    errors.add(PolicyError.at(at, ruleId, message));
  }

  /** An error of no particular rule. */
  void error(SourceLocation at, String message) {
    error(at, null, message);
  }

  /** Records where a rule id is declared; a second declaration anywhere in the directory is an error. */
  void ruleId(String id, SourceLocation at) {
    SourceLocation first = ruleIds.putIfAbsent(id, at);
    if (first != null) error(at, id, "duplicate rule id (also defined at " + first + ")");
  }

  /** Counts one value; false (and one error, the first time) once the directory exceeds its value limit. */
  boolean countValue(SourceLocation at, String ruleId) {
    return within(++values, limits.maxValues(), "values", at, ruleId);
  }

  /** Counts one rule; false (and one error, the first time) once the directory exceeds its rule limit. */
  boolean countRule(SourceLocation at, String ruleId) {
    return within(++rules, limits.maxRules(), "rules", at, ruleId);
  }

  private boolean within(int count, int max, String what, SourceLocation at, String ruleId) {
    if (count == max + 1) error(at, ruleId, "too many " + what + ": a policy directory holds at most " + max);
    return count <= max;
  }
}
