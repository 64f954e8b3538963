package dev.lucenefilter.policy;

/**
 * Resource limits the loader enforces, so that a mistaken or hostile policy fails with a clear error instead of
 * exhausting memory or CPU. Each limit exceeded is reported as one {@link PolicyError}.
 *
 * @param maxFileBytes largest policy file
 * @param maxValueLength longest single value (phrase, pattern, id, domain, …) and longest other string field, in
 *     characters (code points: an emoji or a mathematical letter is one)
 * @param maxRules most rules in one directory
 * @param maxValues most values (entries of {@code values}) in one directory
 * @param maxJurisdictions most policy files in one directory
 * @param maxRegexStates most states of one regex's determinized automaton (determinization itself is bounded by
 *     Lucene's {@code Operations.DEFAULT_DETERMINIZE_WORK_LIMIT})
 * @param maxTotalBytes largest sum of the sizes of a directory's policy files (a load holds them all in memory)
 */
public record PolicyLimits(long maxFileBytes, int maxValueLength, int maxRules, int maxValues, int maxJurisdictions,
    int maxRegexStates, long maxTotalBytes) {
  // The default of each limit, in its component's unit.
  public static final long MAX_FILE_BYTES = 64L << 20;
  public static final int MAX_VALUE_LENGTH = 1_000;
  public static final int MAX_RULES = 1_000_000;
  public static final int MAX_VALUES = 2_000_000;
  public static final int MAX_JURISDICTIONS = 1_000;
  public static final int MAX_REGEX_STATES = 10_000;
  public static final long MAX_TOTAL_BYTES = 256L << 20;

  /** Whether {@code value} has more characters (code points) than {@link #maxValueLength}. */
  public boolean tooLong(String value) {
    return value.length() > maxValueLength && value.codePointCount(0, value.length()) > maxValueLength;
  }

  /** The limits above. */
  public static final PolicyLimits DEFAULT = new PolicyLimits(MAX_FILE_BYTES, MAX_VALUE_LENGTH, MAX_RULES, MAX_VALUES,
      MAX_JURISDICTIONS, MAX_REGEX_STATES, MAX_TOTAL_BYTES);
}
