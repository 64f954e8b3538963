package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.text.LinkExtractor;
import dev.lucenefilter.text.TextNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel's title and description are read once and shared by its posts ({@link RecordView}): the shared words,
 * domains and phrase matches must equal a fresh reading, and a channel record whose texts changed must never be
 * judged by the old ones.
 */
class ChannelTextReuseTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path tmp;

  private DecisionEngine engine(String name, String rules) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    Files.writeString(dir.resolve("KZ.json"), "{\"jurisdiction\": \"KZ\", \"rules\": [" + rules + "]}");
    return DecisionEngine.create(PolicyLoader.load(dir));
  }

  private static Channel channel(String title, String description) {
    return new Channel("c-1", "", title, description, "", 0, Instant.EPOCH, Map.of());
  }

  private static List<String> hiders(DecisionEngine e, Post p, Channel c) {
    Decision d = e.decide(p, c, "KZ", NOW);
    List<String> out = new ArrayList<>(d.rules());
    out.add(0, d.outcome().name());
    return out;
  }

  @Test
  void sharedChannelTextEqualsAFreshReading() {
    // new String: equal texts in other objects, as a reader produces for every record it parses
    Channel a = channel("Казино бонус 777", "Играй на kazino-777.example и t.me/spin_bot. Казино!");
    Channel b = channel(new String(a.title()), new String(a.description()));
    for (Channel c : List.of(a, b, a)) {
      RecordView v = RecordView.post(Post.of("p", "c-1", "текст"), c);
      assertThat(v.titleTokens().toString()).isEqualTo(TextNormalizer.standard().tokenize(c.title()).toString());
      assertThat(v.descriptionTokens().toString()).isEqualTo(TextNormalizer.standard().tokenize(c.description()).toString());
      Set<String> domains = new LinkedHashSet<>(LinkExtractor.extract(c.title(), List.of()).domains());
      domains.addAll(LinkExtractor.extract(c.description(), List.of()).domains());
      assertThat(v.channelDomains()).containsExactlyInAnyOrderElementsOf(domains).containsExactlyInAnyOrder("kazino-777.example", "t.me");
      assertThat(v.channelDomainSuffixes()).containsExactlyInAnyOrder("kazino-777.example", "example", "t.me", "me");
    }
  }

  @Test
  void postsOfOneChannelGetTheDecisionsOfFreshRecords() throws Exception {
    DecisionEngine e = engine("p", """
        {"id": "ph", "type": "phrase", "values": ["казино бонус"], "target": "channel", "category": "c", "legal_basis": "b"},
        {"id": "dom", "type": "domain", "values": ["kazino-777.example"], "category": "c", "legal_basis": "b"},
        {"id": "post-ph", "type": "phrase", "values": ["free spins"], "category": "c", "legal_basis": "b"}""");
    Channel c = channel("Казино бонус 777", "Играй на kazino-777.example");
    List<List<String>> first = new ArrayList<>();
    List<Post> posts = List.of(Post.of("p1", "c-1", "hello"), Post.of("p2", "c-1", "free spins today"),
        Post.of("p3", "c-1", "see kazino-777.example"));
    for (Post p : posts) first.add(hiders(e, p, c));
    assertThat(first).containsExactly(List.of("HIDE", "dom", "ph"), List.of("HIDE", "dom", "ph", "post-ph"),
        List.of("HIDE", "dom", "ph"));
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < posts.size(); i++) {
        Channel fresh = channel(new String(c.title()), new String(c.description()));
        assertThat(hiders(e, posts.get(i), round % 2 == 0 ? c : fresh)).isEqualTo(first.get(i));
        assertThat(e.decide(posts.get(i), c, "KZ", NOW)).isEqualTo(e.decide(posts.get(i), fresh, "KZ", NOW));
      }
    }
  }

  @Test
  void anEditedChannelIsNeverJudgedByItsOldTexts() throws Exception {
    DecisionEngine e = engine("e", """
        {"id": "ph", "type": "phrase", "values": ["казино бонус"], "category": "c", "legal_basis": "b"},
        {"id": "dom", "type": "domain", "values": ["kazino-777.example"], "category": "c", "legal_basis": "b"}""");
    Post p = Post.of("p1", "c-1", "hello");
    Channel before = channel("Казино бонус 777", "Играй на kazino-777.example");
    Channel retitled = channel("Новости 777", "Играй на kazino-777.example");
    Channel cleaned = channel("Новости 777", "Играй на другом сайте");
    for (int round = 0; round < 2; round++) {
      assertThat(hiders(e, p, before)).containsExactly("HIDE", "dom", "ph");
      assertThat(hiders(e, p, retitled)).containsExactly("HIDE", "dom");
      assertThat(hiders(e, p, cleaned)).containsExactly("KEEP");
      assertThat(hiders(e, p, null)).containsExactly("KEEP");
    }
  }

  @Test
  void twoPoliciesOnOneChannelEachGetTheirOwnPhraseMatches() throws Exception {
    DecisionEngine one = engine("one", """
        {"id": "a", "type": "phrase", "values": ["казино"], "category": "c", "legal_basis": "b"}""");
    DecisionEngine two = engine("two", """
        {"id": "b", "type": "phrase", "values": ["бонус 777"], "category": "c", "legal_basis": "b"}""");
    Channel c = channel("Казино бонус 777", "");
    Post p = Post.of("p1", "c-1", "hello");
    for (int round = 0; round < 3; round++) {
      assertThat(hiders(one, p, c)).containsExactly("HIDE", "a");
      assertThat(hiders(two, p, c)).containsExactly("HIDE", "b");
      assertThat(one.decide(p, c, "KZ", NOW).matches()).extracting(RuleMatch::evidence)
          .containsExactly("words 'Казино' at 0-6 in channel title");
    }
  }

  @Test
  void theTokenizerAndTheLinkExtractorFoldOneTextOnceButNeverServeAnother() {
    String a = "Скидки на SHOP.example сегодня";
    String b = "Ничего здесь нет";
    String aTokens = TextNormalizer.standard().tokenize(a).toString();
    String bTokens = TextNormalizer.standard().tokenize(b).toString();
    assertThat(bTokens).startsWith("Tokens[").endsWith("@2-3]").isNotEqualTo(aTokens);
    for (int round = 0; round < 2; round++) {
      assertThat(LinkExtractor.extract(a, List.of()).domains()).containsExactly("shop.example");
      assertThat(TextNormalizer.standard().tokenize(a).toString()).isEqualTo(aTokens);
      assertThat(LinkExtractor.extract(b, List.of("https://other.example/a")).domains()).containsExactly("other.example");
      assertThat(TextNormalizer.standard().tokenize(b).toString()).isEqualTo(bTokens);
      assertThat(LinkExtractor.extract(new String(a), List.of()).domains()).containsExactly("shop.example");
    }
  }

  @Test
  void aSwitchOfJurisdictionOrInstantIsDecidedInItsOwnContext() throws Exception {
    DecisionEngine e = engine("j", """
        {"id": "ph", "type": "phrase", "values": ["hello"], "category": "c", "legal_basis": "b",
         "effective_from": "2026-01-01T00:00:00Z"}""");
    Post p = Post.of("p1", "c-1", "hello");
    for (int round = 0; round < 2; round++) {
      assertThat(e.decide(p, null, "KZ", NOW).rules()).containsExactly("ph");
      assertThat(e.decide(p, null, "KZ", Instant.parse("2025-06-01T00:00:00Z")).rules()).isEmpty();
      assertThat(e.decide(p, null, "GLOBAL", NOW).rules()).isEmpty();
      org.junit.jupiter.api.Assertions.assertThrows(UnknownJurisdictionException.class, () -> e.decide(p, null, "XX", NOW));
    }
  }
}
