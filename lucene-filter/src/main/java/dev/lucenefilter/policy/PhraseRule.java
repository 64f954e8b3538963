package dev.lucenefilter.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A {@code phrase} rule: phrases exactly as written in the file (duplicates removed, first occurrence kept); the
 * matcher normalizes them with the same steps as texts. A trailing {@code *} marks a prefix. Immutable.
 */
public record PhraseRule(RuleHeader header, List<String> phrases) implements Rule {
  /** The JSON {@code type}. */
  public static final String TYPE = "phrase";

  public PhraseRule {
    phrases = header.nonEmpty(List.copyOf(new LinkedHashSet<>(phrases)), "phrases");
  }

  @Override
  public String type() { return TYPE; }

  @Override
  public Map<String, Object> parameters() { return Map.of("values", phrases.stream().sorted().toList()); }
}
