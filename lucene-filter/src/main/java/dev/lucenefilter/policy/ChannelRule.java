package dev.lucenefilter.policy;

import java.util.Map;
import java.util.Set;

/** A {@code channel} rule: exact channel ids. Immutable. */
public record ChannelRule(RuleHeader header, Set<String> channelIds) implements Rule {
  /** The JSON {@code type}. */
  public static final String TYPE = "channel";

  public ChannelRule {
    channelIds = header.nonEmpty(Set.copyOf(channelIds), "channelIds");
  }

  @Override
  public String type() { return TYPE; }

  @Override
  public Map<String, Object> parameters() { return Map.of("values", channelIds.stream().sorted().toList()); }
}
