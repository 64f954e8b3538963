package dev.lucenefilter.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A {@code channel} rule: exact channel ids. Immutable. */
public record ChannelRule(RuleHeader header, Set<String> channelIds) implements Rule {
  /** The JSON {@code type}. */
  public static final String TYPE = "channel";

  public ChannelRule {
    Objects.requireNonNull(header, "header");
    channelIds = Set.copyOf(channelIds);
    if (channelIds.isEmpty()) throw new IllegalArgumentException("channelIds must not be empty in rule " + header.id());
  }

  @Override
  public String type() { return TYPE; }

  @Override
  public Map<String, Object> parameters() { return Map.of("values", channelIds.stream().sorted().toList()); }
}
