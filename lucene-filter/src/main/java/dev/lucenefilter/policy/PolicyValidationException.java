package dev.lucenefilter.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy directory was refused. {@link #errors()} holds every error found in the whole directory, in {@link
 * PolicyError#ORDER}; {@link #getMessage()} is their one-line forms joined by newlines. Nothing of a refused
 * directory is ever applied.
 */
public final class PolicyValidationException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<PolicyError> errors;

  public PolicyValidationException(List<PolicyError> errors) {
    super(errors.stream().sorted(PolicyError.ORDER).map(PolicyError::toString).collect(Collectors.joining("\n")));
    if (errors.isEmpty()) throw new IllegalArgumentException("a validation exception needs at least one error");
    this.errors = errors.stream().sorted(PolicyError.ORDER).toList();
  }

  /** Every error, sorted by file, line, column, message. Never empty. */
  public List<PolicyError> errors() { return errors; }
}
