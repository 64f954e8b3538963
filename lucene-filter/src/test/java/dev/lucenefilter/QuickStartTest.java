package dev.lucenefilter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchResult;
import dev.lucenefilter.search.SearchService;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.policy.PolicyRegistry;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's quick start, compiled and run; keep the block between the markers identical to README.md. */
class QuickStartTest {
  @Test
  void quickStart() throws Exception {
    Path dir = Files.createTempDirectory("quickstart");
    Path blocklists = Path.of("../blocklists"); // the sample policies of this repository
    // --- quick start ---
    try (ContentIndex index = ContentIndex.open(dir.resolve("index"));
        PolicyRegistry policies = PolicyRegistry.open(blocklists, dir.resolve("policy-state"))) {
      index.add(new Channel("ch-1", "news_almaty", "Новости Алматы", "Городские новости", "ru", 12000,
          Instant.parse("2021-03-01T00:00:00Z"), Map.of()));
      index.add(new Post("p-1", "ch-1", "news_almaty", "Сегодня в Алматы снег. Бүгін қар жауады.",
          Instant.parse("2026-06-01T12:00:00Z"), 384, List.of(), List.of(), Map.of("spam", 0.03)));
      index.add(new Post("p-2", "ch-1", "news_almaty", "Қар астында онлайн к а з и н о бонус",
          Instant.parse("2026-06-02T12:00:00Z"), 12, List.of(), List.of(), Map.of()));

      // Every request is filtered for its jurisdiction under the current policy; reloads warm before they swap.
      SearchService search = SearchService.builder(index)
          .visibility(PolicyVisibility.following(policies, index, new ExclusionCache(), Clock.systemUTC()))
          .build();
      SearchResult kz = search.search(SearchRequest.builder("KZ").query("қар").build());
      SearchResult de = search.search(SearchRequest.builder("DE").query("қар").build());
      System.out.println("KZ sees " + kz.totalHits() + ", DE sees " + de.totalHits() + ": " + kz.hits().get(0).snippet());
      // --- end ---
      assertThat(kz.totalHits()).isEqualTo(1); // p-2 is illegal gambling advertising in KZ
      assertThat(de.totalHits()).isEqualTo(2);
      assertThat(kz.hits().get(0).snippet()).contains("<b>қар</b>");
    }
  }

  @Test
  void readmeShowsExactlyThisCode() throws Exception {
    String test = Files.readString(Path.of("src/test/java/dev/lucenefilter/QuickStartTest.java"));
    String block = test.substring(test.indexOf("// --- quick start ---\n") + 23, test.indexOf("      // --- end ---"));
    String expected = block.lines().map(l -> l.startsWith("    ") ? l.substring(4) : l)
        .collect(java.util.stream.Collectors.joining("\n"));
    String readme = Files.readString(Path.of("../README.md"));
    String shown = readme.substring(readme.indexOf("```java\n") + 8, readme.indexOf("```", readme.indexOf("```java\n") + 8));
    assertThat(shown.stripTrailing()).isEqualTo(expected.stripTrailing());
  }
}
