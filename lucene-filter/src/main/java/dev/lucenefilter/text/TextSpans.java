package dev.lucenefilter.text;

/**
 * Recognizers shared by the tokenizer and {@link LinkExtractor}, over text already folded by step 1: mentions,
 * e-mail addresses and domain-shaped runs. Sharing them keeps "a mention is not words" and "a mention is
 * extracted" the same decision.
 */
final class TextSpans {
  private TextSpans() {}

  /** Chars of a username, {@code [a-z0-9_]}. */
  static boolean isUsernameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** A char that may sit in a domain run: letter or digit of any script, {@code -}, {@code _} or {@code .}. */
  static boolean isDomainChar(char c) {
    return c == '-' || c == '.' || c == '_' || Character.isLetterOrDigit(c) || Character.isSurrogate(c);
  }

  private static boolean isLocalChar(char c) {
    return c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || Character.isLetterOrDigit(c);
  }

  /**
   * End (exclusive) of the whole username after {@code s[at] == '@'}, or -1 when the {@code @} does not start a
   * mention: it must not follow a letter, digit or {@code _} (that is an e-mail or a word), and the name must be
   * a valid username not followed by another letter, digit or {@code _} ({@code @spice_shop_news} is not
   * {@code @spice_shop}).
   */
  static int mentionEnd(char[] s, int len, int at) {
    if (at > 0) {
      char p = s[at - 1];
      if (Character.isLetterOrDigit(p) || p == '_' || Character.isSurrogate(p)) return -1;
    }
    int j = at + 1;
    while (j < len && isUsernameChar(s[j])) j++;
    if (j < len && (Character.isLetterOrDigit(s[j]) || Character.isSurrogate(s[j]))) return -1;
    int n = j - at - 1;
    if (n < 5 || n > 32) return -1;
    char first = s[at + 1];
    if (first < 'a' || first > 'z') return -1;
    return j;
  }

  /** Start of the e-mail local part ending just before {@code s[at] == '@'}, or -1. */
  static int emailLocalStart(char[] s, int at) {
    if (at == 0) return -1;
    char last = s[at - 1];
    if (!(Character.isLetterOrDigit(last) || last == '_')) return -1;
    int i = at;
    while (i > 0 && isLocalChar(s[i - 1])) i--;
    while (i < at && !Character.isLetterOrDigit(s[i]) && s[i] != '_') i++;
    return i < at ? i : -1;
  }

  /**
   * End (exclusive) of the longest domain (docs/reference.md §2 shape) starting at {@code from} and ending on a label
   * boundary within the run of domain chars there, or -1 when none.
   */
  static int domainEnd(char[] s, int len, int from) {
    int end = from;
    while (end < len && isDomainChar(s[end])) end++;
    while (true) {
      while (end > from && (s[end - 1] == '.' || s[end - 1] == '-' || s[end - 1] == '_')) end--;
      String candidate = new String(s, from, end - from);
      if (candidate.indexOf('.') < 0) return -1;
      if (Domains.canonicalDomain(candidate) != null) return end;
      end = from + candidate.lastIndexOf('.');
    }
  }
}
