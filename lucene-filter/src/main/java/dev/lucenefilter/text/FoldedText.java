package dev.lucenefilter.text;

import com.ibm.icu.text.Normalizer2;
import java.util.Arrays;

/**
 * Step 1 of docs/reference.md §2 applied to a text while remembering, for every folded char, the span of the original
 * text it came from. The folded chars equal {@link TextNormalizer#fold} of the whole text: the text is cut at
 * NFKC normalization boundaries ({@link Normalizer2#hasBoundaryBefore}), where normalizing the pieces separately
 * gives the same result as normalizing the whole (ICU's guarantee), and each piece is folded on its own.
 *
 * <p>A BMP char followed by a boundary (nearly every char of real text) is folded with two array reads from
 * tables computed once for the whole BMP; only runs that compose (a letter and its combining marks) and
 * surrogate pairs go through ICU. An instance is reusable ({@link #reset}) so a thread folds every text into
 * the same buffers; not thread-safe.
 */
final class FoldedText {
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  /** In {@link Tables#FOLD}: the char does not fold to exactly one char; see {@link Tables#MULTI}. */
  private static final char MULTI_MARK = '\uFFFF';

  /** Built on first use (about 0.1 s): the fold of each BMP char alone and NFKC boundaries. */
  private static final class Tables {
    /** Fold of each single non-surrogate BMP char when it is one char, else {@link #MULTI_MARK}. */
    static final char[] FOLD = new char[0x10000];
    /** Fold of the chars marked {@link #MULTI_MARK} (empty for ignorables, several chars for {@code ß}). */
    static final String[] MULTI = new String[0x10000];
    /** NFKC boundary before each BMP char. */
    static final boolean[] BOUNDARY = new boolean[0x10000];

    static {
      TextNormalizer n = TextNormalizer.standard();
      for (int c = 0; c < 0x10000; c++) {
        BOUNDARY[c] = NFKC.hasBoundaryBefore(c);
        if (Character.isSurrogate((char) c)) continue;
        String f = n.fold(String.valueOf((char) c));
        if (f.length() == 1 && f.charAt(0) != MULTI_MARK) {
          FOLD[c] = f.charAt(0);
        } else {
          FOLD[c] = MULTI_MARK;
          MULTI[c] = f;
        }
      }
    }
  }

  /** The calling thread's instance, shared by the tokenizer and the link extractor: a text both read is folded once. */
  static final ThreadLocal<FoldedText> OF_THREAD = ThreadLocal.withInitial(FoldedText::new);

  /** The text the buffers hold (compared by identity: a String never changes), or null. */
  private String text;
  char[] chars = new char[256];
  /** Original start offset of folded char i. */
  int[] start = new int[256];
  /** Original end offset of folded char i. */
  int[] end = new int[256];
  int length;

  /** Folds {@code text} into this instance's buffers, replacing what they held. */
  void reset(String text) {
    if (text == this.text) return;
    this.text = null; // not valid until folded whole
    int n = text.length();
    ensure(n + 8);
    char[] out = chars;
    int[] st = start;
    int[] en = end;
    char[] fold = Tables.FOLD;
    int len = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      boolean alone = !Character.isSurrogate(c) && (i + 1 == n || boundaryBefore(text, i + 1));
      if (alone && fold[c] != MULTI_MARK) {
        if (len == out.length) {
          ensure(len + 8);
          out = chars;
          st = start;
          en = end;
        }
        out[len] = fold[c];
        st[len] = i;
        en[len] = i + 1;
        len++;
        i++;
        continue;
      }
      // A char that folds to several (or none), or a run that composes: the run up to the next boundary.
      int j = i + Character.charCount(text.codePointAt(i));
      while (!alone && j < n && !boundaryBefore(text, j)) j += Character.charCount(text.codePointAt(j));
      len = append(alone ? Tables.MULTI[c] : TextNormalizer.standard().fold(text.substring(i, j)), len, i, j);
      out = chars;
      st = start;
      en = end;
      i = j;
    }
    length = len;
    this.text = text;
  }

  /** Drops buffers grown past {@code max} chars, so one huge text does not pin its buffers to a thread. */
  void trim(int max) {
    if (chars.length <= max) return;
    text = null;
    chars = new char[256];
    start = new int[256];
    end = new int[256];
    length = 0;
  }

  private int append(String f, int len, int from, int to) {
    int fl = f.length();
    ensure(len + fl);
    for (int k = 0; k < fl; k++) {
      chars[len] = f.charAt(k);
      start[len] = from;
      end[len] = to;
      len++;
    }
    return len;
  }

  private void ensure(int capacity) {
    if (capacity <= chars.length) return;
    int cap = Math.max(chars.length * 2, capacity + 8);
    chars = Arrays.copyOf(chars, cap);
    start = Arrays.copyOf(start, cap);
    end = Arrays.copyOf(end, cap);
  }

  private static boolean boundaryBefore(String text, int i) {
    char c = text.charAt(i);
    if (Character.isSurrogate(c)) return NFKC.hasBoundaryBefore(text.codePointAt(i));
    return Tables.BOUNDARY[c];
  }
}
