package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.lucenefilter.filter.ExclusionCache.RuleContent;
import dev.lucenefilter.policy.Action;
import dev.lucenefilter.policy.ChannelRule;
import dev.lucenefilter.policy.ClassifierRule;
import dev.lucenefilter.policy.DomainRule;
import dev.lucenefilter.policy.Rule;
import dev.lucenefilter.policy.RuleHeader;
import dev.lucenefilter.policy.SourceLocation;
import dev.lucenefilter.policy.Target;
import dev.lucenefilter.policy.UsernameRule;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-rule set key: equal exactly when the rules hide the same documents, whatever their headers. */
class RuleContentTest {
  private static RuleHeader header(String id, Target target, int line) {
    return new RuleHeader(id, Action.HIDE, target, "fraud", "test", Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
        Optional.empty(), "KZ", "", new SourceLocation("kz.json", line, 3));
  }

  @Test
  void rulesDifferingOnlyInTheirHeadersShareTheKey() {
    RuleContent a = RuleContent.of(new ChannelRule(header("a", Target.BOTH, 1), Set.of("c-1", "c-2", "c-3")));
    RuleContent b = RuleContent.of(new ChannelRule(header("b", Target.BOTH, 90), Set.of("c-3", "c-1", "c-2")));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }

  @Test
  void valuesTargetAndTypeEachMakeADifferentKey() {
    RuleContent base = RuleContent.of(new ChannelRule(header("a", Target.BOTH, 1), Set.of("c-1", "c-2")));
    assertNotEquals(base, RuleContent.of(new ChannelRule(header("a", Target.BOTH, 1), Set.of("c-1"))));
    assertNotEquals(base, RuleContent.of(new ChannelRule(header("a", Target.POST, 1), Set.of("c-1", "c-2"))));
    assertNotEquals(base, RuleContent.of(new DomainRule(header("a", Target.BOTH, 1), Set.of("c-1", "c-2"))));
    RuleContent mentions = RuleContent.of(new UsernameRule(header("u", Target.BOTH, 1), Set.of("bob"), true));
    assertNotEquals(mentions, RuleContent.of(new UsernameRule(header("u", Target.BOTH, 1), Set.of("bob"), false)));
    assertNotEquals(RuleContent.of(new ClassifierRule(header("f", Target.BOTH, 1), "fraud", 0.5)),
        RuleContent.of(new ClassifierRule(header("f", Target.BOTH, 1), "fraud", 0.6)));
  }

  /** A rule type that is not a public record is keyed on its parameters. */
  @Test
  void otherRuleTypesAreKeyedOnTheirParameters() {
    class Custom implements Rule {
      final RuleHeader header;
      final String value;

      Custom(RuleHeader header, String value) {
        this.header = header;
        this.value = value;
      }

      @Override public RuleHeader header() { return header; }

      @Override public String type() { return "custom"; }

      @Override public Map<String, Object> parameters() { return Map.of("value", value); }
    }
    assertEquals(RuleContent.of(new Custom(header("a", Target.BOTH, 1), "x")),
        RuleContent.of(new Custom(header("b", Target.BOTH, 7), "x")));
    assertNotEquals(RuleContent.of(new Custom(header("a", Target.BOTH, 1), "x")),
        RuleContent.of(new Custom(header("a", Target.BOTH, 1), "y")));
  }
}
