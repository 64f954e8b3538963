package dev.lucenefilter.model;

import java.util.Objects;

/**
 * A malformed input record. {@link #getMessage()} is one line: {@code FILE:LINE: field 'F': problem}, or without
 * the field part when the line is not JSON at all.
 */
public final class RecordFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String field;

  public RecordFormatException(String file, long line, String field, String problem) {
    super(file + ":" + line + ": " + (field == null ? "" : "field '" + field + "': ")
        + Objects.requireNonNull(problem));
    this.file = Objects.requireNonNull(file);
    this.line = line;
    this.field = field;
  }

  /** The file name as given to the reader. */
  public String file() { return file; }

  /** The 1-based line number. */
  public long line() { return line; }

  /** The offending field's dotted path, or {@code null} when the line is not a JSON object. */
  public String field() { return field; }
}
