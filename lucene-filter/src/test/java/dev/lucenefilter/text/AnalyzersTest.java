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
