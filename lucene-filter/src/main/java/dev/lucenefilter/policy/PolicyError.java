package dev.lucenefilter.policy;

import java.util.Comparator;
import java.util.Objects;

/**
 * One validation error: where (file relative to the policy directory, 1-based line and column; line 0 for a
 * whole file or the directory itself), which rule ({@code null} when none) and what is wrong. {@link #toString()}
 * is the one-line form {@code FILE:LINE:COLUMN: RULE_ID: message}, without {@code RULE_ID: } when there is no
 * rule and without {@code :LINE:COLUMN} when the line is 0.
 */
public record PolicyError(String file, int line, int column, String ruleId, String message) {
  /** File name, then line, column and message: the order errors are reported in. */
  public static final Comparator<PolicyError> ORDER = Comparator.comparing(PolicyError::file)
      .thenComparingInt(PolicyError::line).thenComparingInt(PolicyError::column)
      .thenComparing(PolicyError::message);

  public PolicyError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  /** An error at {@code at}. */
  public static PolicyError at(SourceLocation at, String ruleId, String message) {
    return new PolicyError(at.file(), at.line(), at.column(), ruleId, message);
  }

  @Override
  public String toString() {
    String place = new SourceLocation(file, line, column).toString();
    return ruleId == null ? place + ": " + message : place + ": " + ruleId + ": " + message;
  }
}
