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

/** Scores and instants are read as decimal numbers and representable dates, or refused with their location. */
class RecordInputHardeningTest {
  @TempDir Path dir;

  private Path file(String... lines) throws IOException {
    Path f = dir.resolve("records.jsonl");
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return f;
  }

  private String postError(String line) throws IOException {
    Path f = file("{\"id\": \"ok\", \"channel_id\": \"c\"}", line);
    try (var r = RecordReader.posts(f, RecordReader.OnError.FAIL, null)) {
      assertThat(r.next().id()).isEqualTo("ok");
      r.next();
    } catch (RecordFormatException e) {
      return e.getMessage().substring(f.toString().length());
    }
    throw new AssertionError("no error for " + line);
  }

  private String channelError(String line) throws IOException {
    Path f = file(line);
    try (var r = RecordReader.channels(f, RecordReader.OnError.FAIL, null)) {
      r.next();
    } catch (RecordFormatException e) {
      return e.getMessage().substring(f.toString().length());
    }
    throw new AssertionError("no error for " + line);
  }

  @Test
  void negativeZeroScoreIsStoredAsZero() throws Exception {
    Post p = RecordJson.parsePost("x", "{\"id\": \"p\", \"channel_id\": \"c\", \"flags\": {\"spam\": -0.0, \"fraud\": -0}}");
    // Bit-exact: Double.equals tells -0.0 from 0.0.
    assertThat(p.flags()).containsEntry("spam", 0.0).containsEntry("fraud", 0.0);
    assertThat(Double.doubleToRawLongBits(p.flags().get("spam"))).isZero();
    assertThat(RecordJson.toJson(p)).contains("\"flags\":{\"fraud\":0.0,\"spam\":0.0}");
    Channel c = new Channel("c", "", "", "", "", 0, null, Map.of("spam", -0.0));
    assertThat(Double.doubleToRawLongBits(c.flags().get("spam"))).isZero();
    assertThat(Double.doubleToRawLongBits(Post.of("p", "c", "").withFlags(Map.of("s", -0.0)).flags().get("s"))).isZero();
  }

  @Test
  void nonFiniteScoresAreRefused() throws Exception {
    assertThat(postError("{\"id\": \"p\", \"channel_id\": \"c\", \"flags\": {\"spam\": 1e999}}"))
        .isEqualTo(":2: field 'flags.spam': expected a finite number in [0, 1], got 1e999");
    assertThat(postError("{\"id\": \"p\", \"channel_id\": \"c\", \"flags\": {\"spam\": -1e999}}"))
        .isEqualTo(":2: field 'flags.spam': expected a finite number in [0, 1], got -1e999");
    assertThat(postError("{\"id\": \"p\", \"channel_id\": \"c\", \"flags\": {\"spam\": NaN}}"))
        .startsWith(":2: invalid JSON at column 53: Non-standard token 'NaN'");
    assertThatThrownBy(() -> Post.of("p", "c", "").withFlags(Map.of("spam", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("flag 'spam': score is not a finite number: NaN");
    assertThatThrownBy(() -> new Channel("c", "", "", "", "", 0, null, Map.of("spam", Double.POSITIVE_INFINITY)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("flag 'spam': score is not a finite number: Infinity");
  }

  @Test
  void datesOutsideTheDocumentedRangeAreOneFieldError() throws Exception {
    assertThat(postError("{\"id\": \"p\", \"channel_id\": \"c\", \"date\": \"+999999999-12-31T23:59:59Z\"}"))
        .isEqualTo(":2: field 'date': outside years 0000 to 9999 (UTC): '+999999999-12-31T23:59:59Z'");
    assertThat(postError("{\"id\": \"p\", \"channel_id\": \"c\", \"date\": \"-999999999-01-01T00:00:00Z\"}"))
        .isEqualTo(":2: field 'date': outside years 0000 to 9999 (UTC): '-999999999-01-01T00:00:00Z'");
    assertThat(postError("{\"id\": \"p\", \"channel_id\": \"c\", \"date\": \"+10000-01-01T00:00:00Z\"}"))
        .isEqualTo(":2: field 'date': outside years 0000 to 9999 (UTC): '+10000-01-01T00:00:00Z'");
    assertThat(channelError("{\"id\": \"c\", \"created\": \"+999999999-12-31T23:59:59Z\"}"))
        .isEqualTo(":1: field 'created': outside years 0000 to 9999 (UTC): '+999999999-12-31T23:59:59Z'");
    assertThatThrownBy(() -> new Post("p", "c", "", "", Instant.MAX, 0, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("date +1000000000-12-31T23:59:59.999999999Z is outside years 0000 to 9999 (UTC)");
  }

  @Test
  void theRangeBoundsAreAccepted() throws Exception {
    Post first = RecordJson.parsePost("x", "{\"id\": \"p\", \"channel_id\": \"c\", \"date\": \"0000-01-01T00:00:00Z\"}");
    Post last = RecordJson.parsePost("x", "{\"id\": \"p\", \"channel_id\": \"c\", \"date\": \"9999-12-31T23:59:59.999999999Z\"}");
    assertThat(first.date()).isEqualTo(Dates.MIN);
    assertThat(last.date()).isEqualTo(Dates.MAX);
    // Both fit the epoch milliseconds the index stores.
    assertThat(first.date().toEpochMilli()).isEqualTo(-62167219200000L);
    assertThat(last.date().toEpochMilli()).isEqualTo(253402300799999L);
  }

  @Test
  void skipModeSkipsAnExtremeDateLikeAnyBadValue() throws Exception {
    Path f = file("{\"id\": \"a\", \"channel_id\": \"c\"}",
        "{\"id\": \"b\", \"channel_id\": \"c\", \"date\": \"+999999999-12-31T23:59:59Z\"}",
        "{\"id\": \"d\", \"channel_id\": \"c\"}");
    List<String> errors = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try (var r = RecordReader.posts(f, RecordReader.OnError.SKIP, e -> errors.add(e.getMessage()))) {
      for (Post p; (p = r.next()) != null; ) ids.add(p.id());
      assertThat(r.skipped()).isEqualTo(1);
    }
    assertThat(ids).containsExactly("a", "d");
    assertThat(errors).containsExactly(f + ":2: field 'date': outside years 0000 to 9999 (UTC): '+999999999-12-31T23:59:59Z'");
  }

  @Test
  void aByteOrderMarkStartingTheFileIsAccepted() throws Exception {
    Path f = dir.resolve("bom.jsonl");
    byte[] body = "{\"id\": \"a\", \"channel_id\": \"c\"}\n{\"id\": \"b\", \"channel_id\": \"c\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    Files.write(f, bytes);
    assertThat(RecordReader.readAllPosts(f)).extracting(Post::id).containsExactly("a", "b");
    // Only at the start of the file: elsewhere it is content, and not JSON.
    Files.writeString(f, "{\"id\": \"a\", \"channel_id\": \"c\"}\n\uFEFF{\"id\": \"b\", \"channel_id\": \"c\"}\n");
    assertThatThrownBy(() -> RecordReader.readAllPosts(f)).isInstanceOf(RecordFormatException.class)
        .hasMessageStartingWith(f + ":2: invalid JSON");
  }
}
