package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.filter.ImpactAnalysis.JurisdictionImpact;
import dev.lucenefilter.filter.ImpactAnalysis.Presence;
import dev.lucenefilter.filter.ImpactAnalysis.RuleImpact;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.IndexAudits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImpactAnalysis} of a change that adds or removes a jurisdiction: an added one hides what its rules hide
 * (its searches were refused before); a removed one unhides nothing, since its searches will be refused (fail
 * closed), and the report says which it is.
 */
class ImpactJurisdictionChangesTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path tmp;

  private PolicySnapshot policy(String name, String... codeAndPhrase) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (int i = 0; i < codeAndPhrase.length; i += 2) {
      String code = codeAndPhrase[i];
      Files.writeString(dir.resolve(code + ".json"), "{\"jurisdiction\": \"" + code + "\", \"rules\": [{\"id\": \"p-"
          + code + "\", \"type\": \"phrase\", \"values\": [\"" + codeAndPhrase[i + 1]
          + "\"], \"category\": \"c\", \"legal_basis\": \"b\"}]}");
    }
    return PolicyLoader.load(dir);
  }

  /** The impact over an index of four posts: a (казино), b (погода), c (снег), d (nothing any rule names). */
  private List<JurisdictionImpact> impact(PolicySnapshot from, PolicySnapshot to, List<String> codes,
      UnknownJurisdictions unknown) throws Exception {
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      index.add(Post.of("a", "c", "онлайн казино"));
      index.add(Post.of("b", "c", "погода"));
      index.add(Post.of("c", "c", "снег идёт"));
      index.add(Post.of("d", "c", "ничего"));
      return IndexAudits.impact(index, from, to, codes, NOW, ContentFilters.builtIn(), 5, unknown);
    }
  }

  @Test
  void addedAndRemovedJurisdictionsAreReportedAsSuch() throws Exception {
    PolicySnapshot from = policy("from", "KZ", "казино", "FR", "погода");
    PolicySnapshot to = policy("to", "KZ", "казино", "DE", "снег");
    assertThat(impact(from, to, List.of("DE", "FR", "GLOBAL", "KZ"), UnknownJurisdictions.ERROR)).containsExactly(
        new JurisdictionImpact("DE", Presence.ADDED, 1, 0, List.of(new RuleImpact("p-DE", 1, List.of("post:c"))),
            List.of()),
        // FR's searches fail closed after the change: "погода" does not become visible anywhere it was hidden.
        new JurisdictionImpact("FR", Presence.REMOVED, 0, 0, List.of(), List.of()),
        new JurisdictionImpact("GLOBAL", Presence.KEPT, 0, 0, List.of(), List.of()),
        new JurisdictionImpact("KZ", Presence.KEPT, 0, 0, List.of(), List.of()));
    assertThatThrownBy(() -> impact(from, to, List.of("UZ"), UnknownJurisdictions.ERROR))
        .isInstanceOf(UnknownJurisdictionException.class).hasMessageStartingWith("unknown jurisdiction 'UZ'");
  }

  @Test
  void whereUnknownJurisdictionsGetGlobalsRulesTheChangeIsCountedFromThatView() throws Exception {
    PolicySnapshot from = policy("from", "GLOBAL", "казино", "FR", "погода");
    PolicySnapshot to = policy("to", "GLOBAL", "казино", "DE", "снег");
    assertThat(impact(from, to, List.of("DE", "FR"), UnknownJurisdictions.GLOBAL_ONLY)).containsExactly(
        new JurisdictionImpact("DE", Presence.ADDED, 1, 0, List.of(new RuleImpact("p-DE", 1, List.of("post:c"))),
            List.of()),
        new JurisdictionImpact("FR", Presence.REMOVED, 0, 1, List.of(),
            List.of(new RuleImpact("p-FR", 1, List.of("post:b")))));
  }
}
