package dev.lucenefilter.cli;

/**
 * Text from records, policies and queries made safe for a terminal: every control character (C0 but tab, DEL, C1)
 * and bidi control becomes U+FFFD, so an id or a post's text can neither drive the operator's terminal (escape
 * sequences) nor reorder what it shows, nor forge a line of output. Stateless.
 */
final class Printable {
  private Printable() {}

  /** {@code s} with every control character replaced (a line break too: the result is one line). */
  static String of(String s) {
    return replace(s, false);
  }

  /** As {@link #of}, keeping line breaks: for messages of several lines, each made safe. */
  static String lines(String s) {
    return replace(s, true);
  }

  private static String replace(String s, boolean keepNewlines) {
    if (s == null) return null;
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = (c < 0x20 && c != '\t' && !(keepNewlines && c == '\n')) || (c >= 0x7F && c <= 0x9F)
          || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
          || c == 0x061C;
      if (control && b == null) b = new StringBuilder(s.length()).append(s, 0, i);
      if (b != null) b.append(control ? '\uFFFD' : c);
    }
    return b == null ? s : b.toString();
  }
}
