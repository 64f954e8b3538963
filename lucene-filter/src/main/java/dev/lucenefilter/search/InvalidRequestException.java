package dev.lucenefilter.search;

/** A search request that cannot be served as asked (no jurisdiction, bad cursor, page too large, ...). */
public class InvalidRequestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) { super(message); }

  public InvalidRequestException(String message, Throwable cause) { super(message, cause); }
}
