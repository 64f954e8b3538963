package dev.lucenefilter.search;

import static dev.lucenefilter.search.SearchServiceTest.HIDE_IN_KZ;
import static dev.lucenefilter.search.SearchServiceTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the fast search path must keep: the default total bound (Lucene's top-k bound, so a page stops counting at
 * 1,000 hits), only records of the target kind without a filter on the kind around the query, and snippets
 * highlighted from the hits' stored values loaded once.
 */
class SearchShapeTest {
  @TempDir Path dir;
  ContentIndex index;
  SearchService service;

  @BeforeEach
  void open() throws IOException {
    index = ContentIndex.open(dir.resolve("ix"));
    service = SearchService.builder(index).visibility(HIDE_IN_KZ).build();
  }

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  private List<String> ids(SearchRequest.Builder b) throws IOException {
    return service.search(b.pageSize(100).build()).hits().stream().map(Hit::id).sorted().toList();
  }

  @Test
  void totalsAreCountedUpToOneThousandByDefault() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 1_200; i++) jsonl.append(RecordJson.toJson(post("p" + i, "c", "слово " + i, i % 300, i))).append('\n');
    Path posts = Files.writeString(dir.resolve("posts.jsonl"), jsonl);
    index.index(posts, null, BulkOptions.defaults());
    SearchResult r = service.search(SearchRequest.builder("KZ").query("слово").build());
    assertThat(SearchRequest.DEFAULT_TRACK_TOTAL_HITS_UP_TO).isEqualTo(1_000);
    assertThat(r.totalHitsExact()).isFalse();
    assertThat(r.totalHits()).isEqualTo(1_000L);
    assertThat(r.totalHitsText()).isEqualTo("≥ " + r.totalHits());
    SearchResult all = service.search(SearchRequest.builder("KZ").query("слово").trackTotalHitsUpTo(1_200).build());
    assertThat(all.totalHitsExact()).isTrue();
    assertThat(all.totalHits()).isEqualTo(1_200);
  }

  @Test
  void usernameAndNegationOnlyQueriesReachOnlyTheTargetKind() throws IOException {
    index.add(new Channel("ch", "almaty_news", "Новости", "Снег в городе", "ru", 10, null, null));
    index.add(new Channel("ch2", "", "Погода", "Солнце", "ru", 5, null, null));
    index.add(new Post("p1", "ch", "almaty_news", "Снег идёт", SearchServiceTest.T0, 1, List.of(), List.of(), Map.of()));
    index.add(post("p2", "ch2", "Солнце светит", 2, 1));
    SearchRequest.Builder channels = SearchRequest.builder("KZ").target(SearchRequest.Target.CHANNELS);
    assertThat(ids(SearchRequest.builder("KZ").query("almaty_news"))).containsExactly("p1");
    assertThat(ids(channels.query("almaty_news"))).containsExactly("ch");
    assertThat(ids(SearchRequest.builder("KZ").query("-снег"))).containsExactly("p2");
    assertThat(ids(SearchRequest.builder("KZ").target(SearchRequest.Target.CHANNELS).query("-новости")))
        .containsExactly("ch2");
    assertThat(ids(SearchRequest.builder("KZ").query(""))).containsExactly("p1", "p2");
  }

  @Test
  void snippetsHighlightTheDisplayTextOfEveryHit() throws IOException {
    index.add(post("a", "c", "Сегодня в Алматы снег. Завтра солнце.", 1, 1));
    index.add(post("b", "c", "Алматы и Астана. Снег везде.", 2, 1));
    index.add(new Channel("ch-d", "", "Погода", "Снег в Алматы", "ru", 10, null, null));
    index.add(new Channel("ch-t", "", "Алматы сегодня", "", "ru", 5, null, null));
    SearchResult posts = service.search(SearchRequest.builder("KZ").query("алматы").order(SearchRequest.Order.DATE).build());
    assertThat(posts.hits()).extracting(Hit::snippet)
        .containsExactly("<b>Алматы</b> и Астана. ", "Сегодня в <b>Алматы</b> снег. ");
    SearchResult titles = service.search(SearchRequest.builder("KZ").query("алматы")
        .target(SearchRequest.Target.CHANNELS).order(SearchRequest.Order.VIEWS).build());
    assertThat(titles.hits()).extracting(Hit::snippet).containsExactly("<b>Алматы</b> сегодня");
  }
}
