package dev.lucenefilter.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.SpoofChecker;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Step 5 of docs/reference.md §2: a per-code-point table from ICU4J's TR39 confusables data. A letter maps to the case
 * fold of its prototype only where the prototype ({@link SpoofChecker#getSkeleton} of the letter alone) is one
 * letter; digits and everything else map to themselves. So Cyrillic {@code а е о р с у х і} and Latin
 * {@code a e o p c y x i} share a prototype, while Kazakh {@code қ ң ө ғ ұ}, whose prototypes are a letter plus
 * a combining mark, stay themselves. The table is built once, on first use (about 0.1 s); the tokenizer reads
 * it into its own per-char tables, so the hot path never calls ICU.
 */
final class Confusables {
  private Confusables() {}

  private static final class Table {
    static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();
    /** The code points that map to another, ascending, and what they map to. */
    static final int[] FROM = IntStream.rangeClosed(0, Character.MAX_CODE_POINT).filter(cp -> prototype(cp) != cp)
        .toArray();
    static final int[] TO = Arrays.stream(FROM).map(Table::prototype).toArray();

    private static int prototype(int cp) {
      if (!UCharacter.isLetter(cp)) return cp;
      String skeleton = CHECKER.getSkeleton(new String(Character.toChars(cp)));
      if (skeleton.codePointCount(0, skeleton.length()) != 1 || !UCharacter.isLetter(skeleton.codePointAt(0))) {
        return cp;
      }
      String folded = UCharacter.foldCase(skeleton, true);
      return folded.codePointCount(0, folded.length()) == 1 ? folded.codePointAt(0) : cp;
    }
  }

  /** The prototype of {@code cp} (case-folded), or {@code cp} itself. */
  static int map(int cp) {
    int i = Arrays.binarySearch(Table.FROM, cp);
    return i >= 0 ? Table.TO[i] : cp;
  }
}
