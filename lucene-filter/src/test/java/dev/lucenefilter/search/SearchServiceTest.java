package dev.lucenefilter.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchServiceTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  ContentIndex index;
  SearchService service;

  /** Hides everything of channel ch-hidden in "KZ"; refuses codes other than KZ and FR. */
  static final VisibilityFilter HIDE_IN_KZ = (searcher, jurisdiction) -> switch (jurisdiction) {
    case "KZ" -> new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER)
        .add(new TermQuery(new Term(FilterFields.CHANNEL_ID, "ch-hidden")), Occur.MUST_NOT).build();
    case "FR" -> new MatchAllDocsQuery();
    default -> throw new IllegalArgumentException("unknown jurisdiction '" + jurisdiction + "'");
  };

  static Post post(String id, String channel, String text, int day, long views) {
    return new Post(id, channel, "", text, T0.plusSeconds(day * 86_400L), views, List.of(), List.of(), Map.of());
  }

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
    return service.search(b.build()).hits().stream().map(Hit::id).toList();
  }

  /** Every page of a request in turn, each asked for with the cursor the one before gave. */
  record Pages(List<List<Hit>> pages) {
    List<String> ids() { return pages.stream().flatMap(List::stream).map(Hit::id).toList(); }
  }

  /** Follows cursors from the first page ({@code page} gets the page number and the cursor, null first). */
  static Pages pageThrough(PageFetcher page) throws IOException {
    List<List<Hit>> pages = new ArrayList<>();
    String cursor = null;
    do {
      SearchResult r = page.fetch(pages.size(), cursor);
      pages.add(r.hits());
      cursor = r.nextCursor();
    } while (cursor != null);
    return new Pages(pages);
  }

  /** One page of a request. */
  interface PageFetcher {
    SearchResult fetch(int number, String cursor) throws IOException;
  }

  private SearchRequest.Builder kz(String query) {
    return SearchRequest.builder("KZ").query(query).pageSize(100);
  }

  @Test
  void russianKazakhAndEnglishWordsAreFound() throws IOException {
    index.add(post("ru", "c", "Погода в Алматы: снег и мороз", 1, 1));
    index.add(post("kk", "c", "Әже ғалым қала таң өзен ұлт үй һәм іні", 2, 1));
    index.add(post("kk-ru", "c", "аже галым кала тан озен улт уи хэм ини", 3, 1));
    index.add(post("en", "c", "Football MATCH in Astana", 4, 1));
    assertThat(ids(kz("погода"))).containsExactly("ru");
    assertThat(ids(kz("МОРОЗ"))).containsExactly("ru");
    assertThat(ids(kz("match"))).containsExactly("en");
    // ICU folding keeps some Kazakh letters (ә ө ұ ү һ і) and maps others to their Russian base (ғ қ ң), which
    // also finds Kazakh typed on a Russian keyboard; either way the Kazakh spelling finds the Kazakh post.
    List<String> folded = new ArrayList<>();
    for (String w : List.of("әже", "ғалым", "қала", "таң", "өзен", "ұлт", "үй", "һәм", "іні", "ҚАЛА")) {
      List<String> found = ids(kz(w));
      assertThat(found).as(w).contains("kk");
      if (found.size() > 1) folded.add(w);
    }
    assertThat(folded).containsExactly("ғалым", "қала", "таң", "ҚАЛА");
    assertThat(ids(kz("кала")).stream().sorted()).containsExactly("kk", "kk-ru");
    assertThat(ids(kz("озен"))).as("ө is not о").containsExactly("kk-ru");
    assertThat(ids(kz("\"Әже ғалым\""))).containsExactly("kk");
  }

  @Test
  void queryOperators() throws IOException {
    index.add(post("a", "c", "онлайн казино бонус", 1, 1));
    index.add(post("b", "c", "казино в городе", 2, 1));
    index.add(post("c", "c", "бонус за подписку", 3, 1));
    assertThat(ids(kz("казино")).stream().sorted()).containsExactly("a", "b");
    assertThat(ids(kz("казино бонус"))).containsExactly("a");
    assertThat(ids(kz("казино -бонус"))).containsExactly("b");
    assertThat(ids(kz("-казино"))).containsExactly("c");
    assertThat(ids(kz("городе OR подписку")).stream().sorted()).containsExactly("b", "c");
    assertThat(ids(kz("\"онлайн казино\""))).containsExactly("a");
    assertThat(ids(kz("\"казино онлайн\""))).isEmpty();
    assertThat(ids(kz("каз*")).stream().sorted()).containsExactly("a", "b");
    assertThat(ids(kz("field:value"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"*:*", "kind:channel", "id:a", "text:(казино)^5", "казино~2", "/ка.*/", "()", "^", "~"})
  void syntaxNeverReachesOtherFieldsOrOperators(String hostile) throws IOException {
    index.add(post("a", "c", "онлайн казино", 1, 1));
    index.add(Channel.of("ch-1", "channel_one"));
    assertThat(ids(kz(hostile))).isEmpty();
  }

  @Test
  void hostileQueriesAreRefused() throws IOException {
    assertRefused("*казино", "leading wildcards are not allowed: '*казино'");
    assertRefused("?asino", "leading wildcards are not allowed: '?asino'");
    assertRefused("к*", "a prefix needs one word of at least 2 letters before '*': 'к*'");
    assertRefused("x".repeat(1001), "query longer than 1000 characters (1001)");
    // characters are code points: a word of 1000 mathematical letters is 2000 UTF-16 units, and within the limit
    assertThat(service.search(kz("𝐚".repeat(1000)).build()).hits()).isEmpty();
    assertRefused("𝐚".repeat(1001), "query longer than 1000 characters (1001)");
    // a word that is also a username is two terms: text and username
    assertThat(service.search(kz("alpha ".repeat(32)).build()).hits()).isEmpty();
    assertRefused("alpha ".repeat(33), "query has more than 64 terms");
    assertRefused("w ".repeat(65), "query has more than 64 terms");
    assertRefused("a* bb* cc* dd* ee*", "a prefix needs one word of at least 2 letters before '*': 'a*'");
    assertRefused("ab* bb* cc* dd* ee*", "at most 4 prefix words (word*) per query");
  }

  private void assertRefused(String query, String message) {
    assertThatThrownBy(() -> service.search(kz(query).build()))
        .isInstanceOf(InvalidQueryException.class).hasMessage(message);
  }

  @Test
  void jurisdictionIsRequiredAndChecked() {
    assertThatThrownBy(() -> SearchRequest.builder(null).query("x").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("a jurisdiction is required: every search is filtered for one");
    assertThatThrownBy(() -> SearchRequest.builder(" ").build()).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> service.search(SearchRequest.builder("XX").build()))
        .isInstanceOf(InvalidRequestException.class).hasMessage("unknown jurisdiction 'XX'");
    assertThatThrownBy(() -> service.get(FilterFields.KIND_POST, "a", null)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> service.get(FilterFields.KIND_POST, "a", "XX")).hasMessage("unknown jurisdiction 'XX'");
    assertThatThrownBy(() -> SearchRequest.builder("KZ").pageSize(1001).build())
        .hasMessage("page size must be between 1 and 1000, not 1001");
  }

  @Test
  void visibilityAppliesToHitsCountsAndGet() throws IOException {
    index.add(post("shown", "ch-ok", "новости дня", 1, 1));
    index.add(post("hidden", "ch-hidden", "новости дня", 2, 1));
    index.add(Channel.of("ch-hidden", "hidden_chan"));
    SearchResult kz = service.search(kz("новости").build());
    assertThat(kz.totalHits()).isEqualTo(1);
    assertThat(kz.hits()).extracting(Hit::id).containsExactly("shown");
    assertThat(service.search(SearchRequest.builder("FR").query("новости").build()).totalHits()).isEqualTo(2);
    assertThat(service.get(FilterFields.KIND_POST, "hidden", "KZ")).isEmpty();
    assertThat(service.get(FilterFields.KIND_CHANNEL, "ch-hidden", "KZ")).isEmpty();
    assertThat(service.get(FilterFields.KIND_POST, "hidden", "FR")).get().satisfies(r -> {
      assertThat(r.post().text()).isEqualTo("новости дня");
      assertThat(r.channelId()).isEqualTo("ch-hidden");
    });
    assertThat(service.get(FilterFields.KIND_CHANNEL, "hidden", "FR")).as("kind matters").isEmpty();
    assertThat(service.search(SearchRequest.builder("KZ").target(SearchRequest.Target.CHANNELS).build())
        .totalHits()).isZero();
  }

  @Test
  void emptyQueryListsEverythingNewestFirst() throws IOException {
    index.add(post("old", "c", "a", 1, 100));
    index.add(post("new", "c", "b", 3, 1));
    index.add(post("mid", "c", "c", 2, 50));
    assertThat(ids(kz(""))).containsExactly("new", "mid", "old");
    assertThat(ids(kz("  ").order(SearchRequest.Order.VIEWS))).containsExactly("old", "mid", "new");
    assertThat(ids(kz("").dates(T0.plusSeconds(2 * 86_400L), T0.plusSeconds(3 * 86_400L)))).containsExactly("mid");
    assertThat(ids(kz("").channels(Set.of("other")))).isEmpty();
  }

  @Test
  void dateBoundsBetweenMillisecondsAndFarInstantsKeepTheirMeaning() throws IOException {
    Instant day2 = T0.plusSeconds(2 * 86_400L);
    index.add(post("at-day2", "c", "a", 2, 1));
    index.add(post("later", "c", "b", 3, 1));
    Instant halfAMillisecond = Instant.ofEpochSecond(0, 500_000);
    // [day2 + 0.5 ms, ...): the post at day2 exactly is before it.
    assertThat(ids(kz("").dates(day2.plusNanos(500_000), null))).containsExactly("later");
    // [..., day2 + 0.5 ms): the post at day2 exactly is before that bound.
    assertThat(ids(kz("").dates(null, day2.plusNanos(500_000)))).containsExactly("at-day2");
    assertThat(ids(kz("").dates(null, day2))).isEmpty();
    assertThat(ids(kz("").dates(Instant.MIN, Instant.MAX))).containsExactly("later", "at-day2");
    assertThat(ids(kz("").dates(Instant.MAX.minusSeconds(1), null))).isEmpty();
    assertThat(ids(kz("").dates(null, Instant.MIN.plusSeconds(1)))).isEmpty();
    assertThat(ids(kz("").dates(halfAMillisecond.minusNanos(1_000_000), halfAMillisecond))).isEmpty();
  }

  @Test
  void eachRequestAsksForItsFilterOnceAndUsesOnlyThat() throws IOException {
    index.add(post("shown", "c", "слово", 1, 1));
    index.add(post("hidden", "ch-hidden", "слово", 2, 1));
    AtomicInteger pinned = new AtomicInteger();
    // A filter whose answer flips at every call: a request that asked it twice could mix two answers.
    VisibilityFilter flipping = new VisibilityFilter() {
      @Override
      public Query visible(IndexSearcher searcher, String jurisdiction) {
        throw new AssertionError("a request must use the filter it pinned");
      }

      @Override
      public VisibilityFilter forOneRequest() {
        return pinned.incrementAndGet() % 2 == 1 ? HIDE_IN_KZ : VisibilityFilter.unfiltered();
      }
    };
    SearchService flips = SearchService.builder(index).visibility(flipping).build();
    for (SearchRequest.Order order : SearchRequest.Order.values()) {
      assertThat(flips.search(kz("слово").order(order).build()).hits()).extracting(Hit::id).containsExactly("shown");
      assertThat(flips.search(kz("слово").order(order).build()).hits()).hasSize(2);
    }
    assertThat(flips.get("post", "hidden", "KZ")).isEmpty();
    assertThat(pinned.get()).isEqualTo(2 * SearchRequest.Order.values().length + 1);
  }

  @Test
  void exactTitleMatchRanksFirst() throws IOException {
    index.add(new Channel("ch-desc", "", "Городской канал", "Погода Алматы и погода Астаны каждый день", "ru", 10, null, null));
    index.add(new Channel("ch-title", "", "Погода Алматы", "Новости", "ru", 5, null, null));
    index.add(new Channel("ch-long", "", "Погода Алматы Астаны Шымкента Караганды и всего Казахстана", "", "ru", 50, null, null));
    SearchResult r = service.search(kz("погода алматы").target(SearchRequest.Target.CHANNELS).build());
    assertThat(r.hits()).extracting(Hit::id).containsExactly("ch-title", "ch-long");
    assertThat(r.hits().get(0).kind()).isEqualTo(FilterFields.KIND_CHANNEL);
  }

  @Test
  void highlightsMarkTheMatches() throws IOException {
    index.add(post("a", "c", "Сегодня в Алматы снег. Завтра солнце.", 1, 1));
    Hit h = service.search(kz("алматы").build()).hits().get(0);
    assertThat(h.snippet()).contains("<b>Алматы</b>");
    assertThat(service.search(kz("алматы").highlight(false).build()).hits().get(0).snippet())
        .isEqualTo("Сегодня в Алматы снег. Завтра солнце.");
  }

  @ParameterizedTest
  @EnumSource(SearchRequest.Order.class)
  void totalIsALowerBoundPastTheTrackingBoundAndPagingStillReachesEveryHit(SearchRequest.Order order)
      throws IOException {
    for (int i = 0; i < 57; i++) index.add(post("p-" + i, "c", "слово " + (i % 3 == 0 ? "слово" : ""), i % 5, i % 4));
    SearchResult exact = service.search(kz("слово").order(order).pageSize(7).build());
    assertThat(exact.totalHits()).isEqualTo(57);
    assertThat(exact.totalHitsExact()).isTrue();
    assertThat(exact.totalHitsText()).isEqualTo("57");
    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      SearchResult r = service.search(kz("слово").order(order).pageSize(7).trackTotalHitsUpTo(10).cursor(cursor).build());
      assertThat(r.totalHitsExact()).isFalse();
      // The bound itself: how far past it the collector counted depends on what its skipping let through.
      assertThat(r.totalHits()).isEqualTo(10L);
      assertThat(r.totalHitsText()).isEqualTo("≥ " + r.totalHits());
      r.hits().forEach(h -> paged.add(h.id()));
      cursor = r.nextCursor();
    } while (cursor != null);
    assertThat(paged).isEqualTo(ids(kz("слово").order(order).pageSize(1000)));
    SearchResult all = service.search(kz("слово").order(order).pageSize(7).trackTotalHitsUpTo(57).build());
    assertThat(all.totalHits()).isEqualTo(57);
    assertThat(all.totalHitsExact()).isTrue();
    assertThatThrownBy(() -> kz("слово").trackTotalHitsUpTo(-1).build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("trackTotalHitsUpTo must not be negative, not -1");
  }

  @ParameterizedTest
  @EnumSource(SearchRequest.Order.class)
  void pagesHaveNoDuplicatesOrGaps(SearchRequest.Order order) throws IOException {
    for (int i = 0; i < 57; i++) index.add(post("p-" + i, "c", "слово " + (i % 3 == 0 ? "слово" : ""), i % 5, i % 4));
    List<String> all = ids(kz("слово").order(order).pageSize(1000));
    assertThat(all).hasSize(57).doesNotHaveDuplicates();
    Pages paged = pageThrough((n, cursor) -> {
      SearchResult r = service.search(kz("слово").order(order).pageSize(7).cursor(cursor).build());
      assertThat(r.totalHits()).isEqualTo(57);
      return r;
    });
    assertThat(paged.pages()).hasSize(9);
    assertThat(paged.ids()).isEqualTo(all);
  }

  /** Channels page like posts: the cursor carries the channel's own key, not a post's with the same id. */
  @ParameterizedTest
  @EnumSource(SearchRequest.Order.class)
  void pagesOfChannelsHaveNoDuplicatesOrGaps(SearchRequest.Order order) throws IOException {
    for (int i = 0; i < 23; i++) {
      index.add(new Channel("c-" + i, "", "новости " + (i % 3 == 0 ? "новости" : ""), "", "ru", i % 4,
          T0.plusSeconds(i % 5 * 86_400L), Map.of()));
      // A post with the same id as each channel: a key made of the id alone would resume at the post.
      index.add(post("c-" + i, "c-" + i, "новости", i % 5, i % 4));
    }
    SearchRequest.Builder channels = kz("новости").target(SearchRequest.Target.CHANNELS).order(order);
    List<String> all = ids(channels.pageSize(1000));
    assertThat(all).hasSize(23).doesNotHaveDuplicates();
    Pages paged = pageThrough((n, cursor) -> service.search(channels.pageSize(5).cursor(cursor).build()));
    assertThat(paged.pages()).hasSize(5);
    assertThat(paged.ids()).isEqualTo(all);
    assertThat(paged.pages()).allSatisfy(page -> assertThat(page).extracting(Hit::kind).containsOnly("channel"));
  }

  @ParameterizedTest
  @EnumSource(value = SearchRequest.Order.class, names = {"DATE", "VIEWS"})
  void pagingIsStableWhileDocumentsAreAdded(SearchRequest.Order order) throws IOException {
    for (int i = 0; i < 40; i++) index.add(post("p-" + i, "c", "", i % 7, i % 3));
    Set<String> original = new HashSet<>(ids(kz("").order(order).pageSize(1000)));
    List<String> paged = new ArrayList<>();
    String cursor = null;
    int added = 0;
    do {
      SearchResult r = service.search(kz("").order(order).pageSize(6).cursor(cursor).build());
      r.hits().forEach(h -> paged.add(h.id()));
      cursor = r.nextCursor();
      index.add(post("new-" + added++, "c", "", 100, 1_000_000)); // sorts before every cursor position
    } while (cursor != null);
    assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(original);
  }

  @Test
  void cursorsBelongToTheirRequest() throws IOException {
    for (int i = 0; i < 5; i++) index.add(post("p-" + i, "c", "слово", i, i));
    String cursor = service.search(kz("слово").pageSize(2).build()).nextCursor();
    assertThat(cursor).isNotNull();
    assertThatThrownBy(() -> service.search(kz("другое").cursor(cursor).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("the cursor belongs to another query; start again without a cursor");
    assertThatThrownBy(() -> service.search(kz("слово").cursor("garbage!").build())).hasMessage("invalid cursor");
  }

  @Test
  void resultWindowIsBounded() throws IOException {
    SearchService small = SearchService.builder(index).visibility(HIDE_IN_KZ).maxResultWindow(4).build();
    for (int i = 0; i < 10; i++) index.add(post("p-" + i, "c", "слово", i, i));
    SearchResult first = small.search(kz("слово").pageSize(3).build());
    assertThatThrownBy(() -> small.search(kz("слово").pageSize(3).cursor(first.nextCursor()).build()))
        .hasMessage("result window exceeded: at most 4 hits per query");
  }

  static Comparator<Hit> byId() { return Comparator.comparing(Hit::id); }
}
