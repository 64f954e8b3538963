package dev.lucenefilter.policy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One validated blocklist rule. Implementations are immutable records; the common fields live in a {@link
 * RuleHeader}, the type-specific ones in the record. The interface is deliberately not sealed: a new rule type is a
 * new record plus a {@link RuleType} registered in {@link RuleTypes}, and nothing else changes.
 */
public interface Rule {
  /** The common fields. */
  RuleHeader header();

  /** The JSON {@code type} string, e.g. {@code channel}. */
  String type();

  /**
   * The type-specific content in canonical form, keyed by JSON field name (collections sorted, values
   * canonical). With {@link #type} and {@link #target} it is all a rule's documents depend on: query-time filtering
   * shares per-rule document sets between rules equal in these, wherever they stand in their files.
   */
  Map<String, Object> parameters();

  /** Unique across the whole policy directory. */
  default String id() { return header().id(); }

  default Action action() { return header().action(); }

  default Target target() { return header().target(); }

  default String category() { return header().category(); }

  default String legalBasis() { return header().legalBasis(); }

  default Optional<Instant> effectiveFrom() { return header().effectiveFrom(); }

  default Optional<Instant> expires() { return header().expires(); }

  /** The code of the jurisdiction whose file declares the rule. */
  default String jurisdiction() { return header().jurisdiction(); }

  /** Free text; empty when absent. */
  default String note() { return header().note(); }

  /** True when {@code effective_from <= t < expires} (missing bounds are open). */
  default boolean activeAt(Instant t) { return header().activeAt(t); }
}
