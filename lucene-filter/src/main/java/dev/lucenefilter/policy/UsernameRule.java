package dev.lucenefilter.policy;

import java.util.Map;
import java.util.Set;

/**
 * A {@code username} rule: canonical Telegram usernames (no {@code @}, lower case, valid by {@link
 * dev.lucenefilter.model.Usernames#isValid}). With {@code mentions} it also matches posts that mention one of them.
 * Immutable.
 */
public record UsernameRule(RuleHeader header, Set<String> usernames, boolean mentions) implements Rule {
  /** The JSON {@code type}. */
  public static final String TYPE = "username";

  public UsernameRule {
    usernames = header.nonEmpty(Set.copyOf(usernames), "usernames");
  }

  @Override
  public String type() { return TYPE; }

  @Override
  public Map<String, Object> parameters() { return Map.of("values", usernames.stream().sorted().toList(), "mentions", mentions); }
}
