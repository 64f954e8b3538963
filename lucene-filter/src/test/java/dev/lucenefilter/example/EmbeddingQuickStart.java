package dev.lucenefilter.example;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.RejectionLog;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.IndexTimeHook;
import dev.lucenefilter.index.PolicyIndexHook;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyRegistry;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchResult;
import dev.lucenefilter.search.SearchService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

public class EmbeddingQuickStart {
  public static void main(String[] args) throws Exception {
    System.out.println(run(Path.of(args[0]), Path.of(args[1])));
  }

  /** Indexes three records under the policies in {@code blocklists} and searches from KZ and DE. */
  public static String run(Path work, Path blocklists) throws Exception {
    Clock clock = Clock.systemUTC();
    // Opened in this order, closed in reverse: the index first, then the registry (stops watching), then the log.
    try (RejectionLog rejections = RejectionLog.append(work.resolve("rejections.jsonl"));
        PolicyRegistry policies = PolicyRegistry.open(blocklists, work.resolve("policy-state"));
        ContentIndex index = ContentIndex.open(work.resolve("index"),
            // The index-time hook: GLOBAL's reject rules keep records out of the index altogether.
            new PolicyIndexHook(policies::current, ContentFilters.load(), clock, rejections))) {
      policies.watch(); // an edited blocklist applies within a second; a broken one is refused and logged

      index.add(new Channel("ch-1", "news_almaty", "Новости Алматы", "Городские новости", "ru", 12000,
          Instant.parse("2021-03-01T00:00:00Z"), Map.of()));
      index.add(new Post("p-1", "ch-1", "news_almaty", "Сегодня в Алматы снег. Бүгін қар жауады.",
          Instant.parse("2026-06-01T12:00:00Z"), 384, List.of(), List.of(), Map.of("spam", 0.03)));
      index.add(new Post("p-2", "ch-1", "news_almaty", "Қар астында онлайн к а з и н о бонус",
          Instant.parse("2026-06-02T12:00:00Z"), 12, List.of(), List.of(), Map.of()));
      IndexTimeHook.Verdict p3 = index.add(new Post("p-3", "ch-1", "news_almaty", "қар", Instant.parse("2026-06-03T12:00:00Z"),
          1, List.of(), List.of("aa8930065363f5ce6d95ffb512b2b53abf77faa07eb5366c7c7b5e0a9c58b148"), Map.of()));

      // Every request is filtered for its jurisdiction under the current policy; a reload warms before it swaps.
      SearchService search = SearchService.builder(index)
          .visibility(PolicyVisibility.following(policies, index, new ExclusionCache(), clock))
          .build();
      SearchResult kz = search.search(SearchRequest.builder("KZ").query("қар").build());
      SearchResult de = search.search(SearchRequest.builder("DE").query("қар").build());
      return "KZ sees " + kz.totalHits() + ", DE sees " + de.totalHits() + "; p-3: " + p3
          + "; KZ's first hit: " + kz.hits().get(0).snippet();
    }
  }
}
