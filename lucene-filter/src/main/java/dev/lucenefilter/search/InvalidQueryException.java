package dev.lucenefilter.search;

/** A query string refused by the safe query parser (too long, too many terms, a leading wildcard, ...). */
public final class InvalidQueryException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  public InvalidQueryException(String message) { super(message); }
}
