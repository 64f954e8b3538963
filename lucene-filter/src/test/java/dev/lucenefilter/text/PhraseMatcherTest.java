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

  /** One (rule, span) match, as the sink of {@link PhraseMatcher#match} reports it. */
  record PhraseMatch(String ruleId, int startOffset, int endOffset) {}

  private static Set<PhraseMatch> matches(PhraseMatcher m, Tokens t) {
    Set<PhraseMatch> out = new HashSet<>();
    m.match(t, (r, s, e) -> out.add(new PhraseMatch(r, s, e)));
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
    assertThat(matches(m, N.tokenize(text))).containsExactlyInAnyOrder(new PhraseMatch("free spins", 4, 15));
  }

  @Test
  void oneRuleWithSeveralPhrasesAndManyRules() {
    PhraseMatcher.Builder b = PhraseMatcher.builder().add("r1", "спайс").add("r1", "spice");
    for (int i = 0; i < 100_000; i++) b.add("gen-" + i, "word" + i + " other" + (i % 97));
    PhraseMatcher m = b.build();
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
    assertThat(matches(m, t)).as(phrases + " in \"" + text + "\"").isEqualTo(expected);
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

  // ---- leetspeak and prefixes without a letter (docs/reference.md §2 step 4: only in words with a letter, both sides) ----

  @Test
  void prefixWithoutALetterMatchesWordsWithAndWithoutOne() {
    PhraseMatcher m = of("2026*", "bonus 2026*", "10 20*", "$$*", "2026");
    assertThat(rules(m, "2026bonus")).containsExactlyInAnyOrder("2026*");
    assertThat(rules(m, "LuckySpin 2026x")).containsExactlyInAnyOrder("2026*");
    assertThat(rules(m, "20261")).containsExactlyInAnyOrder("2026*");
    assertThat(rules(m, "2026")).containsExactlyInAnyOrder("2026*", "2026");
    // the same word written with the letter leetspeak reads into
    assertThat(rules(m, "2o26x")).containsExactlyInAnyOrder("2026*");
    assertThat(rules(m, "bonus 2026bonus")).containsExactlyInAnyOrder("2026*", "bonus 2026*");
    assertThat(rules(m, "#bonus2026x")).containsExactlyInAnyOrder("bonus 2026*");
    assertThat(rules(m, "10 20 10 205 #1020abc 10-20z")).containsExactlyInAnyOrder("10 20*");
    assertThat(rules(m, "$$abc $$5")).containsExactlyInAnyOrder("$$*");
    for (String text : List.of("202", "x2026", "2o2", "20 26x", "20 26 is not it", "1 020x")) {
      assertThat(rules(m, text)).as(text).doesNotContain("2026*", "10 20*").doesNotContain("2026");
    }
  }

  @Test
  void prefixLeetVariantsOnlyWhereTheyDiffer() {
    assertThat(N.phraseParts("2026*").lastLeet()).isEqualTo("2o26");
    assertThat(N.phraseParts("2026*").forms()).containsExactly("2026");
    assertThat(N.phraseParts("22*").lastLeet()).isNull();
    assertThat(N.phraseParts("b3t*").lastLeet()).isNull();
    assertThat(N.phraseParts("2026").lastLeet()).isNull();
    assertThat(N.phraseParts("10 20*").joinedLeet()).isEqualTo("io2o");
    assertThat(N.phraseParts("bonus 2026*").joinedLeet()).isNull();
    assertThat(N.phraseParts("bonus 2026*").lastLeet()).isEqualTo("2o26");
  }

  static final String[] LETTERLESS_WORDS = {"2026", "10", "20", "7", "$$", "@4", "x", "b3t", "spin", "5"};
  static final String[] LETTERLESS_TEXT_WORDS = {"2026", "2026bonus", "20261", "2o26x", "10", "20", "205", "20z",
      "7", "7a", "$$", "$$x", "ssx", "@4", "@4b", "aab", "b3t", "bet7", "spin", "spin7", "5", "5s", "s"};

  @Test
  void letterlessPrefixesAgreeWithTokenWiseReference() {
    Seeds.forEach(5_000, 400, r -> {
      List<String> phrases = new ArrayList<>();
      for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0, words = 1 + r.nextInt(2); w < words; w++) {
          if (w > 0) sb.append(' ');
          sb.append(LETTERLESS_WORDS[r.nextInt(LETTERLESS_WORDS.length)]);
        }
        if (r.nextBoolean()) sb.append('*');
        phrases.add(sb.toString());
      }
      StringBuilder text = new StringBuilder();
      for (int i = 0, n = r.nextInt(8); i < n; i++) {
        text.append(LETTERLESS_TEXT_WORDS[r.nextInt(LETTERLESS_TEXT_WORDS.length)]).append(r.nextInt(4) == 0 ? "-" : " ");
      }
      PhraseMatcher.Builder b = PhraseMatcher.builder();
      for (int i = 0; i < phrases.size(); i++) b.add("r" + i, phrases.get(i));
      Tokens t = N.tokenize(text.toString());
      Set<PhraseMatch> expected = new HashSet<>();
      for (int i = 0; i < phrases.size(); i++) tokenWise("r" + i, phrases.get(i), t, expected);
      assertThat(matches(b.build(), t)).as(phrases + " in \"" + text + "\"").isEqualTo(expected);
    });
  }

  /**
   * Reference for prefixes stated per token: the prefix word is normalized the way the token is, with
   * leetspeak exactly when the token has a letter (steps 1–3 form of the rule word, then steps 4–5).
   */
  private static void tokenWise(String rule, String phrase, Tokens t, Set<PhraseMatch> out) {
    boolean prefix = phrase.endsWith("*");
    String body = prefix ? phrase.substring(0, phrase.length() - 1) : phrase;
    List<String> regexWords = List.of(N.fold(body).split(" "));
    List<List<String>> patterns = new ArrayList<>();
    patterns.add(regexWords);
    if (regexWords.size() > 1) patterns.add(List.of(String.join("", regexWords)));
    for (List<String> p : patterns) {
      for (int i = 0; i < t.size(); i++) tokenWalk(rule, p, prefix, t, i, 0, t.startOffset(i), out);
    }
  }

  private static void tokenWalk(String rule, List<String> p, boolean prefix, Tokens t, int tok, int w, int start,
      Set<PhraseMatch> out) {
    boolean last = w == p.size() - 1;
    String form = t.form(tok);
    boolean ok;
    if (last && prefix) {
      boolean tokenHasLetter = t.regexForm(tok).codePoints().anyMatch(Character::isLetter);
      ok = form.startsWith(WordGraph.normalizeWord(p.get(w), tokenHasLetter));
    } else {
      ok = form.equals(WordGraph.normalizeWord(p.get(w), false));
    }
    if (!ok) return;
    if (last) {
      out.add(new PhraseMatch(rule, start, t.endOffset(tok)));
      return;
    }
    for (int j = 0; j < t.size(); j++) {
      if (t.startNode(j) == t.endNode(tok)) tokenWalk(rule, p, prefix, t, j, w + 1, start, out);
    }
  }
}
