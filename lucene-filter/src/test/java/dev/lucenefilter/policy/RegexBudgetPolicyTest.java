package dev.lucenefilter.policy;

import static dev.lucenefilter.policy.PolicyDirs.errors;
import static dev.lucenefilter.policy.PolicyDirs.policy;
import static dev.lucenefilter.policy.PolicyDirs.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regex values whose repeats would build a huge automaton are refused before anything is built, as a located
 * error; a reload never throws, whatever fails inside it.
 */
class RegexBudgetPolicyTest {
  @TempDir Path tmp;

  private static final String TOO_COMPLEX =
      "is too complex (its repeats would build more than 100000 automaton states before determinization)";

  @Test
  void hugeRepeatsAreLocatedErrorsNotOutOfMemory() {
    Path dir = tmp.resolve("p");
    policy(dir, "KZ", "[]", rule("r1", "regex",
        "\"values\": [\"a{2147483647}\", \"(a{1000}){1000}\", \"[a-z]{100000}\", \"((ab){999}){999,}\", \"[a-z]{20}\"]"));
    assertThat(errors(dir)).containsExactly(
        "KZ.json:2:42: r1: values[0] 'a{2147483647}' " + TOO_COMPLEX,
        "KZ.json:2:59: r1: values[1] '(a{1000}){1000}' " + TOO_COMPLEX,
        "KZ.json:2:78: r1: values[2] '[a-z]{100000}' " + TOO_COMPLEX,
        "KZ.json:2:95: r1: values[3] '((ab){999}){999,}' " + TOO_COMPLEX);
  }

  @Test
  void aReloadWithAHugeRepeatFailsAndKeepsTheOldSnapshot() throws Exception {
    Path dir = tmp.resolve("p");
    policy(dir, "KZ", "[]", rule("r1", "regex", "\"values\": [\"kazino[0-9]{2,}\"]"));
    try (PolicyRegistry reg = PolicyRegistry.open(dir, tmp.resolve("state"))) {
      String version = reg.current().version();
      policy(dir, "KZ", "[]", rule("r1", "regex", "\"values\": [\"a{2147483647}\"]"));
      ReloadResult r = reg.reload();
      assertThat(r.success()).isFalse();
      assertThat(r.version()).isEqualTo(version);
      assertThat(r.errors()).extracting(PolicyError::toString)
          .containsExactly("KZ.json:2:42: r1: values[0] 'a{2147483647}' " + TOO_COMPLEX);
      assertThat(reg.current().version()).isEqualTo(version);
    }
  }

  /** A rule type that fails the way a bug or an exhausted JVM does. */
  private record Failing(Throwable thrown) implements RuleType {
    @Override public String name() { return "failing"; }

    @Override public Set<String> fields() { return Set.of("values"); }

    @Override public Rule parse(RuleHeader header, RuleFields fields) {
      if (thrown instanceof Error e) throw e;
      throw (RuntimeException) thrown;
    }
  }

  @Test
  void aReloadNeverThrowsAndReportsTheErrorInItsResult() throws Exception {
    Path dir = tmp.resolve("p");
    policy(dir, "KZ", "[]", rule("r1", "channel", "\"values\": [\"a\"]"));
    for (Throwable t : new Throwable[] {new OutOfMemoryError("Java heap space"), new StackOverflowError(),
        new IllegalStateException("bug")}) {
      RuleTypes types = RuleTypes.standard().with(new Failing(t));
      try (PolicyRegistry reg = PolicyRegistry.open(dir, tmp.resolve("state"), types)) {
        String version = reg.current().version();
        policy(dir, "KZ", "[]", rule("r1", "channel", "\"values\": [\"a\"]"), rule("r2", "failing", "\"values\": [\"x\"]"));
        ReloadResult r = reg.reload();
        assertThat(r.success()).isFalse();
        assertThat(r.errors()).extracting(PolicyError::toString).containsExactly(dir + ": loading failed: "
            + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        assertThat(reg.current().version()).isEqualTo(version);
        // The directory is fixed: the next reload works.
        policy(dir, "KZ", "[]", rule("r1", "channel", "\"values\": [\"b\"]"));
        assertThat(reg.reload().success()).isTrue();
        policy(dir, "KZ", "[]", rule("r1", "channel", "\"values\": [\"a\"]"));
        assertThat(reg.reload().success()).isTrue();
      }
    }
  }

  @Test
  void anErrorInAPreSwapHookIsAFailedReload() throws Exception {
    Path dir = tmp.resolve("p");
    policy(dir, "KZ", "[]", rule("r1", "channel", "\"values\": [\"a\"]"));
    try (PolicyRegistry reg = PolicyRegistry.open(dir, tmp.resolve("state"))) {
      String version = reg.current().version();
      reg.addPreSwapHook(s -> { throw new OutOfMemoryError("warming"); });
      policy(dir, "KZ", "[]", rule("r1", "channel", "\"values\": [\"b\"]"));
      ReloadResult r = reg.reload();
      assertThat(r.success()).isFalse();
      assertThat(r.errors()).extracting(PolicyError::toString)
          .containsExactly(dir + ": pre-swap hook failed: java.lang.OutOfMemoryError: warming");
      assertThat(reg.current().version()).isEqualTo(version);
    }
  }
}
