package dev.lucenefilter.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.junit.jupiter.api.Test;

class AnalyzersTest {
  private static final Analyzer NORMALIZED = new NormalizedWordsAnalyzer();
  private static final Analyzer REGEX = new RegexWordsAnalyzer();

  @Test
  void analyzersReplayTokenizeExactly() {
    Seeds.forEach(1_000, 300, r -> analyzersReplayTokenizeExactly(RandomTexts.text(r)));
  }

  private static void analyzersReplayTokenizeExactly(String text) throws IOException {
    Tokens t = TextNormalizer.standard().tokenize(text);
    List<String> forms = new ArrayList<>();
    List<String> regexForms = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      String where = "@" + t.startNode(i) + "+" + (t.endNode(i) - t.startNode(i)) + ":" + t.startOffset(i) + "-" + t.endOffset(i);
      forms.add(t.form(i) + where);
      regexForms.add(t.regexForm(i) + where);
    }
    assertThat(run(NORMALIZED, text)).as(text).isEqualTo(forms);
    assertThat(run(REGEX, text)).as(text).isEqualTo(regexForms);
  }

  @Test
  void aWordPastTheTermLimitIsKeptByItsBeginningAndItsValueMarkedOnce() throws IOException {
    int kept = WordsTokenizer.MAX_TERM_CHARS;
    String pair = "\uD801\uDC28"; // a letter outside the BMP: the cut may not split it
    String text = "a " + "x".repeat(kept + 1) + " b " + "y".repeat(kept + 500) + " " + "z".repeat(kept) + " c"
        + pair.repeat(kept / 2 + 1);
    int y = 2 + kept + 1 + 3;
    int z = y + kept + 500 + 1;
    int c = z + kept + 1;
    // The marker comes once, stacked on the first word cut, with its position and offsets.
    List<String> expected = List.of("a@0+1:0-1", "x×8000@1+1:2-" + (y - 3), WordsTokenizer.LONG_WORD + "@1+1:2-" + (y - 3),
        "b@2+1:" + (y - 2) + "-" + (y - 1), "y×8000@3+1:" + y + "-" + (z - 1), "z×8000@4+1:" + z + "-" + (c - 1),
        "c" + pair.repeat(kept / 2 - 1) + "@5+1:" + c + "-" + text.length());
    assertThat(run(NORMALIZED, text)).map(AnalyzersTest::runs).isEqualTo(expected);
    assertThat(run(REGEX, text)).map(AnalyzersTest::runs).isEqualTo(expected);
    // A word of the limit's length is whole: no marker.
    assertThat(run(REGEX, "z".repeat(kept) + " " + pair.repeat(kept / 2))).noneMatch(t -> t.startsWith(WordsTokenizer.LONG_WORD));
    // The marker is no word: a text holding it has other words.
    Tokens t = TextNormalizer.standard().tokenize(WordsTokenizer.LONG_WORD);
    for (int i = 0; i < t.size(); i++) assertThat(t.regexForm(i)).isNotEqualTo(WordsTokenizer.LONG_WORD);
  }

  /** Runs of the same ASCII letter longer than 100 as {@code letter×count}. */
  private static String runs(String s) {
    return java.util.regex.Pattern.compile("([a-z])\\1{100,}").matcher(s).replaceAll(m -> m.group(1) + "×" + m.group().length());
  }

  private static List<String> run(Analyzer a, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      PositionLengthAttribute len = ts.addAttribute(PositionLengthAttribute.class);
      ts.reset();
      int pos = -1;
      while (ts.incrementToken()) {
        pos += inc.getPositionIncrement();
        out.add(term + "@" + pos + "+" + len.getPositionLength() + ":" + off.startOffset() + "-" + off.endOffset());
      }
      ts.end();
      assertThat(off.endOffset()).isEqualTo(text.length());
    }
    return out;
  }
}
