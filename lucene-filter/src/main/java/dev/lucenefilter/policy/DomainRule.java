package dev.lucenefilter.policy;

import java.util.Map;
import java.util.Set;

/**
 * A {@code domain} rule: hosts in {@link dev.lucenefilter.text.Domains#canonical} form (UTS #46 domains, or IP
 * addresses). A domain matches itself and all its subdomains; an address matches only the same address.
 * Immutable.
 */
public record DomainRule(RuleHeader header, Set<String> domains) implements Rule {
  /** The JSON {@code type}. */
  public static final String TYPE = "domain";

  public DomainRule {
    domains = header.nonEmpty(Set.copyOf(domains), "domains");
  }

  @Override
  public String type() { return TYPE; }

  @Override
  public Map<String, Object> parameters() { return Map.of("values", domains.stream().sorted().toList()); }
}
