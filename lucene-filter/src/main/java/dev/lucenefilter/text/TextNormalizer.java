package dev.lucenefilter.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;
import com.ibm.icu.text.UnicodeSetSpanner;
import java.util.ArrayList;
import java.util.List;

/**
 * The normalization pipeline of docs/reference.md §2, shared by the index, the matchers and the policy loader.
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
  private static final UnicodeSetSpanner IGNORABLES =
      new UnicodeSetSpanner(new UnicodeSet("[[:Default_Ignorable_Code_Point:][:Cf:]]").freeze());
  /** Combining marks (Mn, Mc, Me): dropped after canonical decomposition. */
  static final UnicodeSet MARKS = new UnicodeSet("[:M:]").freeze();
  private static final UnicodeSetSpanner MARK_SPANNER = new UnicodeSetSpanner(MARKS);
  /** Each thread tokenizes into its own reusable buffers; tokenize never calls back into user code. */
  private static final ThreadLocal<WordGraph> GRAPH = ThreadLocal.withInitial(WordGraph::new);

  private TextNormalizer() {}

  /** The shared instance. */
  public static TextNormalizer standard() { return STANDARD; }

  /**
   * NFKC with default-ignorable and format characters (zero-width spaces and joiners, soft hyphen, bidi controls)
   * removed: the start of {@link #fold}, and all that host names get ({@link Domains}: no case or mark folding).
   */
  static String compatibilityForm(String s) {
    return IGNORABLES.deleteFrom(NFKC.normalize(s));
  }

  /**
   * Step 1 alone: NFKC; default-ignorable and format characters removed; full case folding; canonical
   * decomposition with combining marks dropped. Used for rule values and regex patterns too.
   */
  public String fold(String s) {
    String folded = UCharacter.foldCase(compatibilityForm(s), UCharacter.FOLD_CASE_DEFAULT);
    return MARK_SPANNER.deleteFrom(NFD.normalize(folded));
  }

  /** True when step 2 counts the code point as part of a word: a letter, a digit, {@code @} or {@code $}. */
  public static boolean isWordChar(int cp) {
    return WordGraph.isWordCodePoint(cp);
  }

  /**
   * The mentions and e-mail addresses of {@code text} after step 1, in order: step 2 reads none of them as words
   * (nor any part of them), so a phrase rule value that holds one would be read without it.
   */
  public List<String> notWords(String text) {
    char[] c = fold(text).toCharArray();
    int[] skips = WordGraph.findSkips(c, c.length);
    List<String> out = new ArrayList<>(skips.length / 2);
    for (int i = 0; i < skips.length; i += 2) out.add(new String(c, skips[i], skips[i + 1] - skips[i]));
    return out;
  }

  /** Steps 1–5 over a text: its token graph, with offsets into {@code text}. */
  public Tokens tokenize(String text) {
    return GRAPH.get().tokenize(text);
  }

  /**
   * The words of a phrase rule value after steps 1–5, in order; a trailing {@code *} on the last word is kept
   * on the returned last word to mark a prefix.
   *
   * @throws IllegalArgumentException when the phrase has no words, or has a {@code *} anywhere but directly
   *     after its last word
   */
  public List<String> phraseWords(String phrase) {
    PhraseParts parts = phraseParts(phrase);
    if (!parts.prefix()) return parts.forms();
    List<String> out = new ArrayList<>(parts.forms());
    out.set(out.size() - 1, out.get(out.size() - 1) + "*");
    return List.copyOf(out);
  }

  /**
   * A phrase split into words: their forms after steps 1–5, the form of all words joined into one word (steps
   * 4–5 applied to the joined steps 1–3 forms, exactly as the text side forms a joined word), and whether the
   * last word is a prefix. {@code joined} is null for a one-word phrase.
   *
   * <p>A prefix without a letter may start a text word with one ({@code 2026*} against {@code 2026bonus}, form
   * {@code 2o26bonus}; see {@link PhraseMatcher}): {@code lastLeet} and {@code joinedLeet} are the prefix last
   * word's and joined form's forms with leetspeak applied as in a word with a letter, or null when that changes
   * nothing (no prefix, a letter in the word, or no leetspeak character in it).
   */
  record PhraseParts(List<String> forms, String joined, boolean prefix, String lastLeet, String joinedLeet) {}

  PhraseParts phraseParts(String phrase) {
    String folded = fold(phrase).strip();
    int star = folded.indexOf('*');
    boolean prefix = false;
    if (star >= 0) {
      if (star != folded.length() - 1) {
        throw new IllegalArgumentException(
            "phrase \"" + phrase + "\": '*' is allowed only once, at the end of the last word");
      }
      folded = folded.substring(0, star);
      if (folded.isEmpty() || !WordGraph.isWordCodePoint(folded.codePointBefore(folded.length()))) {
        throw new IllegalArgumentException(
            "phrase \"" + phrase + "\": '*' must directly follow the last word (no space before it)");
      }
      prefix = true;
    }
    Tokens tokens = tokenize(folded);
    List<String> forms = new ArrayList<>();
    StringBuilder joined = new StringBuilder();
    String lastRegex = null;
    int lastEnd = 0; // joined and spelled-out words end where a plain word ends, so the last plain word ends last
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.endNode(i) - tokens.startNode(i) != 1) continue;
      forms.add(tokens.form(i));
      lastRegex = tokens.regexForm(i);
      joined.append(lastRegex);
      lastEnd = tokens.endOffset(i);
    }
    if (forms.isEmpty()) {
      throw new IllegalArgumentException(
          "phrase \"" + phrase + "\" has no words (mentions and e-mail addresses are not words)");
    }
    if (prefix && lastEnd != folded.length()) {
      // The text ended in something that is not a word (e.g. a mention), so the '*' would not mark a word.
      throw new IllegalArgumentException("phrase \"" + phrase + "\": '*' must directly follow the last word");
    }
    String joinedForm = forms.size() > 1 ? WordGraph.normalizeWord(joined.toString(), false) : null;
    String lastLeet = null;
    String joinedLeet = null;
    if (prefix) {
      lastLeet = leetVariant(lastRegex, forms.get(forms.size() - 1));
      if (joinedForm != null) joinedLeet = leetVariant(joined.toString(), joinedForm);
    }
    return new PhraseParts(List.copyOf(forms), joinedForm, prefix, lastLeet, joinedLeet);
  }

  /** The form of a steps 1–3 word inside a longer word with a letter, when it differs from {@code form}. */
  private static String leetVariant(String regexForm, String form) {
    String forced = WordGraph.normalizeWord(regexForm, true);
    return forced.equals(form) ? null : forced;
  }
}
