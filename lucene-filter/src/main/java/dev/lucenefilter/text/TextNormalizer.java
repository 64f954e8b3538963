package dev.lucenefilter.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import java.util.List;

/**
 * The normalization pipeline of contract §2, shared by the index, the matchers and the policy loader.
 * Thread-safe and immutable; get the shared instance with {@link #standard()}.
 *
 * <ol>
 *   <li>{@link #fold}: NFKC, remove default-ignorable and format characters, full case folding, decompose and
 *       drop combining marks.</li>
 *   <li>Words, hashtags, joined words; 3. spelled-out words; 4. leetspeak; 5. TR39 confusables:
 *       {@link #tokenize}.</li>
 * </ol>
 */
public final class TextNormalizer {
  private static final TextNormalizer STANDARD = new TextNormalizer();
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  private static final Normalizer2 NFD = Normalizer2.getNFDInstance();

  private TextNormalizer() {}

  /** The shared instance. */
  public static TextNormalizer standard() { return STANDARD; }

  /**
   * Step 1 alone: NFKC; default-ignorable and format characters removed; full case folding; canonical
   * decomposition with combining marks dropped. Used for rule values and regex patterns too.
   */
  public String fold(String s) {
    String nfkc = NFKC.normalize(s);
    StringBuilder sb = new StringBuilder(nfkc.length());
    for (int i = 0; i < nfkc.length(); ) {
      int cp = nfkc.codePointAt(i);
      i += Character.charCount(cp);
      if (UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
          || Character.getType(cp) == Character.FORMAT) {
        continue;
      }
      sb.appendCodePoint(cp);
    }
    String folded = UCharacter.foldCase(sb.toString(), UCharacter.FOLD_CASE_DEFAULT);
    String nfd = NFD.normalize(folded);
    StringBuilder out = new StringBuilder(nfd.length());
    for (int i = 0; i < nfd.length(); ) {
      int cp = nfd.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK) {
        continue;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  /** Steps 1–5 over a text: its token graph, with offsets into {@code text}. */
  public Tokens tokenize(String text) {
    throw new UnsupportedOperationException("TODO(text): steps 2-5");
  }

  /**
   * The words of a phrase rule value after steps 1–5, in order; a trailing {@code *} on the last word is kept
   * on the returned last word to mark a prefix.
   */
  public List<String> phraseWords(String phrase) {
    throw new UnsupportedOperationException("TODO(text)");
  }
}
