package dev.lucenefilter.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a jurisdiction sees must not depend on what it may not see: prefix expansion and scores are the same with
 * and without hidden documents, and equal to those of an index that holds only the visible ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisibleStatisticsTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  /** KZ hides every record containing "hiddenmarker"; DE hides nothing. */
  static PolicySnapshot policy;

  @TempDir static Path tmp;
  private int indexes;

  @BeforeAll
  static void policy() throws Exception {
    Path dir = tmp.resolve("policy");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    Files.writeString(dir.resolve("DE.json"), "{\"jurisdiction\": \"DE\", \"inherits\": [\"GLOBAL\"], \"rules\": []}");
    Files.writeString(dir.resolve("KZ.json"), """
        {"jurisdiction": "KZ", "inherits": ["GLOBAL"], "rules": [
          {"id": "kz-marker", "type": "phrase", "values": ["hiddenmarker"], "category": "c", "legal_basis": "b"}
        ]}""");
    policy = PolicyLoader.load(dir);
  }

  static Post post(String id, String channel, String text, int day) {
    return new Post(id, channel, "", text, T0.plusSeconds(day * 86_400L), day, List.of(), List.of(), Map.of());
  }

  static Channel channel(String id, String title) {
    return new Channel(id, null, title, "", "ru", 1, T0, Map.of());
  }

  /**
   * An index of the visible records plus, for each of {@code hiddenTexts}, a post and a channel KZ may not see
   * (interleaved with the visible ones, so they share segments).
   */
  private ContentIndex index(List<Post> visible, List<Channel> visibleChannels, List<String> hiddenTexts)
      throws IOException {
    ContentIndex ix = ContentIndex.open(tmp.resolve("ix" + indexes++));
    int i = 0;
    for (Post p : visible) {
      ix.add(p);
      if (i < hiddenTexts.size()) ix.add(post("h" + i, "ch-h", "hiddenmarker " + hiddenTexts.get(i), i));
      if (i < hiddenTexts.size()) ix.add(channel("hc" + i, "hiddenmarker " + hiddenTexts.get(i)));
      i++;
    }
    for (; i < hiddenTexts.size(); i++) {
      ix.add(post("h" + i, "ch-h", "hiddenmarker " + hiddenTexts.get(i), i));
      ix.add(channel("hc" + i, "hiddenmarker " + hiddenTexts.get(i)));
    }
    for (Channel c : visibleChannels) ix.add(c);
    ix.commit();
    return ix;
  }

  private final Map<ContentIndex, SearchService> policyServices = new java.util.HashMap<>();
  private final Map<ContentIndex, SearchService> clauseServices = new java.util.HashMap<>();

  private SearchService policyService(ContentIndex ix) {
    return policyServices.computeIfAbsent(ix, VisibleStatisticsTest::newPolicyService);
  }

  private SearchService clauseOnlyService(ContentIndex ix) {
    return clauseServices.computeIfAbsent(ix, VisibleStatisticsTest::newClauseOnlyService);
  }

  private static SearchService newPolicyService(ContentIndex ix) {
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 16L << 20);
    return SearchService.builder(ix)
        .visibility(new PolicyVisibility(() -> policy, cache, Clock.fixed(T0, ZoneOffset.UTC))).build();
  }

  /** A filter without a reader view (FILTER clause only): the same guarantees must hold. */
  private static SearchService newClauseOnlyService(ContentIndex ix) {
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 16L << 20);
    PolicyVisibility pv = new PolicyVisibility(() -> policy, cache, Clock.fixed(T0, ZoneOffset.UTC));
    VisibilityFilter clauseOnly = pv::visible;
    return SearchService.builder(ix).visibility(clauseOnly).build();
  }

  /** Each hit as "id score", in order, with the page's total. */
  private static List<String> hits(SearchService s, String query, SearchRequest.Target target,
      SearchRequest.Order order) throws IOException {
    SearchResult r = s.search(SearchRequest.builder("KZ").query(query).target(target).order(order).pageSize(1000)
        .build());
    List<String> out = new java.util.ArrayList<>(r.hits().stream().map(h -> h.id() + " " + h.score()).toList());
    out.add("total " + r.totalHits());
    return out;
  }

  /** {@code prefix}{@code from}..{@code prefix}{@code to}, in texts of {@code perText} words. */
  private static List<String> words(String prefix, int from, int to, int perText) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder sb = new StringBuilder();
    for (int i = from; i <= to; i++) {
      sb.append(prefix).append(i).append(' ');
      if ((i - from + 1) % perText == 0 || i == to) {
        out.add(sb.toString().strip());
        sb.setLength(0);
      }
    }
    return out;
  }

  @Test
  void aPrefixExpandsOverVisibleWordsOnly() throws IOException {
    List<Post> visible = List.of(post("v1", "ch-ok", "jackpot tonight", 1), post("v2", "ch-ok", "weather", 2));
    List<Channel> visibleChannels = List.of(channel("vc", "jackpot club"));
    // jack1..jack200 sort before "jackpot": an expansion over the whole dictionary never reaches it.
    try (ContentIndex with = index(visible, visibleChannels, words("jack", 1, 200, 50));
        ContentIndex without = index(visible, visibleChannels, List.of())) {
      for (SearchRequest.Order order : SearchRequest.Order.values()) {
      for (SearchService s : List.of(policyService(with), clauseOnlyService(with))) {
        assertThat(hits(s, "jack*", SearchRequest.Target.POSTS, order)).first().asString().startsWith("v1 ");
        assertThat(hits(s, "jack*", SearchRequest.Target.POSTS, order)).hasSize(2).last().isEqualTo("total 1");
        assertThat(hits(s, "jack*", SearchRequest.Target.CHANNELS, order)).hasSize(2).first().asString()
            .startsWith("vc ");
        // A probe learns nothing: hits, scores and totals equal those of the index without hidden records.
        for (String probe : List.of("jack*", "jack1*", "ja*", "jack1", "jack* weather", "-jack* weather")) {
          for (SearchRequest.Target t : SearchRequest.Target.values()) {
            assertThat(hits(s, probe, t, order)).as(probe + " " + t)
                .isEqualTo(hits(policyService(without), probe, t, order));
          }
        }
      }
      }
    }
  }

  @Test
  void tooManyVisibleWordsAreRefusedWhateverIsHidden() throws IOException {
    List<Post> visible = new java.util.ArrayList<>();
    List<Channel> channels = new java.util.ArrayList<>();
    List<String> texts = words("word", 1, 129, 43);
    for (int i = 0; i < texts.size(); i++) {
      visible.add(post("v" + i, "ch-ok", texts.get(i), i));
      channels.add(channel("vc" + i, texts.get(i)));
    }
    List<Post> at128 = List.of(visible.get(0), visible.get(1),
        post("v2", "ch-ok", String.join(" ", words("word", 87, 128, 100)), 2));
    List<Channel> at128Channels = List.of(channels.get(0), channels.get(1),
        channel("vc2", String.join(" ", words("word", 87, 128, 100))));
    List<String> hidden = words("wordx", 1, 3, 1);
    try (ContentIndex over = index(visible, channels, hidden);
        ContentIndex atLimit = index(at128, at128Channels, hidden);
        ContentIndex atLimitAlone = index(at128, at128Channels, List.of())) {
      for (SearchRequest.Order order : SearchRequest.Order.values()) {
        for (SearchRequest.Target t : SearchRequest.Target.values()) {
          for (SearchService s : List.of(policyService(over), clauseOnlyService(over))) {
            assertThatThrownBy(() -> hits(s, "word*", t, order)).isInstanceOf(InvalidQueryException.class)
                .hasMessage("'word*' matches more than 128 words: use a longer prefix");
          }
          // 128 visible words plus hidden ones: allowed, and the same as without the hidden ones.
          assertThat(hits(policyService(atLimit), "word*", t, order)).hasSize(4)
              .isEqualTo(hits(policyService(atLimitAlone), "word*", t, order))
              .isEqualTo(hits(clauseOnlyService(atLimit), "word*", t, order));
        }
      }
    }
  }

  @Test
  void scoresAreThoseOfTheVisibleDocumentsAlone() throws IOException {
    List<Post> visible = List.of(
        post("a", "ch-ok", "weather in almaty", 1),
        post("b", "ch-ok", "rain rain and weather", 2),
        post("c", "ch-ok", "rain", 3),
        post("d", "ch-ok", "a long post about the weather and the rain and the snow in the mountains", 4));
    List<Channel> channels = List.of(channel("ca", "weather news"), channel("cb", "rain weather"));
    List<String> few = List.of("weather", "weather weather");
    List<String> many = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) many.add("weather report " + i + (i % 2 == 0 ? " rain" : ""));
    try (ContentIndex onlyVisible = index(visible, channels, List.of());
        ContentIndex withFew = index(visible, channels, few);
        ContentIndex withMany = index(visible, channels, many)) {
      for (SearchRequest.Order order : SearchRequest.Order.values()) {
      for (SearchRequest.Target t : SearchRequest.Target.values()) {
        for (String q : List.of("weather", "rain weather", "weather OR rain", "\"rain and\"", "wea*", "-snow rain")) {
          List<String> expected = hits(policyService(onlyVisible), q, t, order);
          if (t == SearchRequest.Target.POSTS) assertThat(expected).as(q).hasSizeGreaterThan(2);
          for (ContentIndex ix : List.of(withFew, withMany)) {
            assertThat(hits(policyService(ix), q, t, order)).as(q + " " + t).isEqualTo(expected);
            assertThat(hits(clauseOnlyService(ix), q, t, order)).as(q + " " + t + " (clause)").isEqualTo(expected);
          }
        }
      }
      }
    }
  }
}
