package dev.lucenefilter.policy;

import java.util.Map;
import java.util.Set;

/** A {@code media_hash} rule: SHA-256 digests as 64 lower-case hex characters. Immutable. */
public record MediaHashRule(RuleHeader header, Set<String> sha256) implements Rule {
  /** The JSON {@code type}. */
  public static final String TYPE = "media_hash";

  public MediaHashRule {
    sha256 = header.nonEmpty(Set.copyOf(sha256), "sha256");
  }

  @Override
  public String type() { return TYPE; }

  @Override
  public Map<String, Object> parameters() { return Map.of("values", sha256.stream().sorted().toList()); }
}
