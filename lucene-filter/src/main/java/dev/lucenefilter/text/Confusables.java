package dev.lucenefilter.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.SpoofChecker;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Step 5 of docs/reference.md §2: a per-code-point table from ICU4J's TR39 confusables data. A letter maps to the case
 * fold of its prototype only where the prototype ({@link SpoofChecker#getSkeleton} of the letter alone) is one
 * letter; digits and everything else map to themselves. So Cyrillic {@code а е о р с у х і} and Latin
 * {@code a e o p c y x i} share a prototype, while Kazakh {@code қ ң ө ғ ұ}, whose prototypes are a letter plus
 * a combining mark, stay themselves. The table is built once, on first use (about 0.1 s), so the hot path is
 * an array read per char and never calls ICU.
 */
final class Confusables {
  private Confusables() {}

  /** Marks a BMP char whose prototype is supplementary (0xFFFF is a noncharacter, never a prototype). */
  private static final char SUPPLEMENTARY = '\uFFFF';

  private static final class Table {
    /** BMP char → replacement char; 0 = unchanged; {@link #SUPPLEMENTARY} = see the sorted arrays. */
    static final char[] BMP = new char[0x10000];
    /** Sorted supplementary code points with a replacement, and the replacements. */
    static final int[] SUPP_KEYS;
    static final int[] SUPP_VALUES;

    static {
      SpoofChecker checker = new SpoofChecker.Builder().build();
      TreeMap<Integer, Integer> supplementary = new TreeMap<>();
      for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
        if (!UCharacter.isLetter(cp)) continue;
        String skeleton = checker.getSkeleton(new String(Character.toChars(cp)));
        if (skeleton.codePointCount(0, skeleton.length()) != 1) continue;
        int proto = skeleton.codePointAt(0);
        if (!UCharacter.isLetter(proto)) continue;
        String folded = UCharacter.foldCase(skeleton, true);
        if (folded.codePointCount(0, folded.length()) != 1) continue;
        int target = folded.codePointAt(0);
        if (target == cp) continue;
        if (cp < 0x10000 && target < 0x10000) {
          BMP[cp] = (char) target;
        } else {
          if (cp < 0x10000) BMP[cp] = SUPPLEMENTARY;
          supplementary.put(cp, target);
        }
      }
      SUPP_KEYS = supplementary.keySet().stream().mapToInt(Integer::intValue).toArray();
      SUPP_VALUES = supplementary.values().stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The prototype of {@code cp} (case-folded), or {@code cp} itself. */
  static int map(int cp) {
    if (cp < 0x10000) {
      char r = Table.BMP[cp];
      if (r == 0) return cp;
      if (r != SUPPLEMENTARY) return r;
    }
    int idx = Arrays.binarySearch(Table.SUPP_KEYS, cp);
    return idx >= 0 ? Table.SUPP_VALUES[idx] : cp;
  }

}
