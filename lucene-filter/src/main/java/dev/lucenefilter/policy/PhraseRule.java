package dev.lucenefilter.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code phrase} rule: phrases exactly as written in the file (duplicates removed, first occurrence kept); the
 * matcher normalizes them with the same steps as texts. A trailing {@code *} marks a prefix. Immutable.
 */
public record PhraseRule(RuleHeader header, List<String> phrases) implements Rule {
  /** The JSON {@code type}. */
  public static final String TYPE = "phrase";

  public PhraseRule {
    Objects.requireNonNull(header, "header");
    phrases = List.copyOf(new java.util.LinkedHashSet<>(phrases));
    if (phrases.isEmpty()) throw new IllegalArgumentException("phrases must not be empty in rule " + header.id());
  }

  @Override
  public String type() { return TYPE; }

  @Override
  public Map<String, Object> parameters() { return Map.of("values", phrases.stream().sorted().toList()); }
}
