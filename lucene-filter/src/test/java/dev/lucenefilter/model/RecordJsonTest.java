package dev.lucenefilter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

  @Property(tries = 300)
  void postsRoundTripExactly(@ForAll("posts") Post p) throws RecordFormatException {
    assertThat(RecordJson.parsePost("t", RecordJson.toJson(p))).isEqualTo(p);
  }

  @Provide
  Arbitrary<Post> posts() {
    Arbitrary<String> id = Arbitraries.strings().ofMinLength(1).ofMaxLength(20).filter(s -> !s.isBlank());
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(200);
    Arbitrary<Double> score = Arbitraries.doubles().between(0, 1);
    Arbitrary<Map<String, Double>> flags = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10), score).ofMaxSize(5);
    Arbitrary<Long> count = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<Instant> date = Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L).map(Instant::ofEpochSecond);
    return Combinators.combine(id, id, text, date, count, flags)
        .as((i, c, t, d, v, f) -> new Post(i, c, "", t, d, v, List.of(t), List.of(), f));
  }
}
