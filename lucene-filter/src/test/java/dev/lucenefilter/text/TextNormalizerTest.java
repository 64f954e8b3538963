package dev.lucenefilter.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  private final TextNormalizer n = TextNormalizer.standard();

  /** "form@start-end" of every token. */
  private List<String> graph(String text) {
    Tokens t = n.tokenize(text);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) out.add(t.regexForm(i) + "@" + t.startNode(i) + "-" + t.endNode(i));
    return out;
  }

  private List<String> forms(String text) {
    Tokens t = n.tokenize(text);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) out.add(t.form(i));
    return out;
  }

  private String one(String word) { return n.phraseWords(word).get(0); }

  @Test
  void step1FoldsCaseMarksWidthAndInvisibles() {
    assertThat(n.fold("Die GROSSE Lüge straße")).isEqualTo("die grosse luge strasse");
    assertThat(n.fold("сп\u200Bа\u00ADйс\uFEFF")).isEqualTo("спаис");
    assertThat(n.fold("ЁЛКА спа́йс")).isEqualTo("елка спаис");
    assertThat(n.fold("ａｍｐ 𝐚𝐦𝐩")).isEqualTo("amp amp");
  }

  @Test
  void wordsSplitOnPunctuationAndKeepAtAndDollar() {
    assertThat(graph("Продам спайс, дёшево!")).containsExactly("продам@0-1", "спаис@1-2", "дешево@2-3");
    assertThat(graph("c0c@1n3 $100")).containsExactly("c0c@1n3@0-1", "$100@1-2");
    assertThat(forms("c0c@1n3 $100")).containsExactly("cocaine", "$100");
    assertThat(graph("#казино #casino")).containsExactly("казино@0-1", "casino@1-2");
  }

  @Test
  void joinedWordsSpanTheirParts() {
    assertThat(graph("buy-heroin now")).containsExactly("buy@0-1", "buyheroin@0-2", "heroin@1-2", "now@2-3");
    assertThat(graph("#free_spins_bot")).containsExactly("free@0-1", "freespinsbot@0-3", "spins@1-2", "bot@2-3");
    assertThat(graph("онлайн--казино")).containsExactly("онлаин@0-1", "казино@1-2");
  }

  @Test
  void mentionsAndEmailsAreNotWords() {
    assertThat(graph("@free_spins_bot says hi")).containsExactly("says@0-1", "hi@1-2");
    assertThat(graph("write support@lucky-win.example now")).containsExactly("write@0-1", "now@1-2");
    // two dots in a row end a local part: the word before them stays a word
    assertThat(graph("купить спайс...user@mail.ru")).containsExactly("купить@0-1", "спаис@1-2");
    assertThat(graph("купить спайс.user@mail.ru")).containsExactly("купить@0-1");
    // too short for a username: a word, and '@' is leetspeak for a
    assertThat(forms("@abc")).containsExactly("aabc");
  }

  @Test
  void spelledOutWordsWithOneLetterWordVariants() {
    assertThat(graph("M E T H O D S")).contains("methods@0-7").doesNotContain("method@0-6", "ethods@1-7");
    assertThat(graph("к а з и н о в городе"))
        .contains("казинов@0-7", "азинов@1-7", "казино@0-6", "азино@1-6", "городе@7-8");
    assertThat(graph("c.a.s.i.n.o")).contains("casino@0-6");
    assertThat(graph("c*a*s*i*n*o")).contains("casino@0-6");
    assertThat(graph("с·п·а·й·с")).contains("спаис@0-5");
    // a run of three loses a one-letter edge word too, and a run of four both (МФ, СК: dark-market slang)
    assertThat(graph("М Ф в наличии")).contains("мфв@0-3", "мф@0-2", "наличии@3-4");
    assertThat(graph("а с к оптом")).contains("аск@0-3", "ск@1-3");
    assertThat(graph("и м ф а оптом")).contains("мф@1-3");
    // one letter per line, or tab apart, reads the same (a space in the contract's sense is any white space)
    assertThat(graph("к\nа\nз\nи\nн\nо")).contains("казино@0-6");
    assertThat(graph("c\ta\ts\ti\tn\to")).contains("casino@0-6");
    assertThat(graph("c\u2028a\u2028s")).contains("cas@0-3");
    assertThat(graph("к\u0085а\u0085з\u0085и\u0085н\u0085о")).as("next line").contains("казино@0-6");
    // two-char gaps and runs of two are not spelled-out words
    assertThat(graph("c\r\na\r\ns")).containsExactly("c@0-1", "a@1-2", "s@2-3");
    assertThat(graph("c  a  s")).containsExactly("c@0-1", "a@1-2", "s@2-3");
    assertThat(graph("c a")).containsExactly("c@0-1", "a@1-2");
    assertThat(forms("c.a.s.1.n.o")).contains("casino");
  }

  @Test
  void leetspeakOnlyInWordsWithALetter() {
    assertThat(forms("4mph3t4min3 2026 h3r01n $p1c3")).containsExactly("amphetamine", "2026", "heroin", "spice");
    assertThat(forms("b3t777")).containsExactly("betttt");
  }

  @Test
  void confusablesFoldLatinAndCyrillicLookalikesButNotKazakhLetters() {
    assertThat(one("спайс")).isEqualTo(one("спaйс")).isEqualTo(one("cпaйc"));
    assertThat(one("amphetamine")).isEqualTo(one("аmphеtаminе"));
    assertThat(one("ріzzа")).isEqualTo(one("pizza"));
    for (String kz : List.of("қ", "ң", "ө", "ғ", "ұ")) assertThat(one("a" + kz + "a")).isEqualTo("a" + kz + "a");
    assertThat(one("қазақ")).isNotEqualTo(one("казак"));
    assertThat(one("өнер")).isNotEqualTo(one("онер"));
    // digits are never replaced by confusables (0 looks like O, 1 like l)
    assertThat(forms("2010")).containsExactly("2010");
  }

  @Test
  void kazakhLatinIMixedScriptStaysDistinctFromRussianI() {
    assertThat(one("бiлiм")).isEqualTo(one("білім"));
    assertThat(one("бiлiм")).isNotEqualTo(one("билим"));
    assertThat(one("кiтап")).isNotEqualTo(one("китап"));
  }

  @Test
  void offsetsPointIntoTheOriginalText() {
    String text = "ＦＲＥＥ\u200B-spins ß 𝐚𝐦𝐩";
    Tokens t = n.tokenize(text);
    List<String> spans = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) spans.add(t.regexForm(i) + "=" + text.substring(t.startOffset(i), t.endOffset(i)));
    assertThat(spans).containsExactly("free=ＦＲＥＥ", "freespins=ＦＲＥＥ\u200B-spins", "spins=spins", "ss=ß", "amp=𝐚𝐦𝐩");
  }

  @Test
  void phraseWordsOfRules() {
    assertThat(n.phraseWords("Онлайн  КАЗИНО")).containsExactly(one("онлайн"), one("казино"));
    assertThat(n.phraseWords("lucky spin*")).containsExactly("lucky", "spin*");
    assertThat(n.phraseWords("große lüge")).containsExactly("grosse", "luge");
    assertThatThrownBy(() -> n.phraseWords("  !!! ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("phrase \"  !!! \" has no words (mentions and e-mail addresses are not words)");
    assertThatThrownBy(() -> n.phraseWords("lu*cky")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("phrase \"lu*cky\": '*' is allowed only once, at the end of the last word");
    assertThatThrownBy(() -> n.phraseWords("lucky *")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("phrase \"lucky *\": '*' must directly follow the last word (no space before it)");
  }

  @Test
  void foldedTextEqualsFoldOfTheWholeText() {
    Seeds.forEach(3_000, 300, r -> {
      String s = RandomTexts.anyString(r, 40);
      FoldedText ft = new FoldedText();
      ft.reset(s);
      assertThat(new String(ft.chars, 0, ft.length)).as(s).isEqualTo(n.fold(s));
    });
  }

  @Test
  void tokensAreSortedAndOffsetsValid() {
    Seeds.forEach(4_000, 300, r -> tokensAreSortedAndOffsetsValid(RandomTexts.text(r)));
  }

  private void tokensAreSortedAndOffsetsValid(String s) {
    Tokens t = n.tokenize(s);
    for (int i = 0; i < t.size(); i++) {
      assertThat(t.startOffset(i)).isBetween(0, t.endOffset(i));
      assertThat(t.endOffset(i)).isLessThanOrEqualTo(s.length());
      assertThat(t.form(i)).isNotEmpty();
      if (i > 0) {
        assertThat(t.startNode(i)).isGreaterThanOrEqualTo(t.startNode(i - 1));
        if (t.startNode(i) == t.startNode(i - 1)) assertThat(t.endNode(i)).isGreaterThanOrEqualTo(t.endNode(i - 1));
      }
    }
  }

  @Test
  void theSameTextTwiceInARowIsTokenizedOnce() {
    String text = "Продам спайс, к а з и н о";
    Tokens first = n.tokenize(text);
    // Equal, not identical: what an analyzer reads back from the field value.
    assertThat(n.tokenize(new String(text.toCharArray()))).isSameAs(first);
    Tokens other = n.tokenize("другой текст");
    assertThat(other).isNotSameAs(first);
    assertThat(graph("другой текст")).containsExactly("другои@0-1", "текст@1-2");
    Tokens again = n.tokenize(text);
    assertThat(again).isNotSameAs(first);
    assertThat(graph(text)).containsExactly("продам@0-1", "спаис@1-2", "к@2-3", "казин@2-7", "казино@2-8", "а@3-4",
        "азин@3-7", "азино@3-8", "з@4-5", "и@5-6", "н@6-7", "о@7-8");
  }
}
