package dev.lucenefilter.text;

/**
 * A regex rule pattern that cannot be used: it does not parse as Lucene {@code RegExp} syntax with no optional
 * operators, step 1 of normalization would change it, or its automaton is too large. The message says which,
 * and names the pattern.
 */
public final class InvalidRegexException extends Exception {
  public InvalidRegexException(String message) { super(message); }

  public InvalidRegexException(String message, Throwable cause) { super(message, cause); }
}
