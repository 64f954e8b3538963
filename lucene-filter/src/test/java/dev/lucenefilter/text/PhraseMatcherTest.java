package dev.lucenefilter.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PhraseMatcherTest {
  private static final TextNormalizer N = TextNormalizer.standard();

  private static Set<String> rules(PhraseMatcher m, String text) {
    Set<String> out = new HashSet<>();
    m.match(N.tokenize(text), (r, s, e) -> out.add(r));
    return out;
  }

  private static PhraseMatcher of(String... phrases) {
    PhraseMatcher.Builder b = PhraseMatcher.builder();
    for (String p : phrases) b.add(p, p);
    return b.build();
  }

  @Test
  void evasionsOfRussianAndEnglishPhrasesMatch() {
    PhraseMatcher m = of("спайс", "amphetamine", "купить спайс", "соль для ванн", "рулетка онлайн", "free spins",
        "luckyspin*", "онлайн казино", "lucky spin*", "buy heroin");
    assertThat(rules(m, "Продам СПАЙС")).containsExactlyInAnyOrder("спайс");
    assertThat(rules(m, "спaйс тут")).containsExactlyInAnyOrder("спайс");
    assertThat(rules(m, "сп\u200Bайс")).containsExactlyInAnyOrder("спайс");
    assertThat(rules(m, "с п а й с")).containsExactlyInAnyOrder("спайс");
    assertThat(rules(m, "с.п.а.й.с")).containsExactlyInAnyOrder("спайс");
    assertThat(rules(m, "#спайс")).containsExactlyInAnyOrder("спайс");
    assertThat(rules(m, "спа́йс")).containsExactlyInAnyOrder("спайс");
    assertThat(rules(m, "КУПИ\u0301ТЬ сп4йс")).containsExactlyInAnyOrder("спайс", "купить спайс");
    assertThat(rules(m, "Buy 4mph3t4min3 now")).containsExactlyInAnyOrder("amphetamine");
    assertThat(rules(m, "ａｍｐｈｅｔａｍｉｎｅ")).containsExactlyInAnyOrder("amphetamine");
    assertThat(rules(m, "𝐚𝐦𝐩𝐡𝐞𝐭𝐚𝐦𝐢𝐧𝐞")).containsExactlyInAnyOrder("amphetamine");
    assertThat(rules(m, "аmphеtаminе ámphétàmíne")).containsExactlyInAnyOrder("amphetamine");
    assertThat(rules(m, "a.m.p.h.e.t.a.m.i.n.e")).containsExactlyInAnyOrder("amphetamine");
    assertThat(rules(m, "рулетка\tонлайн")).containsExactlyInAnyOrder("рулетка онлайн");
    assertThat(rules(m, "#рулеткаонлайн")).containsExactlyInAnyOrder("рулетка онлайн");
    assertThat(rules(m, "рулетка о н л а й н тут")).containsExactlyInAnyOrder("рулетка онлайн");
    assertThat(rules(m, "онлайн к а з и н о в городе")).containsExactlyInAnyOrder("онлайн казино");
    assertThat(rules(m, "free-spins, free_spins, FREE SPINS!!! #freespins")).containsExactlyInAnyOrder("free spins");
    assertThat(rules(m, "LuckySpin2026")).containsExactlyInAnyOrder("luckyspin*", "lucky spin*");
    assertThat(rules(m, "#luckyspinner")).containsExactlyInAnyOrder("luckyspin*", "lucky spin*");
    assertThat(rules(m, "lucky spinning")).containsExactlyInAnyOrder("lucky spin*");
    assertThat(rules(m, "#buyheroin buy_heroin")).containsExactlyInAnyOrder("buy heroin");
    assertThat(rules(m, "соль для ванн оптом")).containsExactlyInAnyOrder("соль для ванн");
  }

  @Test
  void nearMissesDoNotMatch() {
    PhraseMatcher m = of("спайс", "amphetamine", "free spins", "luckyspin*", "рулетка онлайн", "соль для ванн",
        "героин", "meth", "buy heroin");
    for (String text : List.of("Спайсы и пряности: кулинария", "spinach with free rice", "spins are free",
        "free and spins", "рулетка, а потом онлайн", "megaluckyspin", "соль для ванны с пеной",
        "the word s p a is spaced", "amphetamines are discussed in pharmacology", "героиня романа",
        "the method works", "buy a heroin documentary", "@free_spins_bot says hi", "write to @spice_shop",
        "бiлiм кiтап Қазақстан", "free@spins.example")) {
      assertThat(rules(m, text)).as(text).isEmpty();
    }
  }

  @Test
  void reportsOffsetsInTheOriginalText() {
    PhraseMatcher m = of("free spins");
    String text = "Get ＦＲＥＥ  spins now";
    assertThat(m.matchAll(N.tokenize(text))).containsExactlyInAnyOrder(new PhraseMatch("free spins", 4, 15));
  }

  @Test
  void oneRuleWithSeveralPhrasesAndManyRules() {
    PhraseMatcher.Builder b = PhraseMatcher.builder().add("r1", "спайс").add("r1", "spice");
    for (int i = 0; i < 100_000; i++) b.add("gen-" + i, "word" + i + " other" + (i % 97));
    long t0 = System.nanoTime();
    PhraseMatcher m = b.build();
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
    assertThat(m.ruleCount()).isEqualTo(100_001);
    assertThat(rules(m, "spice and спайс word42 other42 word43 other0")).containsExactlyInAnyOrder("r1", "gen-42");
  }

  // ---- differential test against a naive reference ----

  static final String[] PHRASE_WORDS = {"free", "spins", "спайс", "купить", "казино", "онлайн", "lucky", "spin",
      "luckyspin", "и", "в", "meth", "героин", "b3t777", "freespins", "бiлiм", "қазақ", "x"};

  /** 1–15 phrases of 1–3 words from {@link #PHRASE_WORDS}, each a prefix half of the time. */
  static List<String> phrases(Random r) {
    int n = 1 + r.nextInt(15);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int words = 1 + r.nextInt(3);
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < words; w++) {
        if (w > 0) sb.append(' ');
        sb.append(PHRASE_WORDS[r.nextInt(PHRASE_WORDS.length)]);
      }
      if (r.nextBoolean()) sb.append('*');
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void agreesWithNaiveReference() {
    Seeds.forEach(2_000, 400, r -> agreesWithNaiveReference(phrases(r), RandomTexts.text(r)));
  }

  private static void agreesWithNaiveReference(List<String> phrases, String text) {
    PhraseMatcher.Builder b = PhraseMatcher.builder();
    for (int i = 0; i < phrases.size(); i++) b.add("r" + (i % 5), phrases.get(i));
    PhraseMatcher m = b.build();
    Tokens t = N.tokenize(text);
    Set<PhraseMatch> expected = new HashSet<>();
    for (int i = 0; i < phrases.size(); i++) naive("r" + (i % 5), phrases.get(i), t, expected);
    assertThat(new HashSet<>(m.matchAll(t))).as(phrases + " in \"" + text + "\"").isEqualTo(expected);
  }

  /** Enumerates every token path and compares words one by one: obviously right, slow. */
  private static void naive(String rule, String phrase, Tokens t, Set<PhraseMatch> out) {
    TextNormalizer.PhraseParts parts = N.phraseParts(phrase);
    List<List<String>> patterns = new ArrayList<>();
    patterns.add(parts.forms());
    if (parts.joined() != null) patterns.add(List.of(parts.joined()));
    for (List<String> p : patterns) {
      for (int i = 0; i < t.size(); i++) walk(rule, p, parts.prefix(), t, i, 0, t.startOffset(i), out);
    }
  }

  private static void walk(String rule, List<String> p, boolean prefix, Tokens t, int tok, int w, int start,
      Set<PhraseMatch> out) {
    boolean last = w == p.size() - 1;
    String form = t.form(tok);
    boolean ok = last && prefix ? form.startsWith(p.get(w)) : form.equals(p.get(w));
    if (!ok) return;
    if (last) {
      out.add(new PhraseMatch(rule, start, t.endOffset(tok)));
      return;
    }
    for (int j = 0; j < t.size(); j++) {
      if (t.startNode(j) == t.endNode(tok)) walk(rule, p, prefix, t, j, w + 1, start, out);
    }
  }
}
