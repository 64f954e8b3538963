package dev.lucenefilter.text;

import java.util.Arrays;

/**
 * The original (pre-optimization) steps 2–5, kept unchanged as the reference for the differential test of
 * {@link WordGraph}. Steps 2–5 of docs/reference.md §2 over one folded text: finds the words, skips mentions and e-mail addresses, adds
 * joined and spelled-out words, and builds {@link Tokens}. One instance per text; not thread-safe.
 *
 * <p>Graph node {@code k} is the k-th plain word (step 2); a joined or spelled-out word spans the nodes of its
 * parts.
 */
final class ReferenceWordGraph {
  /** ASCII word chars: letters, digits, {@code @}, {@code $}. */
  private static final boolean[] ASCII_WORD = new boolean[128];
  /** One-letter Russian and English words dropped at the edges of a spelled-out run. */
  private static final String ONE_LETTER_WORDS = "авжикосуяai";
  private static final String SPELL_GAPS = " .-_*\u00b7";

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_WORD[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '@' || c == '$';
    }
  }

  private final ReferenceFoldedText ft;
  private final char[] c;
  private final int len;
  // plain words: folded char ranges
  private int[] wStart = new int[32];
  private int[] wEnd = new int[32];
  private int words;
  // extra (multi-node) tokens
  private int[] xStart = new int[4];
  private int[] xEnd = new int[4];
  private String[] xForm = new String[4];
  private int extras;

  ReferenceWordGraph(ReferenceFoldedText ft) {
    this.ft = ft;
    this.c = ft.chars;
    this.len = ft.length;
  }

  static boolean isWordCodePoint(int cp) {
    return cp < 128 ? ASCII_WORD[cp] : Character.isLetterOrDigit(cp);
  }

  Tokens build() {
    findWords();
    findJoined();
    findSpelled();
    return emit();
  }

  private void findWords() {
    int[] skips = findSkips();
    int skip = 0;
    int i = 0;
    while (i < len) {
      if (skips != null && skip < skips.length && i == skips[skip]) {
        i = skips[skip + 1];
        skip += 2;
        continue;
      }
      char ch = c[i];
      if (ch < 128 ? !ASCII_WORD[ch] : !isWordAt(i)) {
        i++;
        continue;
      }
      int s = i;
      int stop = skips != null && skip < skips.length ? skips[skip] : len;
      while (i < stop) {
        ch = c[i];
        if (ch < 128) {
          if (!ASCII_WORD[ch]) break;
          i++;
        } else if (Character.isHighSurrogate(ch) && i + 1 < len) {
          if (!Character.isLetterOrDigit(Character.codePointAt(c, i, len))) break;
          i += 2;
        } else {
          if (!Character.isLetterOrDigit(ch)) break;
          i++;
        }
      }
      addWord(s, i);
    }
  }

  private boolean isWordAt(int i) {
    char ch = c[i];
    if (Character.isHighSurrogate(ch) && i + 1 < len) return Character.isLetterOrDigit(Character.codePointAt(c, i, len));
    return Character.isLetterOrDigit(ch);
  }

  /** Sorted, disjoint [start, end) pairs of mentions and e-mail addresses; null when the text has no '@'. */
  private int[] findSkips() {
    int[] out = null;
    int n = 0;
    int lastEnd = 0;
    for (int i = 0; i < len; i++) {
      if (c[i] != '@' || i < lastEnd) continue;
      int s = -1;
      int e = -1;
      int local = TextSpans.emailLocalStart(c, i);
      if (local >= lastEnd) {
        int end = TextSpans.domainEnd(c, len, i + 1);
        if (end > 0) {
          s = local;
          e = end;
        }
      }
      if (s < 0) {
        int end = TextSpans.mentionEnd(c, len, i);
        if (end > 0) {
          s = i;
          e = end;
        }
      }
      if (s < 0) continue;
      if (out == null) out = new int[4];
      if (n + 2 > out.length) out = Arrays.copyOf(out, out.length * 2);
      out[n++] = s;
      out[n++] = e;
      lastEnd = e;
      i = e - 1;
    }
    return out == null ? null : Arrays.copyOf(out, n);
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
        boolean white = Character.isWhitespace(g) || Character.isSpaceChar(g) || g == '\u0085';
        if (g == 0 || (SPELL_GAPS.indexOf(g) < 0 && !white)) break;
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

  /** Adds the word made of plain words first..last (inclusive), unless the same word already spans them. */
  private void addExtra(int first, int last) {
    StringBuilder sb = new StringBuilder();
    for (int k = first; k <= last; k++) sb.append(c, wStart[k], wEnd[k] - wStart[k]);
    String form = sb.toString();
    for (int x = 0; x < extras; x++) {
      if (xStart[x] == first && xEnd[x] == last + 1 && xForm[x].equals(form)) return;
    }
    if (extras == xStart.length) {
      xStart = Arrays.copyOf(xStart, extras * 2);
      xEnd = Arrays.copyOf(xEnd, extras * 2);
      xForm = Arrays.copyOf(xForm, extras * 2);
    }
    xStart[extras] = first;
    xEnd[extras] = last + 1;
    xForm[extras] = form;
    extras++;
  }

  private Tokens emit() {
    TokensBuilder b = new TokensBuilder();
    Integer[] order = null;
    if (extras > 1) {
      order = new Integer[extras];
      for (int x = 0; x < extras; x++) order[x] = x;
      Arrays.sort(order, (p, q) -> xStart[p] != xStart[q] ? Integer.compare(xStart[p], xStart[q]) : Integer.compare(xEnd[p], xEnd[q]));
    }
    int x = 0;
    for (int k = 0; k < words; k++) {
      String regex = new String(c, wStart[k], wEnd[k] - wStart[k]);
      b.add(normalizeWord(regex), regex, k, k + 1, ft.start[wStart[k]], ft.end[wEnd[k] - 1]);
      while (x < extras) {
        int idx = order == null ? x : order[x];
        if (xStart[idx] != k) break;
        int last = xEnd[idx] - 1;
        b.add(normalizeWord(xForm[idx]), xForm[idx], k, xEnd[idx], ft.start[wStart[k]], ft.end[wEnd[last] - 1]);
        x++;
      }
    }
    return b.build();
  }

  /** Steps 4 (leetspeak, only when the word has a letter) and 5 (confusables) of one word after steps 1–3. */
  static String normalizeWord(String w) {
    int n = w.length();
    boolean hasLetter = false;
    for (int i = 0; i < n; i++) {
      char ch = w.charAt(i);
      if (ch < 128 ? (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') : Character.isLetter(w.codePointAt(i))) {
        hasLetter = true;
        break;
      }
    }
    char[] out = null;
    int o = 0;
    for (int i = 0; i < n; ) {
      int cp = w.codePointAt(i);
      int cc = Character.charCount(cp);
      int r = cp;
      if (hasLetter) r = leet(cp);
      if (!Character.isDigit(r)) r = Confusables.map(r);
      if (out == null && r != cp) {
        out = new char[n * 2];
        w.getChars(0, i, out, 0);
        o = i;
      }
      if (out != null) {
        if (o + 2 > out.length) out = Arrays.copyOf(out, out.length * 2);
        o += Character.toChars(r, out, o);
      }
      i += cc;
    }
    return out == null ? w : new String(out, 0, o);
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
