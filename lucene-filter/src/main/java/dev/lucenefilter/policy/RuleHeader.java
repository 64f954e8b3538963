package dev.lucenefilter.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields every rule has, whatever its type. Immutable. {@code note} is empty when absent; {@code jurisdiction}
 * is the code of the file that declares the rule.
 */
public record RuleHeader(
    String id,
    Action action,
    Target target,
    String category,
    String legalBasis,
    Optional<Instant> effectiveFrom,
    Optional<Instant> expires,
    String jurisdiction,
    String note,
    SourceLocation location) {

  public RuleHeader {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(legalBasis, "legalBasis");
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    note = note == null ? "" : note;
    Objects.requireNonNull(location, "location");
    if (effectiveFrom.isPresent() && expires.isPresent() && !expires.get().isAfter(effectiveFrom.get())) {
      throw new IllegalArgumentException("expires must be after effective_from in rule " + id);
    }
  }

  /** True when {@code effectiveFrom <= t < expires}; a missing bound is open. */
  public boolean activeAt(Instant t) {
    return effectiveFrom.map(f -> !t.isBefore(f)).orElse(true) && expires.map(t::isBefore).orElse(true);
  }
}
