package dev.lucenefilter.policy;

import static dev.lucenefilter.policy.PolicyDirs.policy;
import static dev.lucenefilter.policy.PolicyDirs.rule;
import static dev.lucenefilter.policy.PolicyDirs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inheritance, dates, versions and lookups of snapshots. */
class PolicySnapshotTest {
  @TempDir Path dir;

  private static String chan(String id, String value) { return rule(id, "channel", "\"values\": [\"" + value + "\"]"); }

  @Test
  void diamondInheritanceDeduplicatesAndGivesShortestPaths() throws Exception {
    policy(dir, "GLOBAL", "[]", chan("g1", "a"));
    policy(dir, "EU", "[]", chan("eu1", "b"));
    policy(dir, "L", "[\"EU\"]", chan("l1", "c"));
    policy(dir, "R", "[\"EU\"]", chan("r1", "d"));
    policy(dir, "X", "[\"L\", \"R\"]", chan("x1", "e"));
    PolicySnapshot s = PolicyLoader.load(dir);
    assertThat(s.effectiveRules("X")).map(Rule::id).containsExactly("eu1", "g1", "l1", "r1", "x1");
    assertThat(s.inheritancePath("X", s.rule("eu1").orElseThrow())).containsExactly("X", "L", "EU");
    assertThat(s.inheritancePath("X", s.rule("g1").orElseThrow())).containsExactly("X", "GLOBAL");
    assertThat(s.inheritancePath("X", s.rule("x1").orElseThrow())).containsExactly("X");
    assertThat(s.effectiveRules("EU")).map(Rule::id).containsExactly("eu1", "g1");
    assertThatThrownBy(() -> s.inheritancePath("EU", s.rule("x1").orElseThrow()))
        .hasMessage("rule x1 is not effective in EU");
    assertThatThrownBy(() -> s.effectiveRules("ZZ")).hasMessage("unknown jurisdiction 'ZZ' (known: EU, GLOBAL, L, R, X)");
  }

  @Test
  void depthFiveChain() throws Exception {
    policy(dir, "J1", "[]", chan("j1", "v1"));
    for (int i = 2; i <= 5; i++) policy(dir, "J" + i, "[\"J" + (i - 1) + "\"]", chan("j" + i, "v" + i));
    PolicySnapshot s = PolicyLoader.load(dir);
    assertThat(s.effectiveRules("J5")).map(Rule::id).containsExactly("j1", "j2", "j3", "j4", "j5");
    assertThat(s.inheritancePath("J5", s.rule("j1").orElseThrow())).containsExactly("J5", "J4", "J3", "J2", "J1");
    assertThat(Active.at(s, "J5", Instant.EPOCH).byChannelId("v1")).map(Rule::id).containsExactly("j1");
    assertThat(Active.at(s, "J4", Instant.EPOCH).byChannelId("v5")).isEmpty();
  }

  @Test
  void datesAtBoundaries() throws Exception {
    policy(dir, "KZ", "[]",
        rule("d1", "channel", "\"values\": [\"a\"], \"effective_from\": \"2026-03-01\", \"expires\": \"2026-04-01T12:00:00+05:00\""),
        rule("d2", "channel", "\"values\": [\"a\"]"));
    PolicySnapshot s = PolicyLoader.load(dir);
    Rule d1 = s.rule("d1").orElseThrow();
    Instant from = Instant.parse("2026-03-01T00:00:00Z");
    Instant until = Instant.parse("2026-04-01T07:00:00Z");
    assertThat(d1.effectiveFrom()).contains(from);
    assertThat(d1.expires()).contains(until);
    assertThat(d1.activeAt(from.minusNanos(1))).isFalse();
    assertThat(d1.activeAt(from)).isTrue();
    assertThat(d1.activeAt(until.minusNanos(1))).isTrue();
    assertThat(d1.activeAt(until)).isFalse();
    assertThat(Active.at(s, "KZ", from.minusNanos(1)).byChannelId("a")).map(Rule::id).containsExactly("d2");
    assertThat(Active.at(s, "KZ", from).byChannelId("a")).map(Rule::id).containsExactly("d1", "d2");
    assertThat(Active.at(s, "KZ", until).byChannelId("a")).map(Rule::id).containsExactly("d2");
    assertThat(Active.at(s, "KZ", from.minusNanos(1)).ctx().epochStart()).isEqualTo(Instant.MIN);
    assertThat(Active.at(s, "KZ", until).ctx().epochStart()).isEqualTo(until);
    Active mid = Active.at(s, "KZ", from.plusSeconds(5));
    assertThat(mid.ctx().epochStart()).isEqualTo(from);
    assertThat(Active.at(s, "KZ", from.plusSeconds(99)).ctx()).isSameAs(mid.ctx());
    assertThat(Active.at(s, "KZ", until.minusNanos(1)).ctx()).isSameAs(mid.ctx());
    assertThat(Active.at(s, "KZ", until).ctx()).isNotSameAs(mid.ctx());
  }

  @Test
  void lookupsAreCanonicalAndRejectRulesApplyEverywhere() throws Exception {
    String hash = "AB".repeat(32);
    policy(dir, "GLOBAL", "[]",
        rule("g-rej", "media_hash", "\"values\": [\"" + hash + "\"], \"action\": \"reject\""),
        rule("g-dom", "domain", "\"values\": [\"XN--80AKHBYKNJ4F.example.\", \"Bet.Example:443\"]"));
    policy(dir, "KZ", "[]",
        rule("k-user", "username", "\"values\": [\"@Spice_Shop\"], \"mentions\": true"),
        rule("k-user2", "username", "\"values\": [\"other_name\"]"),
        rule("k-cls", "classifier", "\"flag\": \"fraud\", \"threshold\": 0.9, \"target\": \"post\""),
        rule("k-ph", "phrase", "\"values\": [\"Онлайн Казино\", \"luckyspin*\"]"),
        rule("k-rx", "regex", "\"values\": [\"bet[0-9]{3,}\"]"));
    PolicySnapshot s = PolicyLoader.load(dir);
    Active a = Active.at(s, "KZ", Instant.now());
    assertThat(a.domains()).containsExactlyInAnyOrder("испытание.example", "bet.example");
    assertThat(a.bySha256("ab".repeat(32))).map(Rule::id).containsExactly("g-rej");
    assertThat(a.rejectRules()).map(Rule::id).containsExactly("g-rej");
    assertThat(s.rejectRules()).map(Rule::id).containsExactly("g-rej");
    assertThat(Active.at(s, "GLOBAL", Instant.now()).rejectRules()).map(Rule::id).containsExactly("g-rej");
    assertThat(a.byUsername("spice_shop")).map(Rule::id).containsExactly("k-user");
    assertThat(a.byMentionedUsername("spice_shop")).map(Rule::id).containsExactly("k-user");
    assertThat(a.byMentionedUsername("other_name")).isEmpty();
    assertThat(a.classifierRules("fraud")).singleElement().satisfies(c -> {
      assertThat(c.matches(0.9)).isTrue();
      assertThat(c.matches(Math.nextDown(0.9))).isFalse();
      assertThat(c.target()).isEqualTo(Target.POST);
    });
    assertThat(a.phraseRules()).singleElement().extracting(PhraseRule::phrases)
        .isEqualTo(List.of("Онлайн Казино", "luckyspin*"));
    assertThat(a.regexRules()).map(Rule::id).containsExactly("k-rx");
    assertThat(a.ofType("username")).map(Rule::id).containsExactly("k-user", "k-user2");
    assertThat(Active.at(s, "GLOBAL", Instant.now()).byUsername("spice_shop")).isEmpty();
    assertThat(s.rule("nope")).isEqualTo(Optional.empty());
  }

  @Test
  void versionIgnoresFormattingKeyOrderAndFileOrderButNotContent() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path c = dir.resolve("c");
    write(a, "KZ.json", "{\"jurisdiction\": \"KZ\", \"rules\": [" + chan("k1", "x") + ", " + chan("k2", "y") + "]}");
    write(a, "GLOBAL.json", "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    write(b, "KZ.json", "{\n  \"rules\": [\n    {\"legal_basis\": \"b\", \"category\": \"c\", \"values\": [\"y\"], \"type\": \"channel\", \"id\": \"k2\"},\n"
        + "    {\"type\": \"channel\", \"values\": [\"x\", \"x\"], \"id\": \"k1\", \"category\": \"c\", \"legal_basis\": \"b\", \"action\": \"hide\", \"target\": \"both\"}\n  ],\n  \"jurisdiction\": \"KZ\"\n}\n");
    write(b, "GLOBAL.json", "{ \"rules\" : [ ] , \"jurisdiction\" : \"GLOBAL\" }");
    write(c, "KZ.json", "{\"jurisdiction\": \"KZ\", \"rules\": [" + chan("k1", "x") + ", " + chan("k2", "z") + "]}");
    PolicySnapshot sa = PolicyLoader.load(a);
    assertThat(sa.version()).matches("[0-9a-f]{64}");
    assertThat(PolicyLoader.load(b).version()).isEqualTo(sa.version());
    assertThat(PolicyLoader.load(c).version()).isNotEqualTo(sa.version());
    // Versions are stored (saved copies, cluster state): the canonical form must never drift.
    Path vectors = Path.of(PolicySnapshotTest.class.getResource("/vectors/blocklists").toURI());
    assertThat(PolicyLoader.load(vectors).version())
        .isEqualTo("4ee9fcbc2a09c5330d325b976f07b6963547e6715df66d6df185f7bcebcd5cef");
  }
}
