package dev.lucenefilter.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.lucene.util.automaton.RegExp;
import org.junit.jupiter.api.Test;

/** The size estimate refuses huge repeats before any automaton is built, and never refuses a usable pattern. */
class RegexBudgetTest {
  private static long states(String p) { return RegexBudget.states(new RegExp(p, RegExp.NONE)); }

  @Test
  void repeatsMultiplyAndSaturate() {
    assertThat(states("a")).isEqualTo(2);
    assertThat(states("abc")).isEqualTo(4);
    assertThat(states("a{10}")).isEqualTo(2 * 11 + 1);
    assertThat(states("(a{1000}){1000}")).isGreaterThan(1_000_000);
    assertThat(states("a{2147483647}")).isGreaterThan(RegexBudget.MAX_BUILD_STATES);
    assertThat(states("((a{2147483647}){2147483647}){2147483647}")).isEqualTo(1L << 40);
  }

  @Test
  void theMatcherRefusesHugeRepeatsWithTheirPattern() {
    for (String p : new String[] {"a{2147483647}", "(a{1000}){1000}", "[a-z]{100000}", "x(a|b){60000}y"}) {
      assertThatThrownBy(() -> WordRegexMatcher.compile(p)).isInstanceOf(InvalidRegexException.class)
          .hasMessageStartingWith("regex \"" + p + "\" is too complex: building its automaton needs ")
          .hasMessageEndingWith(" states, more than 100000 (check the repeat counts {n})");
    }
  }

  @Test
  void usablePatternsStayWithinTheBudget() throws Exception {
    for (String p : new String[] {"kazino[0-9]{2,}", "[0-9a-f]{64}", "bet[0-9]{3,}", "kinogo[0-9]{1,4}",
        "[a-z]{2000}"}) {
      assertThat(states(p)).as(p).isLessThanOrEqualTo(RegexBudget.MAX_BUILD_STATES);
      assertThat(WordRegexMatcher.compile(p).getNumStates()).as(p).isPositive();
    }
  }
}
