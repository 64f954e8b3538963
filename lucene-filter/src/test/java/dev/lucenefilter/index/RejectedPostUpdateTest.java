package dev.lucenefilter.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.RejectionLog;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.Hit;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post written again with content a reject rule matches is not stored, and neither does its earlier version stay
 * in its place; a word longer than Lucene's term limit does not cost the record (or the run).
 */
class RejectedPostUpdateTest {
  static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path dir;
  PolicySnapshot policy;

  @BeforeEach
  void setUp() throws Exception {
    Path bl = Files.createDirectories(dir.resolve("blocklists"));
    Files.writeString(bl.resolve("GLOBAL.json"), """
        {"jurisdiction": "GLOBAL", "rules": [
          {"id": "g-rej", "type": "phrase", "values": ["dark market"], "target": "post", "action": "reject",
           "category": "drug_trade", "legal_basis": "Law on narcotics, art. 1"}
        ]}
        """);
    policy = PolicyLoader.load(bl);
  }

  ContentIndex open(RejectionLog log) throws Exception {
    return ContentIndex.open(dir.resolve("ix"),
        new PolicyIndexHook(() -> policy, ContentFilters.load(), Clock.fixed(AT, ZoneOffset.UTC), log));
  }

  SearchService service(ContentIndex ix) {
    return SearchService.builder(ix)
        .visibility(new PolicyVisibility(() -> policy, new ExclusionCache(), Clock.fixed(AT, ZoneOffset.UTC)))
        .build();
  }

  @Test
  void aRejectedUpdateRemovesTheStoredVersion() throws Exception {
    try (RejectionLog log = RejectionLog.append(dir.resolve("log.jsonl")); ContentIndex ix = open(log)) {
      assertThat(ix.add(Post.of("p-1", "c", "hello"))).isInstanceOf(IndexTimeHook.Admit.class);
      assertThat(service(ix).get("post", "p-1", "GLOBAL")).isPresent();
      assertThat(ix.add(Post.of("p-1", "c", "visit the dark market"))).isInstanceOf(IndexTimeHook.Reject.class);
      assertThat(service(ix).get("post", "p-1", "GLOBAL")).isEmpty();
      assertThat(service(ix).search(SearchRequest.builder("GLOBAL").query("hello").build()).hits()).isEmpty();
    }
  }

  @Test
  void inOneFileTheRejectedLaterLineWins() throws Exception {
    Path posts = Files.writeString(dir.resolve("posts.jsonl"), """
        {"id": "p-1", "channel_id": "c", "text": "hello", "date": "2026-01-01T00:00:00Z", "views": 1}
        {"id": "p-2", "channel_id": "c", "text": "hello too", "date": "2026-01-01T00:00:00Z", "views": 1}
        {"id": "p-1", "channel_id": "c", "text": "the dark market is open", "date": "2026-01-02T00:00:00Z", "views": 1}
        """);
    try (RejectionLog log = RejectionLog.append(dir.resolve("log.jsonl")); ContentIndex ix = open(log)) {
      IndexReport report = ix.index(posts, null, BulkOptions.defaults());
      assertThat(report.rejected()).isEqualTo(1);
      assertThat(service(ix).search(SearchRequest.builder("GLOBAL").query("hello").build()).hits())
          .extracting(Hit::id).containsExactly("p-2");
    }
  }

  @Test
  void aWordPastLucenesTermLimitIsIndexedByItsBeginning() throws Exception {
    String immense = "a".repeat(40_000);
    try (RejectionLog log = RejectionLog.append(dir.resolve("log.jsonl")); ContentIndex ix = open(log)) {
      assertThat(ix.add(Post.of("p-long", "c", immense + " казино " + "б-".repeat(20_000) + "в")))
          .isInstanceOf(IndexTimeHook.Admit.class);
      assertThat(service(ix).search(SearchRequest.builder("GLOBAL").query("казино").build()).hits())
          .extracting(Hit::id).containsExactly("p-long");
      assertThat(service(ix).search(SearchRequest.builder("GLOBAL").query("aaaa*").build()).hits())
          .extracting(Hit::id).containsExactly("p-long");
    }
  }

  @Test
  void aChannelPurgedForARuleAddedLaterKeepsRejectingItsPosts() throws Exception {
    PolicySnapshot before = policy;
    try (RejectionLog log = RejectionLog.append(dir.resolve("log.jsonl")); ContentIndex ix = open(log)) {
      policy = PolicyLoader.load(Files.writeString(Files.createDirectories(dir.resolve("empty")).resolve("GLOBAL.json"),
          "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}").getParent());
      assertThat(ix.add(new Channel("ch-1", "", "Dark market shop", "", "", 0, null, null)))
          .isInstanceOf(IndexTimeHook.Admit.class);
      assertThat(ix.add(Post.of("p-1", "ch-1", "new goods"))).isInstanceOf(IndexTimeHook.Admit.class);
      // The reject rule, on channels too, arrives after both were stored.
      Path bl = Files.createDirectories(dir.resolve("later"));
      Files.writeString(bl.resolve("GLOBAL.json"), """
          {"jurisdiction": "GLOBAL", "rules": [
            {"id": "g-rej-ch", "type": "phrase", "values": ["dark market"], "target": "channel", "action": "reject",
             "category": "drug_trade", "legal_basis": "Law on narcotics, art. 1"}
          ]}
          """);
      policy = PolicyLoader.load(bl);
      assertThat(ix.purge(policy, ContentFilters.load(), AT, log)).extracting(r -> r.kind() + " " + r.id())
          .containsExactlyInAnyOrder("channel ch-1", "post p-1");
      assertThat(ix.rejectedChannels()).containsOnlyKeys("ch-1");
      assertThat(ix.add(Post.of("p-2", "ch-1", "more goods"))).isInstanceOf(IndexTimeHook.Reject.class);
      assertThat(service(ix).search(SearchRequest.builder("GLOBAL").query("goods").build()).hits()).isEmpty();
    } finally {
      policy = before;
    }
  }
}
