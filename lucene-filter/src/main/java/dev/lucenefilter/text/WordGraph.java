package dev.lucenefilter.text;

import java.util.Arrays;

/**
 * Steps 2–5 of docs/reference.md §2 over one folded text: finds the words, skips mentions and e-mail addresses, adds
 * joined and spelled-out words, and builds {@link Tokens}.
 *
 * <p>Graph node {@code k} is the k-th plain word (step 2); a joined or spelled-out word spans the nodes of its
 * parts.
 *
 * <p>An instance is a reusable per-thread state: its buffers (folded text, word spans, output chars and token
 * table) grow to the largest text seen and are reused, so tokenizing a text allocates only the two arrays of
 * the returned {@link Tokens}. Char classes and steps 4–5 of a BMP char are table reads; only surrogate pairs
 * take the code point path. The same text twice in a row gets the same (immutable) {@link Tokens} back, built
 * once. Not thread-safe; {@link TextNormalizer} keeps one per thread.
 */
final class WordGraph {
  /** One-letter Russian and English words dropped at the edges of a spelled-out run. */
  private static final String ONE_LETTER_WORDS = "авжикосуяai";
  private static final String SPELL_GAPS = " .-_*\u00b7";

  /** In the step 4–5 tables: the replacement is not one BMP char (or is this char); take the code point path. */
  private static final char SLOW = '\uFFFF';

  private static final class Tables {
    /** Word char (step 2) of each BMP char: letters, digits, and ASCII {@code @} and {@code $}. */
    static final boolean[] WORD = new boolean[0x10000];
    /** {@link Character#isLetter} of each BMP char. */
    static final boolean[] LETTER = new boolean[0x10000];
    /** Steps 4–5 of each BMP char in a word with a letter (leetspeak, then confusables unless a digit). */
    static final char[] LEET = new char[0x10000];
    /** Step 5 of each BMP char in a word without a letter. */
    static final char[] PLAIN = new char[0x10000];

    static {
      for (int c = 0; c < 0x10000; c++) {
        WORD[c] = isWordCodePoint(c);
        LETTER[c] = Character.isLetter(c);
        LEET[c] = table(step5(leet(c)));
        PLAIN[c] = table(step5(c));
      }
    }

    private static char table(int r) { return r < 0x10000 && r != SLOW ? (char) r : SLOW; }
  }

  private final FoldedText ft = FoldedText.OF_THREAD.get();
  private char[] c;
  private int len;
  // plain words: folded char ranges
  private int[] wStart = new int[64];
  private int[] wEnd = new int[64];
  private int words;
  // extra (multi-node) tokens: the plain words [start, end) joined, as start << 32 | end (so they sort by both)
  private long[] extra = new long[8];
  private int extras;
  // output
  private char[] out = new char[512];
  private int outLen;
  private int[] data = new int[64 * Tokens.STRIDE];
  private int tokens;
  private static final int[] NO_SKIPS = {};

  static boolean isWordCodePoint(int cp) {
    return cp == '@' || cp == '$' || Character.isLetterOrDigit(cp);
  }

  // The last text tokenized on this thread and its tokens (immutable): indexing a post tokenizes its text for the
  // index-time decision, then for the normalized-words and regex-words fields, one after the other.
  private String lastText;
  private Tokens lastTokens;

  /** Steps 1–5 of {@code text}. */
  Tokens tokenize(String text) {
    if (lastTokens != null && text.equals(lastText)) return lastTokens;
    ft.reset(text);
    c = ft.chars;
    len = ft.length;
    words = 0;
    extras = 0;
    outLen = 0;
    tokens = 0;
    findWords();
    findJoined();
    findSpelled();
    emit();
    // Every plain word is a token and extras only span plain words, so the last node is the word count.
    Tokens result = new Tokens(out, outLen, data, tokens, words);
    trim();
    // A text past the kept buffers is not kept either: one huge post must not stay reachable from the thread.
    lastText = text.length() <= KEEP ? text : null;
    lastTokens = lastText == null ? null : result;
    return result;
  }

  /** Buffers beyond this many chars (or tokens) are dropped after use rather than kept for the thread. */
  private static final int KEEP = 1 << 16;

  private void trim() {
    ft.trim(KEEP);
    c = null;
    if (out.length > 3 * KEEP) out = new char[512];
    if (data.length > KEEP * Tokens.STRIDE) data = new int[64 * Tokens.STRIDE];
    if (wStart.length > KEEP) {
      wStart = new int[64];
      wEnd = new int[64];
    }
    if (extra.length > KEEP) extra = new long[8];
  }

  private void findWords() {
    int[] skips = findSkips(c, len);
    int skip = 0;
    int i = 0;
    while (i < len) {
      if (skip < skips.length && i == skips[skip]) {
        i = skips[skip + 1];
        skip += 2;
        continue;
      }
      int s = i;
      int stop = skip < skips.length ? skips[skip] : len;
      for (int n; i < stop && (n = wordCharsAt(i)) > 0; ) i += n;
      if (i > s) addWord(s, i);
      else i++;
    }
  }

  /** The chars of the word char at {@code i} (2 for a surrogate pair), or 0 when it is not a word char. */
  private int wordCharsAt(int i) {
    char ch = c[i];
    if (!Character.isHighSurrogate(ch) || i + 1 >= len) return Tables.WORD[ch] ? 1 : 0;
    return Character.isLetterOrDigit(Character.codePointAt(c, i, len)) ? 2 : 0;
  }

  /** Sorted, disjoint [start, end) pairs of the mentions and e-mail addresses of folded text {@code c[0, len)}. */
  static int[] findSkips(char[] c, int len) {
    int[] skips = NO_SKIPS;
    int n = 0;
    int lastEnd = 0;
    for (int i = 0; i < len; i++) {
      if (c[i] != '@' || i < lastEnd) continue;
      // an e-mail address (its local part after the last skip), else a mention
      int s = TextSpans.emailLocalStart(c, i);
      int e = s >= lastEnd ? TextSpans.domainEnd(c, len, i + 1) : -1;
      if (e < 0) {
        s = i;
        e = TextSpans.mentionEnd(c, len, i);
      }
      if (e < 0) continue;
      if (n + 2 > skips.length) skips = Arrays.copyOf(skips, Math.max(4, skips.length * 2));
      skips[n++] = s;
      skips[n++] = e;
      lastEnd = e;
      i = e - 1;
    }
    return n == skips.length ? skips : Arrays.copyOf(skips, n);
  }

  private void addWord(int s, int e) {
    if (words == wStart.length) {
      wStart = Arrays.copyOf(wStart, words * 2);
      wEnd = Arrays.copyOf(wEnd, words * 2);
    }
    wStart[words] = s;
    wEnd[words] = e;
    words++;
  }

  /** The single char between plain words k and k+1, or 0 when the gap is not exactly one char. */
  private char gapAfter(int k) {
    int g = wEnd[k];
    return wStart[k + 1] - g == 1 ? c[g] : 0;
  }

  private void findJoined() {
    int k = 0;
    while (k < words - 1) {
      int m = k;
      while (m < words - 1) {
        char g = gapAfter(m);
        if (g != '-' && g != '_') break;
        m++;
      }
      if (m > k) addExtra(k, m);
      k = m + 1;
    }
  }

  /**
   * A gap of a spelled-out run: a space (any white space: letters one per line or tab apart are as readable as
   * letters one space apart) or one of {@code . - _ * ·}.
   */
  private static boolean isSpellGap(char g) {
    // Java's isWhitespace leaves out U+0085 (next line) and the no-break spaces, which Unicode counts as white space.
    return SPELL_GAPS.indexOf(g) >= 0 || Character.isWhitespace(g) || Character.isSpaceChar(g) || g == '\u0085';
  }

  private boolean isOneChar(int k) {
    int n = wEnd[k] - wStart[k];
    return n == 1 || (n == 2 && Character.isHighSurrogate(c[wStart[k]]));
  }

  private boolean isOneLetterWord(int k) {
    return wEnd[k] - wStart[k] == 1 && ONE_LETTER_WORDS.indexOf(c[wStart[k]]) >= 0;
  }

  private void findSpelled() {
    int k = 0;
    while (k < words) {
      if (!isOneChar(k)) {
        k++;
        continue;
      }
      int m = k;
      while (m < words - 1 && isOneChar(m + 1)) {
        char g = gapAfter(m);
        if (g == 0 || !isSpellGap(g)) break;
        m++;
      }
      if (m - k + 1 >= 3) {
        addExtra(k, m);
        boolean dropFirst = isOneLetterWord(k);
        boolean dropLast = isOneLetterWord(m);
        if (dropFirst && m - k >= 2) addExtra(k + 1, m);
        if (dropLast && m - k >= 2) addExtra(k, m - 1);
        if (dropFirst && dropLast && m - k >= 3) addExtra(k + 1, m - 1);
      }
      k = m + 1;
    }
  }

  /**
   * Adds the word made of plain words first..last (inclusive), unless it was already added: its chars are
   * those of its parts, so the same span is the same word.
   */
  private void addExtra(int first, int last) {
    long span = (long) first << 32 | (last + 1);
    for (int x = 0; x < extras; x++) if (extra[x] == span) return;
    if (extras == extra.length) extra = Arrays.copyOf(extra, extras * 2);
    extra[extras++] = span;
  }

  private void emit() {
    // Few extras, nearly sorted: Arrays.sort insertion-sorts a range this small in place.
    Arrays.sort(extra, 0, extras);
    int x = 0;
    for (int k = 0; k < words; k++) {
      addToken(k, k + 1);
      for (; x < extras && (int) (extra[x] >>> 32) == k; x++) addToken(k, (int) extra[x]);
    }
  }

  /** Writes the token made of plain words [first, end): its regex form, its form, nodes and offsets. */
  private void addToken(int first, int end) {
    int chars = 0;
    for (int k = first; k < end; k++) chars += wEnd[k] - wStart[k];
    if (outLen + chars * 3 > out.length) out = Arrays.copyOf(out, Math.max(out.length * 2, outLen + chars * 3));
    if ((tokens + 1) * Tokens.STRIDE > data.length) data = Arrays.copyOf(data, data.length * 2);
    int regexOff = outLen;
    for (int k = first; k < end; k++) {
      int n = wEnd[k] - wStart[k];
      System.arraycopy(c, wStart[k], out, outLen, n);
      outLen += n;
    }
    int formLen = normalizeWord(out, regexOff, chars, out, outLen, false);
    int formOff;
    if (formLen < 0) {
      formOff = regexOff;
      formLen = chars;
    } else {
      formOff = outLen;
      outLen += formLen;
    }
    int b = tokens * Tokens.STRIDE;
    data[b + Tokens.FORM_OFF] = formOff;
    data[b + Tokens.FORM_LEN] = formLen;
    data[b + Tokens.REGEX_OFF] = regexOff;
    data[b + Tokens.REGEX_LEN] = chars;
    data[b + Tokens.START_NODE] = first;
    data[b + Tokens.END_NODE] = end;
    data[b + Tokens.START_OFFSET] = ft.start[wStart[first]];
    data[b + Tokens.END_OFFSET] = ft.end[wEnd[end - 1] - 1];
    tokens++;
  }

  /**
   * Steps 4 (leetspeak, only when the word has a letter) and 5 (confusables) of one word after steps 1–3; with
   * {@code forceLeet}, leetspeak applies as if the word had a letter (the form a letterless prefix takes inside a
   * longer word that has one).
   */
  static String normalizeWord(String w, boolean forceLeet) {
    char[] in = w.toCharArray();
    char[] o = new char[in.length * 2 + 2];
    int n = normalizeWord(in, 0, in.length, o, 0, forceLeet);
    return n < 0 ? w : new String(o, 0, n);
  }

  /**
   * Writes steps 4–5 of {@code in[off, off+n)} to {@code dst} from {@code at} (room for 2n chars needed) and
   * returns the number of chars written, or -1 when the word is unchanged (then nothing useful is written).
   */
  private static int normalizeWord(char[] in, int off, int n, char[] dst, int at, boolean forceLeet) {
    int end = off + n;
    boolean hasLetter = forceLeet;
    for (int i = off; i < end && !hasLetter; i++) {
      char ch = in[i];
      if (Character.isHighSurrogate(ch) && i + 1 < end && Character.isLowSurrogate(in[i + 1])) {
        hasLetter = Character.isLetter(Character.toCodePoint(ch, in[i + 1]));
      } else {
        hasLetter = Tables.LETTER[ch];
      }
    }
    char[] table = hasLetter ? Tables.LEET : Tables.PLAIN;
    boolean changed = false;
    int o = at;
    for (int i = off; i < end; ) {
      char ch = in[i];
      char r = table[ch];
      if (r != SLOW && !Character.isSurrogate(ch)) {
        changed |= r != ch;
        dst[o++] = r;
        i++;
        continue;
      }
      int cp = Character.codePointAt(in, i, end);
      int m = step5(hasLetter ? leet(cp) : cp);
      changed |= m != cp;
      o += Character.toChars(m, dst, o);
      i += Character.charCount(cp);
    }
    return changed ? o - at : -1;
  }

  /** Step 5 of one code point: digits stay, everything else maps to its confusables prototype. */
  private static int step5(int cp) {
    return Character.isDigit(cp) ? cp : Confusables.map(cp);
  }

  private static int leet(int cp) {
    return switch (cp) {
      case '0' -> 'o';
      case '1' -> 'i';
      case '3' -> 'e';
      case '4' -> 'a';
      case '5' -> 's';
      case '7' -> 't';
      case '@' -> 'a';
      case '$' -> 's';
      default -> cp;
    };
  }
}
