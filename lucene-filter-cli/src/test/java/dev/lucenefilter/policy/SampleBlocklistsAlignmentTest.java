package dev.lucenefilter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.corpus.SampleTargets;
import dev.lucenefilter.text.TextNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code blocklists/} load, and every SampleTargets entity is blocked in at least one jurisdiction, so
 * the demo shows jurisdictions differing. Also loads the shared vectors and the contract-smoke policy.
 */
class SampleBlocklistsAlignmentTest {
  static Path shipped() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("blocklists")) && Files.isDirectory(p.resolve("lucene-filter"))) return p.resolve("blocklists");
    }
    throw new AssertionError("no blocklists/ above " + Path.of("").toAbsolutePath());
  }

  private static final PolicySnapshot S = load();

  private static PolicySnapshot load() {
    try {
      return PolicyLoader.load(shipped());
    } catch (PolicyValidationException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  private static boolean somewhere(Predicate<Active> blocked) {
    return S.jurisdictions().stream().anyMatch(code -> blocked.test(Active.at(S, code, Instant.now())));
  }

  @Test
  void shippedDirectoryLoadsWithHundredsOfRules() {
    assertThat(S.jurisdictions()).containsExactly("DE", "EU", "FR", "GLOBAL", "KZ", "RU", "UZ");
    assertThat(S.allRules()).hasSizeGreaterThan(300);
    assertThat(S.jurisdiction("FR").inherits()).containsExactly("EU");
    assertThat(S.rejectRules()).singleElement().isInstanceOfSatisfying(MediaHashRule.class,
        r -> assertThat(r.sha256()).containsExactly(SampleTargets.REJECTED_MEDIA));
    for (String type : RuleTypes.standard().names()) {
      assertThat(S.allRules()).as(type).anyMatch(r -> r.type().equals(type));
    }
    Instant now = Instant.now();
    assertThat(S.allRules()).anyMatch(r -> r.effectiveFrom().filter(now::isBefore).isPresent());
    assertThat(S.allRules()).anyMatch(r -> r.expires().filter(e -> !now.isBefore(e)).isPresent());
  }

  @Test
  void everySampleTargetIsBlockedSomewhereAndJurisdictionsDiffer() {
    for (SampleTargets.TargetChannel c : SampleTargets.CHANNELS) {
      assertThat(somewhere(a -> !a.byChannelId(c.id()).isEmpty())).as(c.id()).isTrue();
    }
    for (SampleTargets.TargetDomain d : SampleTargets.DOMAINS) {
      assertThat(somewhere(a -> !a.byDomain(d.domain()).isEmpty())).as(d.domain()).isTrue();
    }
    for (String u : SampleTargets.MENTIONED_USERNAMES) {
      assertThat(somewhere(a -> !a.byMentionedUsername(u).isEmpty())).as(u).isTrue();
    }
    for (SampleTargets.TargetMedia m : SampleTargets.MEDIA) {
      assertThat(somewhere(a -> !a.bySha256(m.sha256()).isEmpty())).as(m.sha256()).isTrue();
    }
    TextNormalizer n = TextNormalizer.standard();
    for (SampleTargets.TargetPhrase p : SampleTargets.PHRASES) {
      if (p.phrase().equals("закладки")) continue; // an ordinary word ("bookmarks"): listed only in longer phrases
      assertThat(somewhere(a -> a.phraseRules().stream().flatMap(r -> r.phrases().stream())
          .anyMatch(v -> n.fold(v).equals(n.fold(p.phrase()))))).as(p.phrase()).isTrue();
    }
    Instant now = Instant.now();
    assertThat(Active.at(S, "KZ", now).byChannelId("t-gamb-01")).isNotEmpty();
    assertThat(Active.at(S, "FR", now).byChannelId("t-gamb-01")).isEmpty();
    assertThat(Active.at(S, "FR", now).byChannelId("t-pir-01")).isNotEmpty();
    assertThat(Active.at(S, "DE", now).byChannelId("t-fake-01")).isNotEmpty();
    assertThat(Active.at(S, "DE", now).byChannelId("t-ext-01")).map(Rule::id).containsExactly("eu-terror-001");
    assertThat(Active.at(S, "KZ", now).byDomain("wallet-drain.example")).map(Rule::id).containsExactly("global-phish-001");
  }

  @Test
  void noShippedPhraseIsASingleOrdinaryWord() {
    List<String> singleWords = S.allRules().stream().filter(r -> r instanceof PhraseRule)
        .flatMap(r -> ((PhraseRule) r).phrases().stream()).filter(p -> !p.contains(" ")).toList();
    assertThat(singleWords).containsExactly("luckyspin*");
  }

  @Test
  void schemaNamesTheSameRuleTypesAndFieldsAsTheLoader() throws Exception {
    var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(shipped().resolve("schema/policy.schema.json").toFile());
    var rule = schema.at("/$defs/rule/properties");
    List<String> types = new java.util.ArrayList<>();
    rule.at("/type/enum").forEach(t -> types.add(t.asText()));
    assertThat(types).containsExactlyInAnyOrderElementsOf(RuleTypes.standard().names());
    java.util.Set<String> fields = new java.util.TreeSet<>(PolicyLoader.COMMON_FIELDS);
    fields.addAll(RuleTypes.standard().allFields());
    List<String> schemaFields = new java.util.ArrayList<>();
    rule.fieldNames().forEachRemaining(schemaFields::add);
    assertThat(schemaFields).containsExactlyInAnyOrderElementsOf(fields);
    List<String> top = new java.util.ArrayList<>();
    schema.at("/properties").fieldNames().forEachRemaining(top::add);
    assertThat(top).containsExactlyInAnyOrderElementsOf(PolicyLoader.TOP_FIELDS);
  }

  @Test
  void sharedVectorsAndSmokePolicyLoad() throws Exception {
    Path vectors = Path.of("../lucene-filter/src/test/resources/vectors/blocklists");
    PolicySnapshot v = PolicyLoader.load(vectors);
    assertThat(v.jurisdictions()).containsExactly("DE", "EU", "GLOBAL", "KZ");
    assertThat(v.effectiveRules("DE")).map(Rule::id).containsExactly("v-de-phrase", "v-eu-phrase", "v-g-dom", "v-g-reject");
    assertThat(Active.at(v, "KZ", Instant.parse("2026-06-01T00:00:00Z")).rules()).map(Rule::id).doesNotContain("v-kz-later");
    assertThat(PolicyLoader.load(Path.of("../lucene-filter/src/test/resources/contract-smoke/policy")).allRules()).hasSize(3);
  }
}
