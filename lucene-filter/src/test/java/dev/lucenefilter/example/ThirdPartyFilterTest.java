package dev.lucenefilter.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.filter.ContentFilter;
import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.Decision;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ContentFilter written outside the library's packages works at query time and in decisions alike. */
class ThirdPartyFilterTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void hidesAtQueryTimeAndDecidesTheSame(@TempDir Path tmp) throws Exception {
    Path policy = Files.createDirectories(tmp.resolve("policy"));
    Files.writeString(policy.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    Files.writeString(policy.resolve("XE.json"), "{\"jurisdiction\": \"XE\", \"rules\": []}");
    Files.writeString(policy.resolve("YE.json"), "{\"jurisdiction\": \"YE\", \"rules\": []}");
    PolicySnapshot snapshot = PolicyLoader.load(policy);
    MinimumScoreFilter custom = new MinimumScoreFilter("XE", "fraud", 0.8);
    List<ContentFilter> all = new ArrayList<>(ContentFilters.builtIn().all());
    all.add(custom);
    ContentFilters filters = ContentFilters.of(all);
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      for (int i = 0; i < 10; i++) {
        index.add(new Post("p" + i, "c1", "", "hello world", NOW, 1, List.of(), List.of(), Map.of("fraud", i / 10.0)));
      }
      SearchService search = SearchService.builder(index).visibility(new PolicyVisibility(() -> snapshot,
          new ExclusionCache(filters, UnknownJurisdictions.ERROR, 1 << 20), Clock.fixed(NOW, ZoneOffset.UTC))).build();
      assertThat(ids(search, "XE")).containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7");
      assertThat(ids(search, "YE")).hasSize(10);
    }
    DecisionEngine engine = DecisionEngine.create(snapshot, filters, UnknownJurisdictions.ERROR);
    Post risky = Post.of("p9", "c1", "x").withFlags(Map.of("fraud", 0.9));
    Decision d = engine.decide(risky, null, "XE", NOW);
    assertThat(d.outcome().label() + " " + d.rules()).isEqualTo("hide [custom:fraud>=0.8]");
    assertThat(engine.decide(risky, null, "YE", NOW).visible()).isTrue();
  }

  private static List<String> ids(SearchService search, String jurisdiction) throws Exception {
    return search.search(SearchRequest.builder(jurisdiction).query("").pageSize(100).build()).hits().stream()
        .map(h -> h.id()).toList();
  }
}
