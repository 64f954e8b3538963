package dev.lucenefilter.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Canonical form of Telegram usernames: no surrounding white space, no format characters (zero-width joiners), no
 * leading {@code @}, lower case, so a record's {@code " @Spice_Shop"} is the rule's {@code spice_shop}. Pure
 * functions, thread-safe.
 */
public final class Usernames {
  private Usernames() {}

  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{4,31}");

  /**
   * Strips white space (Unicode's too) around the name, drops format characters, then one leading {@code @}, and
   * lower-cases (ROOT locale); does not validate.
   */
  public static String canonical(String username) {
    String u = username;
    if (!isPlain(u)) u = AROUND.matcher(FORMAT.matcher(u).replaceAll("")).replaceAll("");
    u = u.startsWith("@") ? u.substring(1) : u;
    return u.toLowerCase(Locale.ROOT);
  }

  private static final Pattern FORMAT = Pattern.compile("\\p{Cf}");
  private static final Pattern AROUND = Pattern.compile("^[\\s\\p{Z}]+|[\\s\\p{Z}]+$");

  /** True for a name of printable ASCII without spaces (every real one): nothing to strip. */
  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c > '~') return false;
    }
    return true;
  }

  /**
   * True when {@code canonical} is a Telegram username by docs/reference.md §2: 5–32 characters of {@code [a-z0-9_]}
   * starting with a letter.
   */
  public static boolean isValid(String canonical) {
    return VALID.matcher(canonical).matches();
  }
}
