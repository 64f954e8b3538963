package dev.lucenefilter.policy;

import dev.lucenefilter.model.Scores;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code classifier} rule: matches when the record's score for {@code flag} is {@code >= threshold}, compared
 * as doubles (the threshold is the double nearest the decimal written in the file; {@code -0.0} is taken as
 * {@code 0.0}, as scores are). Immutable.
 */
public record ClassifierRule(RuleHeader header, String flag, double threshold) implements Rule {
  /** The JSON {@code type}. */
  public static final String TYPE = "classifier";

  public ClassifierRule {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(flag, "flag");
    if (flag.isEmpty()) throw new IllegalArgumentException("empty flag in rule " + header.id());
    if (!(threshold >= 0 && threshold <= 1)) throw new IllegalArgumentException("threshold outside [0, 1] in rule " + header.id());
    threshold = Scores.canonical(threshold);
  }

  @Override
  public String type() { return TYPE; }

  /** True when {@code score >= threshold}. */
  public boolean matches(double score) { return score >= threshold; }

  @Override
  public Map<String, Object> parameters() { return Map.of("flag", flag, "threshold", threshold); }
}
