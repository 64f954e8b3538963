package dev.lucenefilter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordReaderTest {
  @TempDir Path dir;

  private static final String HASH = "ab".repeat(32);

  private Path file(String... lines) throws IOException {
    Path f = dir.resolve("posts.jsonl");
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return f;
  }

  private String failure(String line) throws IOException {
    Path f = file("{\"id\": \"ok\", \"channel_id\": \"c\"}", line);
    try (var r = RecordReader.posts(f, RecordReader.OnError.FAIL, null)) {
      assertThat(r.next().id()).isEqualTo("ok");
      r.next();
    } catch (RecordFormatException e) {
      assertThat(e.file()).isEqualTo(f.toString());
      assertThat(e.line()).isEqualTo(2);
      return e.getMessage().substring(f.toString().length());
    }
    throw new AssertionError("no error for " + line);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"channel_id\": \"c\"}|:2: field 'id': required field is missing",
      "{\"id\": \"p\", \"channel_id\": \" \"}|:2: field 'channel_id': must not be empty",
      "{\"id\": \"p\", \"channel_id\": 7}|:2: field 'channel_id': expected a string, got the number 7",
      "{\"id\": 5, \"channel_id\": \"c\"}|:2: field 'id': expected a string, got the number 5",
      "{\"id\": \" \", \"channel_id\": \"c\"}|:2: field 'id': must not be empty",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"views\": \"many\"}|:2: field 'views': expected a whole number, got the string 'many'",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"views\": -1}|:2: field 'views': must not be negative, got -1",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"text\": []}|:2: field 'text': expected a string, got an array",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"flags\": {\"fraud\": 1.5}}|:2: field 'flags.fraud': expected a number in [0, 1], got 1.5",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"flags\": {\"fraud\": -0.1}}|:2: field 'flags.fraud': expected a number in [0, 1], got -0.1",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"flags\": {\"fraud\": \"high\"}}|:2: field 'flags.fraud': expected a number in [0, 1], got the string 'high'",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"date\": \"yesterday\"}|:2: field 'date': not an ISO-8601 instant (like 2026-06-01T12:00:00Z): 'yesterday'",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"date\": 17}|:2: field 'date': expected an ISO-8601 instant string, got the number 17",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"media_sha256\": [\"abc\"]}|:2: field 'media_sha256[0]': expected 64 hex characters (SHA-256), got 'abc'",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"links\": [1]}|:2: field 'links[0]': expected a string, got the number 1",
      "{\"id\": null, \"channel_id\": \"c\"}|:2: field 'id': expected a string, got null",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"views\": true}|:2: field 'views': expected a whole number, got true",
      "{\"id\": \"p\", \"id\": \"q\", \"channel_id\": \"c\"}|:2: field 'id': field appears twice",
      "[1, 2]|:2: expected a JSON object",
      "{\"id\": \"p\\uD800\", \"channel_id\": \"c\"}|:2: field 'id': holds an unpaired surrogate \\uD800 at character 2",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"text\": \"ok \\uDC00\"}|:2: field 'text': holds an unpaired surrogate \\uDC00 at character 4",
      "{\"id\": \"p\", \"channel_id\": \"c\", \"links\": [\"x\\uD83D\"]}|:2: field 'links[0]': holds an unpaired surrogate \\uD83D at character 2",
  })
  void everyMalformedLineNamesFileLineAndField(String line, String expected) throws IOException {
    assertThat(failure(line)).isEqualTo(expected);
  }

  @Test
  void badJsonNamesTheColumn() throws IOException {
    assertThat(failure("{\"id\": \"p\", ")).startsWith(":2: invalid JSON at column ");
    assertThat(failure("not json")).startsWith(":2: invalid JSON at column ");
  }

  @Test
  void tooLongFieldsAreErrorsNotTruncations() throws IOException {
    String text = "x".repeat(RecordLimits.MAX_TEXT_CHARS + 1);
    assertThat(failure("{\"id\": \"p\", \"channel_id\": \"c\", \"text\": \"" + text + "\"}"))
        .isEqualTo(":2: field 'text': longer than 100000 characters");
    String line = "{\"id\": \"p\", \"channel_id\": \"c\", \"x\": \"" + "y".repeat(RecordLimits.MAX_LINE_CHARS) + "\"}";
    assertThat(failure(line)).isEqualTo(":2: line longer than 1048576 characters");
  }

  @Test
  void skipModeCountsAndReportsEveryBadLine() throws IOException, RecordFormatException {
    Path f = file("{\"id\": \"a\", \"channel_id\": \"c\"}", "{bad", "", "{\"id\": \"b\", \"channel_id\": \"\"}", "{\"id\": \"c\", \"channel_id\": \"c\"}");
    List<RecordFormatException> errors = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try (var r = RecordReader.posts(f, RecordReader.OnError.SKIP, errors::add)) {
      for (Post p; (p = r.next()) != null; ) ids.add(p.id());
      assertThat(r.skipped()).isEqualTo(2);
    }
    assertThat(ids).containsExactly("a", "c");
    assertThat(errors).extracting(RecordFormatException::line).containsExactly(2L, 4L);
    assertThat(errors.get(1).field()).isEqualTo("channel_id");
  }

  @Test
  void badUtf8IsAnErrorOfItsOwnLineAndCanBeSkipped() throws Exception {
    Path f = dir.resolve("bytes.jsonl");
    byte[] ok = "{\"id\": \"a\", \"channel_id\": \"c\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"id\": \"b\", \"channel_id\": \"c\", \"text\": \"\u0431\u0430\u0434".getBytes(StandardCharsets.UTF_8);
    byte[] rest = "\"}\r\n{\"id\": \"c\", \"channel_id\": \"c\", \"text\": \"\u0434\u0430\"}\n".getBytes(StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(f)) {
      for (int i = 0; i < 3_000; i++) out.write(ok); // more than one read-ahead buffer before the bad line
      out.write(bad);
      out.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // a lead byte without its continuation
      out.write(rest);
    }
    List<RecordFormatException> errors = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try (var r = RecordReader.posts(f, RecordReader.OnError.SKIP, errors::add)) {
      for (Post p; (p = r.next()) != null; ) ids.add(p.id());
    }
    assertThat(ids).hasSize(3_001).endsWith("a", "c");
    assertThat(errors).extracting(RecordFormatException::getMessage)
        .containsExactly(f + ":3001: not valid UTF-8 (byte " + (bad.length + 1) + " of the line)");
    assertThatThrownBy(() -> RecordReader.readAllPosts(f)).hasMessage(errors.get(0).getMessage());
  }

  @Test
  void unknownFieldsAreIgnoredAndDefaultsApply() throws Exception {
    Path f = file("{\"id\": \"p\", \"channel_id\": \"c\", \"extra\": {\"deep\": [1, 2, {\"x\": null}]}, \"lang\": \"kk\"}");
    Post p = RecordReader.readAllPosts(f).get(0);
    assertThat(p).isEqualTo(new Post("p", "c", "", "", Instant.EPOCH, 0, List.of(), List.of(), Map.of()));
  }

  /** Only the id is required: a post without {@code channel_id} (or with null) belongs to no channel. */
  @Test
  void aPostWithoutAChannelIsRead() throws Exception {
    Path f = file("{\"id\": \"p\", \"text\": \"hi\"}", "{\"id\": \"q\", \"channel_id\": null}");
    List<Post> posts = RecordReader.readAllPosts(f);
    assertThat(posts).extracting(Post::id, Post::channelId).containsExactly(
        org.assertj.core.groups.Tuple.tuple("p", ""), org.assertj.core.groups.Tuple.tuple("q", ""));
    assertThat(RecordJson.toJson(posts.get(0))).doesNotContain("channel_id");
    assertThat(RecordJson.parsePost("src", RecordJson.toJson(posts.get(0)))).isEqualTo(posts.get(0));
  }

  /** White space around a username and format characters in it do not make another name (or hide it from rules). */
  @Test
  void usernamesAreCanonical() throws Exception {
    Path f = file("{\"id\": \"p-1\", \"channel_id\": \"ch-1\", \"channel_username\": \" \\u00A0@Spice\\u200B_Shop\\t\","
        + " \"text\": \"x\", \"date\": \"2026-06-01T12:00:00Z\"}");
    assertThat(RecordReader.readAllPosts(f).get(0).channelUsername()).isEqualTo("spice_shop");
    assertThat(new Channel("c", "@News_Almaty ", "", "", "", 0, null, Map.of()).username()).isEqualTo("news_almaty");
  }

  @Test
  void fullPostIsReadExactly() throws Exception {
    Path f = file("{\"id\": \"p-1\", \"channel_id\": \"ch-1\", \"channel_username\": \"@News_Almaty\", \"text\": \"Қала\","
        + " \"date\": \"2026-06-01T12:00:00Z\", \"views\": 384, \"links\": [\"https://example.org/a\"],"
        + " \"media_sha256\": [\"" + HASH.toUpperCase() + "\"], \"flags\": {\"fraud\": 0.9}}");
    Post p = RecordReader.readAllPosts(f).get(0);
    assertThat(p).isEqualTo(new Post("p-1", "ch-1", "news_almaty", "Қала", Instant.parse("2026-06-01T12:00:00Z"),
        384, List.of("https://example.org/a"), List.of(HASH), Map.of("fraud", 0.9)));
  }

  @Test
  void channelsHaveTheirOwnFields() throws Exception {
    Path f = dir.resolve("channels.jsonl");
    Files.writeString(f, "{\"id\": \"ch-1\", \"username\": \"news_almaty\", \"subscribers\": 12000}\n{\"username\": \"x\"}\n");
    try (var r = RecordReader.channels(f, RecordReader.OnError.FAIL, null)) {
      assertThat(r.next()).isEqualTo(new Channel("ch-1", "news_almaty", "", "", "", 12000, Instant.EPOCH, Map.of()));
      assertThatThrownBy(r::next).isInstanceOf(RecordFormatException.class)
          .hasMessage(f + ":2: field 'id': required field is missing");
    }
  }
}
