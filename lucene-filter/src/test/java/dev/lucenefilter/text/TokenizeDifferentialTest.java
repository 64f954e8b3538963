package dev.lucenefilter.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The table-driven, buffer-reusing tokenizer ({@link FoldedText}, {@link WordGraph}) against the original
 * straightforward one kept in {@link ReferenceFoldedText} and {@link ReferenceWordGraph}: same forms, regex
 * forms, nodes and offsets on random texts.
 */
class TokenizeDifferentialTest {
  private static final TextNormalizer N = TextNormalizer.standard();

  private static final String[] REAL = {
    "Новости", "Алматы:", "сегодня", "дёшево!", "Бүгін", "Астанада", "жаңалықтар", "қазақ", "тілі", "өнер",
    "білім", "FREE", "spins", "#LuckySpin2026", "casino-bonus", "к а з и н о", "c.a.s.i.n.o", "h3r01n", "$p1c3",
    "support@lucky-win.example", "@spice_shop", "t.me/spice_shop", "https://example.org/a?b=1", "ＦＲＥＥ",
    "𝐚𝐦𝐩𝐡𝐞𝐭𝐚𝐦𝐢𝐧𝐞", "спа́йс", "сп\u200Bайс", "Straße", "İstanbul", "ǅemal", "ﬁne", "½", "2026", "7", "—", "…",
    "😀", "\uD835", "\uDC00", "a\u0301\u0302", "е\u0308", "x²", "Ⅻ", "ﾊﾟ", "M E T H O D S"
  };

  static String realish(Random r) {
    int n = r.nextInt(20);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(REAL[r.nextInt(REAL.length)]);
      sb.append(r.nextInt(4) == 0 ? RandomTexts.GAPS[r.nextInt(RandomTexts.GAPS.length)] : " ");
    }
    return sb.toString();
  }

  private static List<String> describe(Tokens t) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      out.add(t.form(i) + "|" + t.regexForm(i) + "@" + t.startNode(i) + "-" + t.endNode(i) + ":" + t.startOffset(i)
          + "-" + t.endOffset(i));
    }
    return out;
  }

  private static void assertSame(String text) {
    Tokens expected = new ReferenceWordGraph(ReferenceFoldedText.of(text)).build();
    assertThat(describe(N.tokenize(text))).as("tokens of \"%s\"", text).isEqualTo(describe(expected));
    FoldedText ft = new FoldedText();
    ft.reset(text);
    ReferenceFoldedText ref = ReferenceFoldedText.of(text);
    assertThat(new String(ft.chars, 0, ft.length)).as("fold of \"%s\"", text).isEqualTo(ref.toString());
    assertThat(Arrays.copyOf(ft.start, ft.length)).as("starts of \"%s\"", text).isEqualTo(Arrays.copyOf(ref.start, ref.length));
    assertThat(Arrays.copyOf(ft.end, ft.length)).as("ends of \"%s\"", text).isEqualTo(Arrays.copyOf(ref.end, ref.length));
  }

  @Test
  void vocabularyTexts() {
    Seeds.forEach(10_000, 1_000, r -> assertSame(RandomTexts.text(r)));
  }

  @Test
  void realisticMixedTexts() {
    Seeds.forEach(20_000, 1_000, r -> assertSame(realish(r)));
  }

  @Test
  void arbitraryStrings() {
    Seeds.forEach(30_000, 2_000, r -> assertSame(RandomTexts.anyString(r, 60)));
  }

  @Test
  void everyBmpCharAloneAndBetweenLetters() {
    for (int c = 0; c < 0x10000; c += Seeds.LONG ? 1 : 7) {
      String s = String.valueOf((char) c);
      assertSame(s);
      assertSame("a" + s + "b c" + s + s + "ж");
    }
  }

  @Test
  void normalizeWordMatchesTheReference() {
    Seeds.forEach(40_000, 2_000, r -> {
      String w = RandomTexts.anyString(r, 12);
      assertThat(WordGraph.normalizeWord(w, false)).as(w).isEqualTo(ReferenceWordGraph.normalizeWord(w));
    });
  }

  @Test
  void reusedBuffersDoNotLeakBetweenTexts() {
    // 120k chars: beyond what the per-thread buffers keep, so this also covers dropping them
    String longText = "спайс ".repeat(20_000) + "к а з и н о";
    Tokens first = N.tokenize(longText);
    Tokens small = N.tokenize("free spins");
    assertThat(describe(small)).containsExactly("free|free@0-1:0-4", "spins|spins@1-2:5-10");
    // the first result is a copy, untouched by the second call
    assertThat(first.size()).isEqualTo(20_000 + 6 + 4); // words, letters, казино азино казин азин
    assertThat(first.form(0)).isEqualTo(N.tokenize("спайс").form(0));
    assertThat(first.endOffset(first.size() - 1)).isEqualTo(longText.length());
    assertThat(describe(N.tokenize(longText))).isEqualTo(describe(first));
  }
}
