package dev.lucenefilter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

  @Test
  void postUsesContractFieldNamesOnOneLine() {
    Post p = new Post("p-1", "ch-1", "news", "line1\nline2 «кавычки» ә", Instant.parse("2026-06-01T12:00:00Z"), 7,
        List.of("https://a.example"), List.of("0".repeat(64)), Map.of("spam", 0.9, "fraud", 0.1));
    assertThat(RecordJson.toJson(p)).isEqualTo("{\"id\":\"p-1\",\"channel_id\":\"ch-1\",\"channel_username\":\"news\","
        + "\"text\":\"line1\\nline2 «кавычки» ә\",\"date\":\"2026-06-01T12:00:00Z\",\"views\":7,"
        + "\"links\":[\"https://a.example\"],\"media_sha256\":[\"" + "0".repeat(64) + "\"],"
        + "\"flags\":{\"fraud\":0.1,\"spam\":0.9}}");
  }

  @Test
  void channelUsesContractFieldNames() {
    Channel c = new Channel("ch-1", "news_almaty", "Новости", "d", "ru", 12, Instant.parse("2021-03-01T00:00:00Z"),
        Map.of("fake_account", 0.12));
    assertThat(RecordJson.toJson(c)).isEqualTo("{\"id\":\"ch-1\",\"username\":\"news_almaty\",\"title\":\"Новости\","
        + "\"description\":\"d\",\"language\":\"ru\",\"subscribers\":12,\"created\":\"2021-03-01T00:00:00Z\","
        + "\"flags\":{\"fake_account\":0.12}}");
  }

  @Test
  void parseAppliesTheReadersValidation() {
    assertThatThrownBy(() -> RecordJson.parsePost("src", "{\"id\": \"p\", \"channel_id\": \"c\", \"flags\": {\"x\": 2}}"))
        .isInstanceOf(RecordFormatException.class)
        .hasMessage("src:1: field 'flags.x': expected a number in [0, 1], got 2");
    assertThatThrownBy(() -> RecordJson.parseChannel("src", "{}"))
        .hasMessage("src:1: field 'id': required field is missing");
  }

  @Test
  void lineWriterWritesOneRecordPerLine() throws Exception {
    StringWriter out = new StringWriter();
    try (var w = RecordJson.lineWriter(out)) {
      w.write(Post.of("a", "c", "x\ny"));
      w.write(Channel.of("c", "name1"));
    }
    String[] lines = out.toString().split("\n", -1);
    assertThat(lines).hasSize(3);
    assertThat(lines[2]).isEmpty();
    assertThat(RecordJson.parsePost("l1", lines[0])).isEqualTo(Post.of("a", "c", "x\ny"));
    assertThat(RecordJson.parseChannel("l2", lines[1])).isEqualTo(Channel.of("c", "name1"));
  }

  @Test
  void postsRoundTripExactly() throws RecordFormatException {
    int tries = Boolean.getBoolean("lucenefilter.long") ? 20_000 : 500;
    for (long seed = 1; seed <= tries; seed++) {
      Post p = randomPost(new Random(seed));
      assertThat(RecordJson.parsePost("t", RecordJson.toJson(p))).as("seed %d", seed).isEqualTo(p);
    }
  }

  /** Any UTF-16 text (lone surrogates excluded: they are not UTF-8), any counts, dates and flags. */
  static Post randomPost(Random r) {
    Map<String, Double> flags = new HashMap<>();
    for (int i = r.nextInt(6); i > 0; i--) flags.put(alpha(r, 1 + r.nextInt(10)), r.nextInt(4) == 0 ? r.nextInt(2) : r.nextDouble());
    String text = text(r, r.nextInt(200));
    return new Post(id(r), id(r), "", text, Instant.ofEpochSecond(r.nextLong(-10_000_000_000L, 10_000_000_000L)),
        r.nextLong(0, Long.MAX_VALUE), List.of(text), List.of(), flags);
  }

  private static String id(Random r) {
    String s;
    do { s = text(r, 1 + r.nextInt(20)); } while (s.isBlank());
    return s;
  }

  private static String alpha(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append((char) ('a' + r.nextInt(26)));
    return sb.toString();
  }

  private static String text(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < n) {
      int cp = switch (r.nextInt(4)) {
        case 0 -> r.nextInt(0x80);                  // ASCII, controls included
        case 1 -> 0x400 + r.nextInt(0x100);         // Cyrillic
        case 2 -> 0x1F300 + r.nextInt(0x300);       // emoji (surrogate pairs)
        default -> r.nextInt(0xD800);               // the rest of the BMP below surrogates
      };
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }
}
