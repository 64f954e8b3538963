package dev.lucenefilter.text;

import com.ibm.icu.text.Normalizer2;
import java.util.Arrays;

/**
 * The original (pre-optimization) step 1 with offsets, kept unchanged as the reference for the differential
 * test of {@link FoldedText}. Step 1 of docs/reference.md §2 applied to a text while remembering, for every folded char, the span of the original
 * text it came from. The folded chars equal {@link TextNormalizer#fold} of the whole text: the text is cut at
 * NFKC normalization boundaries ({@link Normalizer2#hasBoundaryBefore}), where normalizing the pieces separately
 * gives the same result as normalizing the whole (ICU's guarantee), and each piece is folded on its own.
 */
final class ReferenceFoldedText {
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  /** Fold of each single BMP char, filled lazily; races only store equal strings. */
  private static final String[] SINGLE = new String[0x10000];
  /** 0 unknown, 1 NFKC boundary before the char, 2 none; lazily filled. */
  private static final byte[] BOUNDARY = new byte[0x10000];

  final char[] chars;
  /** Original start offset of folded char i. */
  final int[] start;
  /** Original end offset of folded char i. */
  final int[] end;
  final int length;

  private ReferenceFoldedText(char[] chars, int[] start, int[] end, int length) {
    this.chars = chars;
    this.start = start;
    this.end = end;
    this.length = length;
  }

  static ReferenceFoldedText of(String text) {
    int n = text.length();
    char[] out = new char[n + 8];
    int[] st = new int[n + 8];
    int[] en = new int[n + 8];
    int len = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c) && (i + 1 == n || boundaryBefore(text, i + 1))) {
        String f = single(c);
        int fl = f.length();
        if (len + fl > out.length) {
          int cap = Math.max(out.length * 2, len + fl + 8);
          out = Arrays.copyOf(out, cap);
          st = Arrays.copyOf(st, cap);
          en = Arrays.copyOf(en, cap);
        }
        for (int k = 0; k < fl; k++) {
          out[len] = f.charAt(k);
          st[len] = i;
          en[len] = i + 1;
          len++;
        }
        i++;
        continue;
      }
      int j = i + Character.charCount(text.codePointAt(i));
      while (j < n && !boundaryBefore(text, j)) j += Character.charCount(text.codePointAt(j));
      String f = TextNormalizer.standard().fold(text.substring(i, j));
      int fl = f.length();
      if (len + fl > out.length) {
        int cap = Math.max(out.length * 2, len + fl + 8);
        out = Arrays.copyOf(out, cap);
        st = Arrays.copyOf(st, cap);
        en = Arrays.copyOf(en, cap);
      }
      for (int k = 0; k < fl; k++) {
        out[len] = f.charAt(k);
        st[len] = i;
        en[len] = j;
        len++;
      }
      i = j;
    }
    return new ReferenceFoldedText(out, st, en, len);
  }

  @Override
  public String toString() { return new String(chars, 0, length); }

  private static boolean boundaryBefore(String text, int i) {
    char c = text.charAt(i);
    if (Character.isSurrogate(c)) return NFKC.hasBoundaryBefore(text.codePointAt(i));
    byte b = BOUNDARY[c];
    if (b == 0) {
      b = NFKC.hasBoundaryBefore(c) ? (byte) 1 : (byte) 2;
      BOUNDARY[c] = b;
    }
    return b == 1;
  }

  private static String single(char c) {
    String s = SINGLE[c];
    if (s == null) {
      s = TextNormalizer.standard().fold(String.valueOf(c));
      SINGLE[c] = s;
    }
    return s;
  }
}
