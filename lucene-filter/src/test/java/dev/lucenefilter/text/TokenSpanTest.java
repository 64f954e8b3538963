package dev.lucenefilter.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A token spans at most as many graph nodes as its form has code points. The phrase filter's candidates rely on it
 * (a word's successor starts at most that many positions later): were it false, a phrase could match a record its
 * index candidates miss, and the record would be served.
 */
class TokenSpanTest {
  private static final TextNormalizer N = TextNormalizer.standard();

  private static void assertSpansBounded(String text) {
    Tokens t = N.tokenize(text);
    for (int i = 0; i < t.size(); i++) {
      String form = t.form(i);
      assertThat(t.endNode(i) - t.startNode(i))
          .as("nodes of token '%s' (%d-%d) of \"%s\"", form, t.startNode(i), t.endNode(i), text)
          .isBetween(1, form.codePointCount(0, form.length()));
    }
  }

  @Test
  void spelledOutAndJoinedWordsSpanNoMoreNodesThanTheirCodePoints() {
    // The tightest cases: every part one code point, spelled out with each gap, edges dropped, supplementary chars.
    for (String text : new String[] {"к а з и н о", "в к а з и н о я", "c.a.s.i.n.o", "s-p-i-c-e", "a_b_c_d",
        "𝐚 𝐛 𝐜 𝐝", "f r e e spins", "M E T H O D S", "x-y", "1 2 3 4"}) {
      assertSpansBounded(text);
    }
    // The bound is reached: the spelled-out word spans one node per letter.
    Tokens spelled = N.tokenize("к а з и н о");
    boolean reached = false;
    for (int i = 0; i < spelled.size(); i++) {
      reached |= spelled.form(i).codePointCount(0, spelled.form(i).length()) == 6 && spelled.startNode(i) == 0
          && spelled.endNode(i) == 6;
    }
    assertThat(reached).as("a six-letter token over nodes 0-6").isTrue();
  }

  @Test
  void randomTextsWithEvasions() {
    Seeds.forEach(40_000, 2_000, r -> assertSpansBounded(RandomTexts.text(r)));
    Seeds.forEach(42_000, 1_000, r -> assertSpansBounded(TokenizeDifferentialTest.realish(r)));
  }

  @Test
  void arbitraryStrings() {
    Seeds.forEach(44_000, 2_000, r -> assertSpansBounded(RandomTexts.anyString(r, 60)));
    Random r = new Random(46);
    for (int i = 0; i < 200; i++) {
      // Long spelled-out runs of random one-char words, mixing gaps the spelled-out rule accepts.
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < 3 + r.nextInt(20); k++) {
        sb.appendCodePoint(r.nextInt(3) == 0 ? 0x1D41A + r.nextInt(26) : 'а' + r.nextInt(32));
        sb.append(" .-_*\u00b7".charAt(r.nextInt(6)));
      }
      assertSpansBounded(sb.toString());
    }
  }
}
