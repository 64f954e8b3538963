package dev.lucenefilter.model;

/** Checks on Java strings as UTF-16. Stateless. */
public final class Utf16 {
  private Utf16() {}

  /**
   * Index of the first surrogate in {@code s} that is not half of a pair, or -1. A JSON escape can leave one: it is
   * no Unicode text, and encoded as UTF-8 (or stored by Lucene) it becomes '?' or U+FFFD, another string.
   */
  public static int unpairedSurrogateAt(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isSurrogate(c)) continue;
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
        continue;
      }
      return i;
    }
    return -1;
  }
}
