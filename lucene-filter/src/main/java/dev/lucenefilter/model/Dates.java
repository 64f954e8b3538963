package dev.lucenefilter.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The documented range of every instant the project accepts: record {@code date} and {@code created}, and rule
 * {@code effective_from} and {@code expires}. Guarantees: an instant {@link #inRange in range} has a four-digit
 * year (0000 to 9999, UTC) and so is representable as epoch milliseconds, the form the index stores and searches;
 * anything else is refused where it is read, with its location, instead of overflowing later. Thread-safe.
 */
public final class Dates {
  private Dates() {}

  /** The first accepted instant, {@code 0000-01-01T00:00:00Z}. */
  public static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
  /** The last accepted instant, {@code 9999-12-31T23:59:59.999999999Z}. */
  public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** How error messages name the range. */
  public static final String RANGE = "years 0000 to 9999 (UTC)";

  /** True when {@code t} lies in [{@link #MIN}, {@link #MAX}]. */
  public static boolean inRange(Instant t) {
    return !t.isBefore(MIN) && !t.isAfter(MAX);
  }

  /** {@code t}; an {@link IllegalArgumentException} naming {@code what} when it is outside the range. */
  public static Instant check(String what, Instant t) {
    if (t != null && !inRange(t)) throw new IllegalArgumentException(what + " " + t + " is outside " + RANGE);
    return t;
  }

  /**
   * An ISO-8601 date, meaning 00:00 UTC of that day, or an instant with an offset ({@code Z} or {@code +05:00});
   * empty for anything else. The range is not checked.
   */
  public static Optional<Instant> parse(String s) {
    try {
      return Optional.of(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException notADate) {
      try {
        return Optional.of(OffsetDateTime.parse(s).toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }
}
