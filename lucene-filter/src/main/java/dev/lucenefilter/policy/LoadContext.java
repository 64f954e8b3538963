package dev.lucenefilter.policy;

import java.util.ArrayList;
import java.util.List;

/** The errors and resource budget of one directory load. Not thread-safe. */
final class LoadContext {
  final PolicyLimits limits;
  final RuleTypes types;
  final List<PolicyError> errors = new ArrayList<>();
  private int values;
  private int rules;

  LoadContext(PolicyLimits limits, RuleTypes types) {
    this.limits = limits;
    this.types = types;
  }

  void error(SourceLocation at, String ruleId, String message) {
    errors.add(PolicyError.at(at, ruleId, message));
  }

  /** Counts one value; false (and one error, the first time) once the directory exceeds its value limit. */
  boolean countValue(SourceLocation at, String ruleId) {
    if (++values == limits.maxValues() + 1) {
      error(at, ruleId, "too many values: a policy directory holds at most " + limits.maxValues());
    }
    return values <= limits.maxValues();
  }

  /** Counts one rule; false (and one error, the first time) once the directory exceeds its rule limit. */
  boolean countRule(SourceLocation at, String ruleId) {
    if (++rules == limits.maxRules() + 1) {
      error(at, ruleId, "too many rules: a policy directory holds at most " + limits.maxRules());
    }
    return rules <= limits.maxRules();
  }
}
