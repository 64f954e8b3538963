package dev.lucenefilter.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** Canonical form of Telegram usernames: no leading {@code @}, lower case. Pure functions, thread-safe. */
public final class Usernames {
  private Usernames() {}

  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{4,31}");

  /** Strips one leading {@code @} and lower-cases (ROOT locale); does not validate. */
  public static String canonical(String username) {
    String u = username.startsWith("@") ? username.substring(1) : username;
    return u.toLowerCase(Locale.ROOT);
  }

  /**
   * True when {@code canonical} is a Telegram username by docs/reference.md §2: 5–32 characters of {@code [a-z0-9_]}
   * starting with a letter.
   */
  public static boolean isValid(String canonical) {
    return VALID.matcher(canonical).matches();
  }
}
