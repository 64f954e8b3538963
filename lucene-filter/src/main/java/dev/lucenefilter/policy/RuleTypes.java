package dev.lucenefilter.policy;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable registry of {@link RuleType}s keyed by their JSON {@code type}. {@link #standard()} holds the seven
 * types of docs/reference.md §2; {@link #with} adds one (a perceptual hash, an allow-list) without touching the others.
 */
public final class RuleTypes {
  private static final RuleTypes STANDARD = new RuleTypes(new TreeMap<>()).with(StandardRuleTypes.all());
  private final Map<String, RuleType> byName;

  private RuleTypes(Map<String, RuleType> byName) { this.byName = Collections.unmodifiableMap(byName); }

  /** channel, username, domain, phrase, regex, media_hash, classifier. */
  public static RuleTypes standard() { return STANDARD; }

  /** A registry with these types too; a name already registered is an error. */
  public RuleTypes with(RuleType... types) {
    Map<String, RuleType> m = new TreeMap<>(byName);
    for (RuleType t : types) {
      if (m.putIfAbsent(t.name(), t) != null) throw new IllegalArgumentException("rule type already registered: " + t.name());
    }
    return new RuleTypes(m);
  }

  /** The type registered under {@code name}. */
  public Optional<RuleType> get(String name) { return Optional.ofNullable(byName.get(name)); }

  /** The registered names, sorted. */
  public Set<String> names() { return byName.keySet(); }

  /** Every type-specific field any registered type accepts (to tell "not allowed here" from "unknown"). */
  Set<String> allFields() {
    Set<String> s = new TreeSet<>();
    byName.values().forEach(t -> s.addAll(t.fields()));
    return s;
  }
}
