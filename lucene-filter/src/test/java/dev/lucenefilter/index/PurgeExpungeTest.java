package dev.lucenefilter.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.RejectedRecords;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code purge} leaves nothing of the purged text in the index files, its dictionary or its term statistics. */
class PurgeExpungeTest {
  static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
  /** A word no other post holds, Cyrillic and Latin, so its bytes are unmistakable. */
  static final String WORD = "zorblaxquintuple";
  static final String CYRILLIC = "шпротомёдище";

  @TempDir Path dir;

  @Test
  void purgedTextIsGoneFromEveryIndexFile() throws Exception {
    Path bl = Files.createDirectories(dir.resolve("blocklists"));
    Files.writeString(bl.resolve("GLOBAL.json"), """
        {"jurisdiction": "GLOBAL", "rules": [{"id": "g-rej", "type": "channel", "values": ["ch-bad"], "action": "reject",
          "category": "csam", "legal_basis": "test"}]}
        """);
    PolicySnapshot policy = PolicyLoader.load(bl);
    Path ix = dir.resolve("ix");
    // Indexed before the reject rule existed; many other posts so the purged one is a small share of its segment.
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      lines.append("{\"id\": \"p").append(i).append("\", \"channel_id\": \"ch-ok\", \"text\": \"ordinary post number ")
          .append(i).append("\", \"date\": \"2026-01-01T00:00:00Z\"}\n");
    }
    lines.append("{\"id\": \"bad\", \"channel_id\": \"ch-bad\", \"text\": \"the ").append(WORD).append(" and ")
        .append(CYRILLIC).append(" text\", \"date\": \"2026-01-01T00:00:00Z\"}\n");
    Path posts = Files.writeString(dir.resolve("posts.jsonl"), lines);
    try (ContentIndex index = ContentIndex.open(ix)) {
      index.index(posts, null, BulkOptions.defaults());
    }
    assertThat(filesHolding(ix, WORD)).as("the scan sees the word before the purge").isNotEmpty();
    assertThat(termIn(ix, WORD)).isTrue();

    try (ContentIndex index = ContentIndex.open(ix)) {
      List<RejectedRecords.Rejected> purged = index.purge(policy, ContentFilters.load(), AT, null);
      assertThat(purged).containsExactly(new RejectedRecords.Rejected("post", "bad", List.of("g-rej")));
      // Gone when purge returns, with the index still open.
      assertThat(filesHolding(ix, WORD)).isEmpty();
      assertThat(filesHolding(ix, CYRILLIC)).isEmpty();
      assertThat(index.stats().posts()).isEqualTo(60);
      assertThat(index.stats().deleted()).isZero();
    }
    assertThat(filesHolding(ix, WORD)).isEmpty();
    assertThat(termIn(ix, WORD)).as("not in the dictionary").isFalse();
    assertThat(termIn(ix, "ordinary")).isTrue();
    try (FSDirectory d = FSDirectory.open(ix); DirectoryReader r = DirectoryReader.open(d)) {
      assertThat(r.docFreq(new org.apache.lucene.index.Term(FilterFields.TEXT, "ordinary"))).as("term statistics").isEqualTo(60);
      assertThat(r.maxDoc()).isEqualTo(60);
    }
  }

  /** Files of the index directory whose bytes contain the UTF-8 bytes of {@code word}. */
  static List<String> filesHolding(Path ix, String word) throws Exception {
    byte[] needle = word.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(ix)) {
      for (Path f : files.sorted().toList()) {
        if (indexOf(Files.readAllBytes(f), needle) >= 0) out.add(f.getFileName().toString());
      }
    }
    return out;
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  /** True when a segment's dictionary of {@link FilterFields#TEXT}, {@link FilterFields#NWORDS} or {@link FilterFields#RWORDS} holds the term. */
  static boolean termIn(Path ix, String term) throws Exception {
    try (FSDirectory d = FSDirectory.open(ix); DirectoryReader r = DirectoryReader.open(d)) {
      for (LeafReaderContext leaf : r.leaves()) {
        for (String field : List.of(FilterFields.TEXT, FilterFields.NWORDS, FilterFields.RWORDS)) {
          Terms t = leaf.reader().terms(field);
          if (t != null && t.iterator().seekExact(new BytesRef(term))) return true;
        }
      }
    }
    return false;
  }
}
