package dev.lucenefilter.filter;

/**
 * A policy has rules of a type that none of the {@link ContentFilters} in force enforces: filtering with it would
 * silently ignore those rules (fail open), so it is refused. The message names the type, one rule of it, the
 * policy version and the filters that were available.
 */
public final class UnhandledRuleTypeException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  UnhandledRuleTypeException(String message) {
    super(message);
  }
}
