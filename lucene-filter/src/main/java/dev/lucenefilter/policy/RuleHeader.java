package dev.lucenefilter.policy;

import java.time.Instant;
import java.util.Collection;
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

  /** {@code values} (a rule's copy of its field {@code field}), refused when empty: a rule must match something. */
  <C extends Collection<String>> C nonEmpty(C values, String field) {
    if (values.isEmpty()) throw new IllegalArgumentException(field + " must not be empty in rule " + id);
    return values;
  }

  /** True when {@code effectiveFrom <= t < expires}; a missing bound is open. */
  public boolean activeAt(Instant t) {
    // Without Optional.map: a swap asks this of every rule of every jurisdiction, and the lambdas allocate.
    return (effectiveFrom.isEmpty() || !t.isBefore(effectiveFrom.get()))
        && (expires.isEmpty() || t.isBefore(expires.get()));
  }
}
