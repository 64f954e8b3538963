package dev.lucenefilter.policy;

import java.util.Set;

/**
 * Parses and validates the rules of one JSON {@code type}. The loader handles the common fields (id, type, action,
 * target, category, legal_basis, effective_from, expires, note) and refuses fields that no type declares; a
 * {@code RuleType} reads its own fields from {@link RuleFields}. Implementations must be stateless and thread-safe.
 */
public interface RuleType {
  /** The JSON {@code type} string, e.g. {@code domain}. */
  String name();

  /** The type-specific JSON fields this type accepts, e.g. {@code values}, {@code mentions}. */
  Set<String> fields();

  /**
   * Builds the rule from its fields, reporting every problem with {@link RuleFields#error}; returns {@code null}
   * when it reported an error.
   */
  Rule parse(RuleHeader header, RuleFields fields);
}
