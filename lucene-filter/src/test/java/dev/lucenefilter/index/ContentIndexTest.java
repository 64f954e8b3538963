package dev.lucenefilter.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.StoredRecord;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordJson;
import dev.lucenefilter.model.RecordReader.OnError;
import dev.lucenefilter.text.TextNormalizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentIndexTest {
  @TempDir Path dir;

  static final String HASH = "AB".repeat(32);

  static Post post(String id, String channel, String text) {
    return new Post(id, channel, "news_almaty", text, Instant.parse("2026-06-01T12:00:00Z"), 10,
        List.of("https://Sub.Lucky-Win.example/a"), List.of(HASH), Map.of("fraud", 0.9, "spam", 0.1));
  }

  private static long count(ContentIndex ix, Query q) throws IOException {
    try (var lease = ix.acquireUnfiltered()) {
      return lease.searcher().count(q);
    }
  }

  /** The normalizer's form of one word: what the nwords field holds. */
  static String nword(String word) {
    var tokens = TextNormalizer.standard().tokenize(word);
    assertThat(tokens.size()).isEqualTo(1);
    return tokens.form(0);
  }

  private static Query term(String field, String value) {
    return new TermQuery(new Term(field, value));
  }

  private Path jsonl(String name, List<String> lines) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, lines);
    return f;
  }

  @Test
  void extractionFieldsAreIndexed() throws IOException {
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      ix.add(post("p-1", "ch-1", "Онлайн к а з и н о! пишите @Casino_Promo_Bot или t.me/other_user, bet-pobeda[.]example"));
      ix.add(new Channel("ch-1", "news_almaty", "Новости Алматы", "Сайт: news.example.kz", "ru", 1200,
          Instant.parse("2021-03-01T00:00:00Z"), Map.of("fake_account", 0.12)));
      assertThat(count(ix, term(FilterFields.KIND, FilterFields.KIND_POST))).isEqualTo(1);
      assertThat(count(ix, term(FilterFields.CHANNEL_ID, "ch-1"))).as("channel and its post").isEqualTo(2);
      assertThat(count(ix, term(FilterFields.USERNAME, "news_almaty"))).isEqualTo(2);
      for (String d : List.of("sub.lucky-win.example", "lucky-win.example", "example", "bet-pobeda.example")) {
        assertThat(count(ix, term(FilterFields.DOMAIN, d))).as(d).isEqualTo(1);
      }
      assertThat(count(ix, term(FilterFields.DOMAIN, "win.example"))).isZero();
      assertThat(count(ix, term(FilterFields.DOMAIN, "news.example.kz"))).isEqualTo(1);
      assertThat(count(ix, term(FilterFields.MENTION, "casino_promo_bot"))).isEqualTo(1);
      assertThat(count(ix, term(FilterFields.MENTION, "other_user"))).isEqualTo(1);
      assertThat(count(ix, term(FilterFields.MEDIA, HASH.toLowerCase()))).isEqualTo(1);
      assertThat(count(ix, new PhraseQuery(FilterFields.NWORDS, nword("онлайн"), nword("казино")))).as("normalized words").isEqualTo(1);
      assertThat(count(ix, DoubleField.newExactQuery(FilterFields.flag("fraud"), 0.9))).isEqualTo(1);
      assertThat(count(ix, DoubleField.newRangeQuery(FilterFields.flag("fraud"), 0.9, 1.0))).isEqualTo(1);
      assertThat(count(ix, DoubleField.newRangeQuery(FilterFields.flag("fake_account"), 0.12, 0.12))).isEqualTo(1);
      assertThat(count(ix, LongField.newExactQuery(Fields.SUBSCRIBERS, 1200))).isEqualTo(1);
      assertThat(count(ix, LongField.newExactQuery(Fields.DATE, Instant.parse("2026-06-01T12:00:00Z").toEpochMilli()))).isEqualTo(1);
    }
  }

  @Test
  void channelTitleAndDescriptionDoNotFormOnePhrase() throws IOException {
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      ix.add(new Channel("ch-1", "", "онлайн", "казино", "", 0, null, null));
      assertThat(count(ix, new PhraseQuery(FilterFields.NWORDS, nword("онлайн"), nword("казино")))).isZero();
      assertThat(count(ix, term(FilterFields.NWORDS, nword("казино")))).isEqualTo(1);
      assertThat(count(ix, term(FilterFields.NWORDS, nword("онлайн")))).isEqualTo(1);
    }
  }

  /** {@code p} written, the index closed and opened again, and the stored record of its id read back. */
  private StoredRecord storedAndReopened(Post p) throws IOException {
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      ix.add(p);
    }
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix")); var lease = ix.acquireUnfiltered()) {
      var s = lease.searcher();
      int doc = s.search(term(Fields.UID, "post:" + p.id()), 1).scoreDocs[0].doc;
      return StoredRecord.of(s.storedFields().document(doc));
    }
  }

  @Test
  void storedSourceRebuildsTheRecord() throws IOException {
    Post p = post("p-1", "ch-1", "текст");
    StoredRecord r = storedAndReopened(p);
    assertThat(r.post()).isEqualTo(p);
    assertThat(r.channelId()).isEqualTo("ch-1");
  }

  @Test
  void aPostWithoutAChannelIsStoredAndRebuilt() throws IOException {
    Post p = post("p-2", "", "текст без канала");
    StoredRecord r = storedAndReopened(p);
    assertThat(r.post()).isEqualTo(p);
    assertThat(r.channelId()).isEmpty();
  }

  @Test
  void updateReplacesAndDeleteRemoves() throws IOException {
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      ix.add(post("p-1", "ch-1", "первый"));
      ix.add(post("p-1", "ch-1", "второй"));
      assertThat(ix.stats().posts()).isEqualTo(1);
      assertThat(count(ix, term(FilterFields.TEXT, "второи"))).as("ICU folding drops the breve").isEqualTo(1);
      assertThat(count(ix, term(FilterFields.TEXT, "первыи"))).isZero();
      ix.add(Channel.of("p-1", "same_id_other_kind"));
      assertThat(ix.stats()).extracting(IndexStats::posts, IndexStats::channels).containsExactly(1L, 1L);
      ix.delete(FilterFields.KIND_POST, "p-1");
      assertThat(ix.stats()).extracting(IndexStats::posts, IndexStats::channels).containsExactly(0L, 1L);
    }
  }

  @Test
  void reindexingTheSameFileIsIdempotent() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 50; i++) lines.add(RecordJson.toJson(post("p-" + i, "ch-" + (i % 3), "слово " + i)));
    Path posts = jsonl("posts.jsonl", lines);
    Path channels = jsonl("channels.jsonl", List.of(RecordJson.toJson(Channel.of("ch-0", "chan_zero"))));
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      IndexReport first = ix.index(posts, channels, BulkOptions.defaults());
      IndexReport second = ix.index(posts, channels, BulkOptions.defaults());
      assertThat(first.posts()).isEqualTo(50);
      assertThat(second.posts()).isEqualTo(50);
      assertThat(ix.stats()).extracting(IndexStats::posts, IndexStats::channels).containsExactly(50L, 1L);
      assertThat(count(ix, term(FilterFields.TEXT, "слово"))).isEqualTo(50);
    }
  }

  @Test
  void aMalformedLineFailsTheRunAndChangesNothing() throws Exception {
    Path good = jsonl("good.jsonl", List.of(RecordJson.toJson(post("p-1", "ch-1", "старый текст"))));
    List<String> lines = new ArrayList<>();
    for (int i = 2; i < 30; i++) lines.add(RecordJson.toJson(post("p-" + i, "ch-1", "новый текст")));
    lines.add(RecordJson.toJson(post("p-1", "ch-1", "замена")));
    lines.add("{\"id\": \"p-99\", \"channel_id\": \"ch-1\", \"views\": -5}");
    Path bad = jsonl("bad.jsonl", lines);
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      ix.index(good, null, BulkOptions.defaults());
      ix.add(Channel.of("ch-1", "single_write"));
      IndexStats before = ix.stats();
      assertThatThrownBy(() -> ix.index(bad, null, BulkOptions.defaults()))
          .isInstanceOf(RecordFormatException.class)
          .hasMessage(bad + ":30: field 'views': must not be negative, got -5");
      // Counts and segments as before; the byte size may differ by the commit of the earlier single write.
      assertThat(ix.stats()).usingRecursiveComparison().ignoringFields("bytes").isEqualTo(before);
      assertThat(count(ix, term(FilterFields.TEXT, "старыи"))).isEqualTo(1);
      assertThat(count(ix, term(FilterFields.TEXT, "новыи"))).isZero();
      assertThat(count(ix, term(FilterFields.TEXT, "замена"))).isZero();
      ix.add(post("p-2", "ch-1", "после"));
      assertThat(ix.stats().posts()).as("the index stays usable").isEqualTo(2);
    }
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      assertThat(ix.stats()).extracting(IndexStats::posts, IndexStats::channels).containsExactly(2L, 1L);
    }
  }

  @Test
  void skipModeSkipsAndCounts() throws Exception {
    Path f = jsonl("posts.jsonl", List.of(RecordJson.toJson(post("p-1", "c", "a")), "{oops",
        RecordJson.toJson(post("p-2", "c", "b"))));
    List<String> skipped = new ArrayList<>();
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      IndexReport r = ix.index(f, null, BulkOptions.builder().onError(OnError.SKIP)
          .onSkipped(e -> skipped.add(e.getMessage())).build());
      assertThat(r.posts()).isEqualTo(2);
      assertThat(r.skipped()).isEqualTo(1);
      assertThat(skipped).singleElement().asString().startsWith(f + ":2: invalid JSON");
      assertThat(ix.stats().posts()).isEqualTo(2);
    }
  }

  @Test
  void hookRejectsAndTags() throws Exception {
    IndexTimeHook hook = new IndexTimeHook() {
      @Override
      public Verdict inspect(Post post) {
        return post.text().contains("плохо") ? Verdict.reject(List.of("g-1")) : Verdict.admit(List.of("seen"));
      }

      @Override
      public Verdict inspect(Channel channel) { return Verdict.admit(); }
    };
    Path f = jsonl("posts.jsonl", List.of(RecordJson.toJson(post("p-1", "c", "хорошо")),
        RecordJson.toJson(post("p-2", "c", "плохо"))));
    List<String> rejected = new ArrayList<>();
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"), hook)) {
      IndexReport r = ix.index(f, null,
          BulkOptions.builder().onRejected((k, id, rules) -> rejected.add(k + " " + id + " " + rules)).build());
      assertThat(r.posts()).isEqualTo(1);
      assertThat(r.rejected()).isEqualTo(1);
      assertThat(rejected).containsExactly("post p-2 [g-1]");
      assertThat(count(ix, term(FilterFields.TAG, "seen"))).isEqualTo(1);
      assertThat(ix.add(post("p-3", "c", "плохо"))).isInstanceOf(IndexTimeHook.Reject.class);
      assertThat(ix.stats().posts()).isEqualTo(1);
    }
  }

  @Test
  void aFailingHookRollsBackTheRun() throws Exception {
    IndexTimeHook hook = new IndexTimeHook() {
      @Override
      public Verdict inspect(Post post) {
        if (post.id().equals("p-3")) throw new IllegalStateException("policy engine down");
        return Verdict.admit();
      }

      @Override
      public Verdict inspect(Channel channel) { return Verdict.admit(); }
    };
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 5; i++) lines.add(RecordJson.toJson(post("p-" + i, "c", "x")));
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"), hook)) {
      assertThatThrownBy(() -> ix.index(jsonl("p.jsonl", lines), null, BulkOptions.defaults()))
          .hasMessage("policy engine down");
      assertThat(ix.stats().posts()).isZero();
    }
  }

  @Test
  void progressIsReported() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 25_000; i++) lines.add("{\"id\":\"p-" + i + "\",\"channel_id\":\"c\",\"text\":\"w\"}");
    List<Long> seen = new ArrayList<>();
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      ix.index(jsonl("p.jsonl", lines), null, BulkOptions.builder().progress((n, rate) -> seen.add(n)).build());
    }
    assertThat(seen).containsExactly(10_000L, 20_000L, 25_000L);
  }
}
