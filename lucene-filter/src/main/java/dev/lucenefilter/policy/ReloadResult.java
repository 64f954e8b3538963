package dev.lucenefilter.policy;

import java.util.List;

/**
 * The outcome of {@link PolicyRegistry#reload()}. On success {@code version} is the version now current and
 * {@code changed} says whether it differs from the previous one; on failure {@code errors} lists every error and
 * {@code version} is the version still serving.
 */
public record ReloadResult(boolean success, boolean changed, String version, List<PolicyError> errors) {
  public ReloadResult {
    errors = List.copyOf(errors);
  }

  static ReloadResult ok(String version, boolean changed) { return new ReloadResult(true, changed, version, List.of()); }

  static ReloadResult failed(String serving, List<PolicyError> errors) { return new ReloadResult(false, false, serving, errors); }
}
