package dev.lucenefilter.model;

import java.util.Locale;

/** Canonical form of Telegram usernames: no leading {@code @}, lower case. Pure functions, thread-safe. */
public final class Usernames {
  private Usernames() {}

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
    int n = canonical.length();
    if (n < 5 || n > 32) return false;
    char first = canonical.charAt(0);
    if (first < 'a' || first > 'z') return false;
    for (int i = 1; i < n; i++) {
      char c = canonical.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
  }
}
