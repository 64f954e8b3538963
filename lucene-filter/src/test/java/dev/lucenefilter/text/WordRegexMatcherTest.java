package dev.lucenefilter.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordRegexMatcherTest {
  private static final TextNormalizer N = TextNormalizer.standard();

  @Test
  void matchesWholeWordsAfterStep3Only() throws Exception {
    WordRegexMatcher m = WordRegexMatcher.builder().add("bet", "bet[0-9]{3,}").add("kz", "қазақ.*").build();
    assertThat(m.matchAll(N.tokenize("BET777 bonus bet100"))).containsExactly(
        new RegexMatch("bet", 0, 6), new RegexMatch("bet", 13, 19));
    assertThat(m.matchAll(N.tokenize("bet12 bonus xbet777 bet777x"))).isEmpty();
    // no leetspeak and no confusables for regex rules
    assertThat(m.matchAll(N.tokenize("b3t777"))).isEmpty();
    assertThat(m.matchAll(N.tokenize("Қазақстан"))).containsExactly(new RegexMatch("kz", 0, 9));
    // joined words are words too
    assertThat(m.matchAll(N.tokenize("bet-777"))).containsExactly(new RegexMatch("bet", 0, 7));
  }

  @Test
  void optionalOperatorsAreLiterals() throws Exception {
    WordRegexMatcher m = WordRegexMatcher.builder().add("at", "c@sino").build();
    assertThat(m.matchAll(N.tokenize("c@sino casino"))).containsExactly(new RegexMatch("at", 0, 6));
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
}
