package dev.lucenefilter.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lucenefilter.filter.FilterFields;
import dev.lucenefilter.filter.RejectedChannels;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ContentIndex#openReadOnly}: no write lock, the last commit, every write refused. */
class ReadOnlyIndexTest {
  @TempDir Path dir;

  private static long posts(ContentIndex ix) throws IOException {
    try (var lease = ix.acquireUnfiltered()) {
      return lease.searcher().count(new TermQuery(new Term(FilterFields.KIND, FilterFields.KIND_POST)));
    }
  }

  @Test
  void opensWhileAWriterHoldsTheLockAndReadsItsLastCommit() throws IOException {
    Path ix = dir.resolve("ix");
    try (ContentIndex writer = ContentIndex.open(ix, IndexTimeHook.admitAll())) {
      writer.add(ContentIndexTest.post("p-1", "ch-1", "первый"));
      writer.commit();
      writer.add(ContentIndexTest.post("p-2", "ch-1", "второй, не закоммичен"));
      assertThat(posts(writer)).isEqualTo(2);
      assertThatThrownBy(() -> ContentIndex.open(ix)).as("a second writer still fails")
          .isInstanceOf(org.apache.lucene.store.LockObtainFailedException.class);
      try (ContentIndex reader = ContentIndex.openReadOnly(ix)) {
        assertThat(reader.isReadOnly()).isTrue();
        assertThat(writer.isReadOnly()).isFalse();
        assertThat(posts(reader)).as("the last commit only").isEqualTo(1);
        assertThat(reader.stats().posts()).isEqualTo(1);
      }
    }
  }

  @Test
  void everyWriteIsRefusedAndChangesNothing() throws IOException {
    Path ix = dir.resolve("ix");
    try (ContentIndex writer = ContentIndex.open(ix)) {
      writer.add(ContentIndexTest.post("p-1", "ch-1", "текст"));
    }
    Path posts = dir.resolve("posts.jsonl");
    Files.writeString(posts, "");
    try (ContentIndex reader = ContentIndex.openReadOnly(ix)) {
      String refused = "the index at " + ix + " is open read-only";
      List<ThrowingCall> writes = List.of(
          () -> reader.add(ContentIndexTest.post("p-2", "ch-1", "новый")),
          () -> reader.add(new Channel("ch-2", "news_astana", "t", "d", "ru", 1, Instant.EPOCH, Map.of())),
          () -> reader.delete(FilterFields.KIND_POST, "p-1"),
          () -> reader.index(posts, null, BulkOptions.defaults()),
          reader::commit,
          reader::expungeDeletes,
          () -> reader.purge(null, null, Instant.EPOCH, null));
      for (ThrowingCall w : writes) {
        assertThatThrownBy(w::call).isInstanceOf(IllegalStateException.class).hasMessage(refused);
      }
      assertThat(posts(reader)).isEqualTo(1);
    }
    try (ContentIndex again = ContentIndex.open(ix)) {
      assertThat(posts(again)).isEqualTo(1);
    }
  }

  @Test
  void knowsTheRejectedChannelsOfTheCommit() throws IOException {
    Path ix = dir.resolve("ix");
    IndexTimeHook rejectCh9 = new IndexTimeHook() {
      @Override public Verdict inspect(Post post) { return Verdict.admit(); }
      @Override public Verdict inspect(Channel channel) {
        return channel.id().equals("ch-9") ? Verdict.reject(List.of("global-reject-1")) : Verdict.admit();
      }
    };
    try (ContentIndex writer = ContentIndex.open(ix, rejectCh9)) {
      writer.add(new Channel("ch-9", "bad_channel", "t", "d", "ru", 1, Instant.EPOCH, Map.of()));
    }
    try (ContentIndex reader = ContentIndex.openReadOnly(ix)) {
      assertThat(reader.rejectedChannels()).isEqualTo(Map.of("ch-9", List.of("global-reject-1")));
      try (var lease = reader.acquireUnfiltered()) {
        assertThat(RejectedChannels.all(lease.searcher().getIndexReader())).containsOnlyKeys("ch-9");
      }
    }
  }

  @Test
  void saysWhetherOpeningMadeTheIndex() throws IOException {
    Path ix = dir.resolve("ix");
    try (ContentIndex first = ContentIndex.open(ix)) {
      assertThat(first.createdOnOpen()).isTrue();
    }
    try (ContentIndex again = ContentIndex.open(ix); ContentIndex reader = ContentIndex.openReadOnly(ix)) {
      assertThat(again.createdOnOpen()).isFalse();
      assertThat(reader.createdOnOpen()).isFalse();
    }
  }

  @Test
  void refusesADirectoryWithoutAnIndexAndCreatesNothing() {
    Path none = dir.resolve("none");
    assertThatThrownBy(() -> ContentIndex.openReadOnly(none)).isInstanceOf(NoSuchFileException.class)
        .hasMessage(none + ": no index");
    assertThat(Files.exists(none)).isFalse();
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void call() throws Exception;
  }
}
