package dev.lucenefilter.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordReader.OnError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bulk run refuses extreme dates like any bad value, and counts the records it stored, not the lines. */
class BulkInputHardeningTest {
  @TempDir Path dir;

  private static final String FAR = "{\"id\": \"p-far\", \"channel_id\": \"c\", \"date\": \"+999999999-12-31T23:59:59Z\"}";

  private Path jsonl(String name, String... lines) throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private static String post(String id, String text) {
    return "{\"id\": \"" + id + "\", \"channel_id\": \"c\", \"text\": \"" + text + "\"}";
  }

  @Test
  void anExtremeDateFailsTheRunWithItsLineAndChangesNothing() throws Exception {
    Path f = jsonl("posts.jsonl", post("p-1", "a"), FAR);
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      assertThatThrownBy(() -> ix.index(f, null, BulkOptions.defaults()))
          .isInstanceOf(RecordFormatException.class)
          .hasMessage(f + ":2: field 'date': outside years 0000 to 9999 (UTC): '+999999999-12-31T23:59:59Z'");
      assertThat(ix.stats().posts()).isZero();
    }
  }

  @Test
  void anExtremeDateIsSkippedUnderSkip() throws Exception {
    Path f = jsonl("posts.jsonl", post("p-1", "a"), FAR, post("p-2", "b"));
    Path c = jsonl("channels.jsonl", "{\"id\": \"c\", \"created\": \"-999999999-01-01T00:00:00Z\"}");
    List<String> skipped = new ArrayList<>();
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      IndexReport r = ix.index(f, c, BulkOptions.builder().onError(OnError.SKIP).onSkipped(e -> skipped.add(e.getMessage())).build());
      assertThat(r.posts()).isEqualTo(2);
      assertThat(r.channels()).isZero();
      assertThat(r.skipped()).isEqualTo(2);
      assertThat(skipped).containsExactly(
          c + ":1: field 'created': outside years 0000 to 9999 (UTC): '-999999999-01-01T00:00:00Z'",
          f + ":2: field 'date': outside years 0000 to 9999 (UTC): '+999999999-12-31T23:59:59Z'");
      assertThat(ix.stats().posts()).isEqualTo(2);
    }
  }

  @Test
  void duplicateIdsAreCountedOnceAndReportedWithTheirLines() throws Exception {
    Path f = jsonl("posts.jsonl", post("p-1", "first"), post("p-2", "b"), post("p-1", "second"), post("p-1", "third"),
        post("p-3", "c"));
    Path c = jsonl("channels.jsonl", "{\"id\": \"c\"}", "{\"id\": \"c\", \"title\": \"again\"}");
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      IndexReport r = ix.index(f, c, BulkOptions.defaults());
      assertThat(r.posts()).isEqualTo(3);
      assertThat(r.channels()).isEqualTo(1);
      assertThat(r.duplicates()).isEqualTo(3);
      assertThat(r.duplicateLines()).containsExactly(c + ":2", f + ":3", f + ":4");
      assertThat(r.duplicatesNote())
          .isEqualTo("3 duplicate ids (later lines replaced earlier ones): " + c + ":2 " + f + ":3 " + f + ":4");
      assertThat(ix.stats().posts()).isEqualTo(r.posts());
      assertThat(ix.stats().channels()).isEqualTo(r.channels());
      // A second run replaces what the first stored: that is an update, not a duplicate within the file.
      IndexReport again = ix.index(jsonl("more.jsonl", post("p-1", "fourth")), null, BulkOptions.defaults());
      assertThat(again.posts()).isEqualTo(1);
      assertThat(again.duplicates()).isZero();
      assertThat(again.duplicatesNote()).isEmpty();
    }
  }

  @Test
  void theReportListsAtMostTenDuplicateLinesButCountsAll() throws Exception {
    String[] lines = new String[13];
    for (int i = 0; i < lines.length; i++) lines[i] = post("same", "v" + i);
    Path f = jsonl("posts.jsonl", lines);
    try (ContentIndex ix = ContentIndex.open(dir.resolve("ix"))) {
      IndexReport r = ix.index(f, null, BulkOptions.defaults());
      assertThat(r.posts()).isEqualTo(1);
      assertThat(r.duplicates()).isEqualTo(12);
      assertThat(r.duplicateLines()).hasSize(10).startsWith(f + ":2").endsWith(f + ":11");
      assertThat(r.duplicatesNote()).startsWith("12 duplicate ids (later lines replaced earlier ones): " + f + ":2 ")
          .endsWith(f + ":11 …");
    }
  }
}
