package dev.lucenefilter.text;

/**
 * Recognizers shared by the tokenizer and {@link LinkExtractor}, over text already folded by step 1: mentions,
 * e-mail addresses and domain-shaped runs. Sharing them keeps "a mention is not words" and "a mention is
 * extracted" the same decision.
 */
final class TextSpans {
  private TextSpans() {}

  /** The longest domain name in characters, as DNS allows (253) and {@link Domains} checks. */
  private static final int MAX_DOMAIN = 253;

  /** Chars of a username, {@code [a-z0-9_]}. */
  static boolean isUsernameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  }

  /**
   * Whether {@code s[i]} is a letter or digit, judged by its whole code point: a surrogate counts as the pair it
   * belongs to, so a supplementary letter is one and an emoji (or an unpaired surrogate) is not. An emoji glued to
   * a domain or a mention ({@code 👉@spice_shop}, {@code lucky-win.example🔥}) must not hide it.
   */
  static boolean isLetterOrDigitAt(char[] s, int len, int i) {
    char c = s[i];
    if (!Character.isSurrogate(c)) return Character.isLetterOrDigit(c);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < len && Character.isLowSurrogate(s[i + 1]) && Character.isLetterOrDigit(Character.toCodePoint(c, s[i + 1]));
    }
    return i > 0 && Character.isHighSurrogate(s[i - 1]) && Character.isLetterOrDigit(Character.toCodePoint(s[i - 1], c));
  }

  /** A char that may sit in a domain run: letter or digit of any script ({@link #isLetterOrDigitAt}), - _ or dot. */
  static boolean isDomainCharAt(char[] s, int len, int i) {
    char c = s[i];
    return c == '-' || c == '.' || c == '_' || isLetterOrDigitAt(s, len, i);
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
    if (at > 0 && (s[at - 1] == '_' || isLetterOrDigitAt(s, len, at - 1))) return -1;
    int j = at + 1;
    while (j < len && isUsernameChar(s[j])) j++;
    if (j < len && isLetterOrDigitAt(s, len, j)) return -1;
    int n = j - at - 1;
    if (n < 5 || n > 32) return -1;
    char first = s[at + 1];
    if (first < 'a' || first > 'z') return -1;
    return j;
  }

  /**
   * End (exclusive) of the run of e-mail local-part characters starting at {@code from}. Two dots in a row end it:
   * a local part's dots stand between its atoms one at a time, so {@code lucky-win.example...x@mail.example} holds
   * the address {@code x@mail.example} and, before it, a domain of the text.
   */
  static int emailLocalEnd(char[] s, int len, int from) {
    int i = from;
    while (i < len && isLocalChar(s[i]) && !(s[i] == '.' && i + 1 < len && s[i + 1] == '.')) i++;
    return i;
  }

  /**
   * Start of the e-mail local part ending just before {@code s[at] == '@'}, or -1. It begins after two dots in a
   * row ({@link #emailLocalEnd}): {@code спайс...user@mail.ru} is the word {@code спайс} and an address.
   */
  static int emailLocalStart(char[] s, int at) {
    if (at == 0) return -1;
    char last = s[at - 1];
    if (!(Character.isLetterOrDigit(last) || last == '_')) return -1;
    int i = at;
    while (i > 0 && isLocalChar(s[i - 1]) && !(s[i - 1] == '.' && i > 1 && s[i - 2] == '.')) i--;
    while (i < at && !Character.isLetterOrDigit(s[i]) && s[i] != '_') i++;
    return i < at ? i : -1;
  }

  /**
   * Whether {@code s[at] == '@'} joins an e-mail address: a local part before it ({@link #emailLocalStart}) and a
   * domain after it ({@link #domainEnd}). Without the domain the '@' joins nothing, and a domain before it is a
   * domain of the text ({@code evil.example@казино}).
   */
  static boolean isEmailAt(char[] s, int len, int at) {
    return emailLocalStart(s, at) >= 0 && domainEnd(s, len, at + 1) > 0;
  }

  /**
   * End (exclusive) of the longest domain (docs/reference.md §2 shape) starting at {@code from} and ending on a label
   * boundary within the run of domain chars there, or -1 when none.
   */
  static int domainEnd(char[] s, int len, int from) {
    int end = from;
    while (end < len && isDomainCharAt(s, len, end)) end++;
    // No domain is longer than 253 characters: try only the labels that fit, so a long run costs no more than a short
    // one (each try below copies its candidate).
    if (end - from > MAX_DOMAIN + 1) {
      end = from + MAX_DOMAIN + 1;
      while (end > from && s[end] != '.') end--;
    }
    while (true) {
      while (end > from && (s[end - 1] == '.' || s[end - 1] == '-' || s[end - 1] == '_')) end--;
      String candidate = new String(s, from, end - from);
      if (candidate.indexOf('.') < 0) return -1;
      if (Domains.canonicalDomain(candidate) != null) return end;
      end = from + candidate.lastIndexOf('.');
    }
  }
}
