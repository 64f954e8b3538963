package dev.lucenefilter.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.junit.jupiter.api.Test;

class WordRegexMatcherTest {
  private static final TextNormalizer N = TextNormalizer.standard();

  @Test
  void matchesWholeWordsAfterStep3Only() throws Exception {
    WordRegexMatcher m = WordRegexMatcher.builder().add("bet", "bet[0-9]{3,}").add("kz", "қазақ.*").build();
    assertThat(matchAll(m, N.tokenize("BET777 bonus bet100"))).containsExactly(
        new RegexMatch("bet", 0, 6), new RegexMatch("bet", 13, 19));
    assertThat(matchAll(m, N.tokenize("bet12 bonus xbet777 bet777x"))).isEmpty();
    // no leetspeak and no confusables for regex rules
    assertThat(matchAll(m, N.tokenize("b3t777"))).isEmpty();
    assertThat(matchAll(m, N.tokenize("Қазақстан"))).containsExactly(new RegexMatch("kz", 0, 9));
    // joined words are words too
    assertThat(matchAll(m, N.tokenize("bet-777"))).containsExactly(new RegexMatch("bet", 0, 7));
  }

  @Test
  void matchesSomeWordIsTheEmptinessOfTheIntersectionWithEveryWord() throws Exception {
    org.apache.lucene.util.automaton.Automaton words = WordRegexMatcher.wordsAutomaton();
    List<String> patterns = new ArrayList<>(List.of("bet[0-9]{3,}", "bet-[0-9]{3,}", "free spins", "buy_[a-z]+",
        "a{0}", "()", "a*", "x|-", "-|y", "[^a-z0-9]", "[ -/]+", "c@sino", "\\$+", ".", "(a-)*b", "(a-)+b", "@", "[\\-_]",
        "\u0301", "[\u0300-\u036f]+", "\u0430\u0301", "\ud835\udc00", "[\u2000-\u206f]", "[\u2000-\u2070]", "x{0,0}|"));
    // Random patterns over word chars, punctuation and operators.
    String alphabet = "ab9@$-_ .*+?|()[]{}^~";
    Seeds.forEach(9100, 300, random -> {
      StringBuilder sb = new StringBuilder();
      for (int i = 1 + random.nextInt(8); i > 0; i--) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      patterns.add(sb.toString());
    });
    int refused = 0;
    for (String p : patterns) {
      org.apache.lucene.util.automaton.Automaton a;
      try {
        a = WordRegexMatcher.compile(p);
      } catch (InvalidRegexException e) {
        continue;
      }
      boolean reference = !org.apache.lucene.util.automaton.Operations.isEmpty(
          org.apache.lucene.util.automaton.Operations.intersection(a, words));
      assertThat(WordRegexMatcher.matchesSomeWord(a)).as(p).isEqualTo(reference);
      if (!reference) refused++;
    }
    assertThat(refused).isGreaterThan(10);
    assertThat(WordRegexMatcher.matchesSomeWord(WordRegexMatcher.compile("bet-[0-9]{3,}"))).isFalse();
    assertThat(WordRegexMatcher.matchesSomeWord(WordRegexMatcher.compile("(a-)*b"))).isTrue();
    assertThat(WordRegexMatcher.matchesSomeWord(WordRegexMatcher.compile("a{0}"))).isFalse();
  }

  @Test
  void optionalOperatorsAreLiterals() throws Exception {
    WordRegexMatcher m = WordRegexMatcher.builder().add("at", "c@sino").build();
    assertThat(matchAll(m, N.tokenize("c@sino casino"))).containsExactly(new RegexMatch("at", 0, 6));
  }

  @Test
  void refusesBadPatternsWithClearMessages() {
    assertThatThrownBy(() -> WordRegexMatcher.compile("bet[0-9"))
        .isInstanceOf(InvalidRegexException.class).hasMessageStartingWith("regex \"bet[0-9\" does not parse: ");
    assertThatThrownBy(() -> WordRegexMatcher.compile("BET[0-9]+"))
        .isInstanceOf(InvalidRegexException.class)
        .hasMessage("regex \"BET[0-9]+\" is not in normalized form (expected \"bet[0-9]+\": lower case, no "
            + "combining marks, no zero-width or format characters)");
    assertThatThrownBy(() -> WordRegexMatcher.compile("")).hasMessage("regex pattern is empty");
    assertThatThrownBy(() -> WordRegexMatcher.compile("(a|b)*a(a|b){20}"))
        .isInstanceOf(InvalidRegexException.class).hasMessageContaining("is too complex");
  }

  @Test
  void compiledAutomatonIsDeterministic() throws Exception {
    assertThat(WordRegexMatcher.compile("bet[0-9]{3,}").isDeterministic()).isTrue();
    for (String w : List.of("bet777", "bet1000")) {
      assertThat(new org.apache.lucene.util.automaton.CharacterRunAutomaton(WordRegexMatcher.compile("bet[0-9]{3,}")).run(w)).isTrue();
    }
  }

  private static final String[] PATTERN_PARTS = {"bet", "[0-9]", "[0-9]{2,}", "спа", "ис", ".", ".*", "(a|b)", "қаз",
      "free", "spin", "s?", "x+", "[а-я]", "7"};

  private static String randomPattern(java.util.Random r) {
    StringBuilder sb = new StringBuilder();
    for (int k = 1 + r.nextInt(3); k > 0; k--) sb.append(PATTERN_PARTS[r.nextInt(PATTERN_PARTS.length)]);
    return sb.toString();
  }

  /** Each rule's own automaton on each token's regex form: the obvious reference for the grouped matcher. */
  /** One (rule, word) match, as the sink of {@link WordRegexMatcher#match} reports it. */
  record RegexMatch(String ruleId, int startOffset, int endOffset) {}

  /** Every distinct match, sorted by start offset, end offset, then rule id. */
  static List<RegexMatch> matchAll(WordRegexMatcher m, Tokens tokens) {
    Set<RegexMatch> set = new HashSet<>();
    m.match(tokens, (r, s, e) -> set.add(new RegexMatch(r, s, e)));
    return set.stream().sorted(Comparator.comparingInt(RegexMatch::startOffset)
        .thenComparingInt(RegexMatch::endOffset).thenComparing(RegexMatch::ruleId)).toList();
  }

  private static Set<RegexMatch> naive(List<String> patterns, Tokens t) throws Exception {
    Set<RegexMatch> out = new HashSet<>();
    for (int p = 0; p < patterns.size(); p++) {
      CharacterRunAutomaton a = new CharacterRunAutomaton(WordRegexMatcher.compile(patterns.get(p)));
      for (int i = 0; i < t.size(); i++) {
        if (a.run(t.regexForm(i))) out.add(new RegexMatch("r" + (p % 7), t.startOffset(i), t.endOffset(i)));
      }
    }
    return out;
  }

  @Test
  void groupedUnionPrefilterAgreesWithEachRuleAlone() {
    Seeds.forEach(50_000, 150, r -> {
      List<String> patterns = new ArrayList<>();
      WordRegexMatcher.Builder b = WordRegexMatcher.builder();
      // up to 150 rules: several groups of MAX_GROUP_RULES
      for (int p = 0, n = 1 + r.nextInt(150); p < n; p++) {
        String pattern = randomPattern(r);
        patterns.add(pattern);
        b.add("r" + (p % 7), pattern);
      }
      WordRegexMatcher m = b.build();
      String text = RandomTexts.text(r) + " bet777 спаис7 қазақ xx freespin ab";
      Tokens t = N.tokenize(text);
      assertThat(new HashSet<>(matchAll(m, t))).as(patterns + " in " + text).isEqualTo(naive(patterns, t));
    });
  }

  @Test
  void manyRulesShareFewUnionPrefilters() throws Exception {
    WordRegexMatcher.Builder b = WordRegexMatcher.builder();
    for (int i = 0; i < 2_000; i++) b.add("rule-" + i, "t" + i + "z[0-9]{2,}");
    b.add("last", "казино[0-9]*");
    WordRegexMatcher m = b.build();
    // 2001 rules in groups of at most 64, none split: these unions are small
    assertThat(m.groupCount()).isEqualTo(32);
    assertThat(matchAll(m, N.tokenize("t1999z12 t1999z1 казино777 t5x t42z007 T42Z00"))).containsExactly(
        new RegexMatch("rule-1999", 0, 8), new RegexMatch("last", 17, 26), new RegexMatch("rule-42", 31, 38),
        new RegexMatch("rule-42", 39, 45));
  }

  @Test
  void groupsWhoseUnionIsTooBigAreSplit() throws Exception {
    // each alone has about 2^10 states; their union about 2^40: every group ends up a single rule
    WordRegexMatcher m = WordRegexMatcher.builder().add("a", ".*a[a-z]{9}").add("b", ".*b[a-z]{9}")
        .add("c", ".*c[a-z]{9}").add("d", ".*d[a-z]{9}").build();
    assertThat(m.groupCount()).isEqualTo(4);
    assertThat(matchAll(m, N.tokenize("xxaqqqqqqqqq dbbbbbbbbb abcdefghijk"))).containsExactly(
        new RegexMatch("a", 0, 12), new RegexMatch("d", 13, 23), new RegexMatch("b", 24, 35));
  }

  @Test
  void callsTheSinkInTokenThenRuleOrder() throws Exception {
    WordRegexMatcher m = WordRegexMatcher.builder().add("b", "bet.*").add("a", "bet[0-9]+").add("c", "x").build();
    List<String> calls = new ArrayList<>();
    m.match(N.tokenize("bet1 x bet"), (rule, s, e) -> calls.add(rule + s));
    assertThat(calls).containsExactly("b0", "a0", "c5", "b7");
  }
}
