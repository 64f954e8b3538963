package dev.lucenefilter.policy;

import dev.lucenefilter.policy.JsonTree.Arr;
import dev.lucenefilter.policy.JsonTree.Bool;
import dev.lucenefilter.policy.JsonTree.Member;
import dev.lucenefilter.policy.JsonTree.Node;
import dev.lucenefilter.policy.JsonTree.Num;
import dev.lucenefilter.policy.JsonTree.Obj;
import dev.lucenefilter.policy.JsonTree.Str;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The type-specific fields of one rule object, as a {@link RuleType} reads them. Every accessor validates what it
 * reads and reports problems through {@link #error} with the exact location, so a parser never has to format
 * locations itself. Not thread-safe; lives only while one rule is parsed.
 */
public final class RuleFields {
  private final Obj obj;
  private final String ruleId;
  private final PolicyLoader loader;
  private boolean failed;

  RuleFields(Obj obj, String ruleId, PolicyLoader loader) {
    this.obj = obj;
    this.ruleId = ruleId;
    this.loader = loader;
  }

  /** One entry of {@code values}: its index in the array, its text as written and where it is. */
  public record Entry(int index, String value, SourceLocation location) {
    /** {@code values[INDEX] 'VALUE'}: how messages name this entry. */
    public String describe() { return "values[" + index + "] '" + value + "'"; }
  }

  /** The limits of this load (value length, regex states, …). */
  public PolicyLimits limits() { return loader.limits; }

  /** True when the rule object has {@code field}. */
  public boolean has(String field) { return obj.members().containsKey(field); }

  /** Where the value of {@code field} is, or the rule's location when absent. */
  public SourceLocation locationOf(String field) {
    Member m = obj.members().get(field);
    return m == null ? obj.at() : m.value().at();
  }

  /**
   * The required {@code values}: a non-empty array of non-empty strings without leading or trailing whitespace,
   * each at most {@link PolicyLimits#maxValueLength()} long. Reports what is wrong and returns only the valid
   * entries (an empty list when the field itself is wrong).
   */
  public List<Entry> values() {
    Arr arr = obj.get("values", Arr.class, "an array of strings", true, this::error);
    if (arr == null) return List.of();
    if (arr.items().isEmpty()) {
      error(arr.at(), "'values' must not be empty");
      return List.of();
    }
    List<Entry> out = new ArrayList<>(arr.items().size());
    for (int i = 0; i < arr.items().size(); i++) {
      Node n = arr.items().get(i);
      if (!(n instanceof Str s)) {
        error(n.at(), "values[" + i + "] must be a string, not " + n.kind());
        continue;
      }
      String v = s.value();
      if (v.isEmpty()) {
        error(n.at(), "values[" + i + "] is empty");
      } else if (loader.limits.tooLong(v)) {
        error(n.at(), "values[" + i + "] is longer than " + loader.limits.maxValueLength() + " characters");
      } else if (!v.strip().equals(v)) {
        error(n.at(), "values[" + i + "] '" + v + "' has leading or trailing whitespace");
      } else if (isInvisible(v.codePointAt(0)) || isInvisible(v.codePointBefore(v.length()))) {
        // A no-break or zero-width space at an edge is invisible in an editor and makes an exact value never match.
        error(n.at(), "values[" + i + "] '" + v + "' starts or ends with an invisible character (U+"
            + String.format("%04X", isInvisible(v.codePointAt(0)) ? v.codePointAt(0) : v.codePointBefore(v.length()))
            + ")");
      } else if (loader.countValue(n.at(), ruleId)) {
        out.add(new Entry(i, v, n.at()));
      } else {
        // Past the directory's limit (reported once, at the first value over it): this rule loses values, so it
        // must not be built from the rest.
        failed = true;
      }
    }
    return out;
  }

  private static boolean isInvisible(int cp) {
    return Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT;
  }

  /** A string field: non-empty, at most the value length limit; empty when absent (reported if required) or wrong. */
  public Optional<String> string(String field, boolean required) {
    Str s = obj.get(field, Str.class, "a string", required, this::error);
    if (s == null) return Optional.empty();
    if (s.value().isBlank()) {
      error(s.at(), "'" + field + "' must not be empty");
      return Optional.empty();
    }
    if (loader.limits.tooLong(s.value())) {
      error(s.at(), "'" + field + "' is longer than " + loader.limits.maxValueLength() + " characters");
      return Optional.empty();
    }
    return Optional.of(s.value());
  }

  /** A number field; empty when absent (reported if required) or not a number. */
  public OptionalDouble number(String field, boolean required) {
    Num n = obj.get(field, Num.class, "a number", required, this::error);
    return n == null ? OptionalDouble.empty() : OptionalDouble.of(n.value());
  }

  /** A boolean field; empty when absent or not a boolean (reported). */
  public Optional<Boolean> bool(String field) {
    return Optional.ofNullable(obj.get(field, Bool.class, "true or false", false, this::error)).map(Bool::value);
  }

  /** Reports an error of this rule at {@code at}; the rule will not be part of any snapshot. */
  public void error(SourceLocation at, String message) {
    failed = true;
    loader.error(at, ruleId, message);
  }

  /** Marks the rule as failed by an error reported elsewhere (its id). */
  void markFailed() { failed = true; }

  /** True once any error was reported for this rule. */
  public boolean failed() { return failed; }
}
