package dev.lucenefilter.policy;

import java.util.Objects;

/**
 * A place in a policy file: the file name (relative to the policy directory, e.g. {@code KZ.json}) and a 1-based
 * line and column counted in characters (UTF-16 units). Line 0 means the whole file or directory.
 */
public record SourceLocation(String file, int line, int column) {
  public SourceLocation {
    Objects.requireNonNull(file, "file");
  }

  /** {@code FILE:LINE:COLUMN}, or just {@code FILE} for line 0. */
  @Override
  public String toString() {
    return line == 0 ? file : file + ":" + line + ":" + column;
  }
}
