package dev.lucenefilter.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A {@code regex} rule: Lucene {@code RegExp} patterns (flags {@code RegExp.NONE}), each matched against whole
 * words after normalization steps 1–3. Every pattern parsed and determinized within {@link
 * PolicyLimits#MAX_REGEX_STATES} when loaded. Immutable.
 */
public record RegexRule(RuleHeader header, List<String> patterns) implements Rule {
  /** The JSON {@code type}. */
  public static final String TYPE = "regex";

  public RegexRule {
    patterns = header.nonEmpty(List.copyOf(new LinkedHashSet<>(patterns)), "patterns");
  }

  @Override
  public String type() { return TYPE; }

  @Override
  public Map<String, Object> parameters() { return Map.of("values", patterns.stream().sorted().toList()); }
}
