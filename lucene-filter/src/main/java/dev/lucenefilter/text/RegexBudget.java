package dev.lucenefilter.text;

import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Bounds the work of turning a regex pattern into an automaton BEFORE any automaton is built. Lucene's {@link
 * RegExp#toAutomaton} expands a repeat {@code x{n}} into n copies of x: {@code a{2147483647}} or {@code
 * (a{1000}){1000}} would allocate until the JVM dies, long before any state limit on the result could refuse it.
 * So the parsed tree is walked first and the size of the automaton it would build is estimated from above
 * (repeats multiply, unions and concatenations add, saturating instead of overflowing); a pattern whose estimate
 * exceeds {@link #MAX_BUILD_STATES} is refused without building anything. The limit is ten times the {@link
 * WordRegexMatcher#MAX_STATES} limit on the deterministic automaton, so it refuses only patterns that spell out a
 * large repeat inefficiently (e.g. {@code (a|b|c|d){9000}}, which {@code [a-d]{9000}} would not need to) or that
 * the state limit would refuse anyway. Pure functions, thread-safe.
 */
public final class RegexBudget {
  private RegexBudget() {}

  /** Largest estimated number of states of the automaton a pattern may build before determinization. */
  public static final long MAX_BUILD_STATES = 100_000;

  /** Saturation point of the estimate: any larger value means "too large" anyway. */
  private static final long CAP = 1L << 40;

  /**
   * The automaton of {@code pattern} as Lucene {@link RegExp} with {@code flags} builds it, after checking the
   * estimate.
   *
   * @throws IllegalArgumentException when the pattern does not parse (Lucene's message, or one about nesting)
   * @throws InvalidRegexException    when building it would exceed {@link #MAX_BUILD_STATES} (the message names
   *     the pattern)
   */
  public static Automaton toAutomaton(String pattern, int flags) throws InvalidRegexException {
    RegExp re;
    long estimate;
    try {
      re = new RegExp(pattern, flags);
      estimate = states(re);
    } catch (StackOverflowError e) {
      // Values are at most 1,000 characters, but the stack is the caller's: refuse rather than die.
      throw new IllegalArgumentException("groups are nested too deeply");
    }
    if (estimate > MAX_BUILD_STATES) {
      throw new InvalidRegexException("regex \"" + pattern + "\" is too complex: building its automaton needs "
          + (estimate >= CAP ? "more than " + CAP : estimate) + " states, more than " + MAX_BUILD_STATES
          + " (check the repeat counts {n})");
    }
    try {
      return re.toAutomaton();
    } catch (TooComplexToDeterminizeException | StackOverflowError e) {
      throw new InvalidRegexException("regex \"" + pattern + "\" is too complex to build", e);
    }
  }

  /** An upper bound of the states {@link RegExp#toAutomaton} creates for {@code re}, at most {@link #CAP}. */
  static long states(RegExp re) {
    return switch (re.kind) {
      case REGEXP_CHAR, REGEXP_CHAR_RANGE, REGEXP_CHAR_CLASS, REGEXP_ANYCHAR -> 2;
      case REGEXP_EMPTY, REGEXP_ANYSTRING, REGEXP_AUTOMATON -> 2;
      case REGEXP_STRING -> add(re.s.length(), 1);
      case REGEXP_INTERVAL -> add(mul(Math.max(re.digits, 1), 20), 2);
      case REGEXP_UNION -> add(add(states(re.exp1), states(re.exp2)), 1);
      case REGEXP_CONCATENATION -> add(states(re.exp1), states(re.exp2));
      case REGEXP_INTERSECTION -> mul(states(re.exp1), states(re.exp2));
      case REGEXP_OPTIONAL, REGEXP_REPEAT -> add(states(re.exp1), 1);
      case REGEXP_REPEAT_MIN -> add(mul(states(re.exp1), add(Math.max(re.min, 0), 1)), 1);
      case REGEXP_REPEAT_MINMAX -> add(mul(states(re.exp1), add(Math.max(Math.max(re.min, re.max), 0), 1)), 1);
      // Complement determinizes: exponential in the worst case. Squared is a floor, not a bound; Lucene's own
      // determinization work limit stops the rest (as TooComplexToDeterminizeException).
      case REGEXP_COMPLEMENT, REGEXP_DEPRECATED_COMPLEMENT -> mul(states(re.exp1), states(re.exp1));
    };
  }

  private static long add(long a, long b) { return Math.min(CAP, a + b); }

  private static long mul(long a, long b) {
    if (a == 0 || b == 0) return 0;
    return a > CAP / b ? CAP : Math.min(CAP, a * b);
  }
}
