package dev.lucenefilter.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.Decision;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.Explainer;
import dev.lucenefilter.filter.Explanation;
import dev.lucenefilter.filter.RejectedRecords;
import dev.lucenefilter.filter.RejectionLog;
import dev.lucenefilter.filter.TransparencyReport;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.Hit;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchResult;
import dev.lucenefilter.search.SearchService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel that a GLOBAL reject rule matches through its title or its flags is never stored, and neither are its
 * posts: whether they come in the same run, in a later run, or were stored before the channel was rejected (then
 * they are hidden everywhere, explained as rejected and purged).
 */
class RejectedChannelTest {
  static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
  static final List<String> JURISDICTIONS = List.of("GLOBAL", "KZ", "DE");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path ixDir;
  Path channels;
  Path posts;
  Path logFile;
  PolicySnapshot policy;
  final ContentFilters filters = ContentFilters.load();

  @BeforeEach
  void setUp() throws Exception {
    Path bl = Files.createDirectories(dir.resolve("blocklists"));
    Files.writeString(bl.resolve("GLOBAL.json"), """
        {"jurisdiction": "GLOBAL", "rules": [
          {"id": "g-rej-title", "type": "phrase", "values": ["dark market"], "target": "channel", "action": "reject",
           "category": "drug_trade", "legal_basis": "Law on narcotics, art. 1"},
          {"id": "g-rej-flag", "type": "classifier", "flag": "csam", "threshold": 0.9, "target": "channel",
           "action": "reject", "category": "csam", "legal_basis": "Law on minors, art. 2"}
        ]}
        """);
    Files.writeString(bl.resolve("KZ.json"), """
        {"jurisdiction": "KZ", "inherits": [], "rules": [
          {"id": "kz-hide", "type": "phrase", "values": ["casino bonus"], "category": "illegal_gambling", "legal_basis": "KZ law"}
        ]}
        """);
    Files.writeString(bl.resolve("DE.json"), "{\"jurisdiction\": \"DE\", \"inherits\": [], \"rules\": []}\n");
    policy = PolicyLoader.load(bl);
    channels = Files.writeString(dir.resolve("channels.jsonl"), """
        {"id": "ch-ok", "username": "city_news", "title": "City news", "description": "news of the city", "subscribers": 10, "flags": {}}
        {"id": "ch-bad", "username": "shop_one", "title": "Dark market shop", "description": "all kinds of goods", "subscribers": 10, "flags": {}}
        {"id": "ch-flag", "username": "pics_two", "title": "Pictures", "description": "daily pictures", "subscribers": 10, "flags": {"csam": 0.97}}
        """);
    posts = Files.writeString(dir.resolve("posts.jsonl"), """
        {"id": "p1", "channel_id": "ch-ok", "text": "hello from the city", "date": "2026-01-01T00:00:00Z", "views": 1}
        {"id": "p2", "channel_id": "ch-ok", "text": "hello again", "date": "2026-01-02T00:00:00Z", "views": 1}
        {"id": "p3", "channel_id": "ch-bad", "text": "hello buyers", "date": "2026-01-03T00:00:00Z", "views": 1}
        {"id": "p4", "channel_id": "ch-bad", "text": "new goods today", "date": "2026-01-04T00:00:00Z", "views": 1}
        {"id": "p5", "channel_id": "ch-flag", "text": "hello pictures", "date": "2026-01-05T00:00:00Z", "views": 1}
        """);
    ixDir = dir.resolve("ix");
    logFile = dir.resolve("rejections.jsonl");
  }

  /** One run of the CLI: the index opened with the policy hook and the rejection log, then closed. */
  interface Run {
    void in(ContentIndex ix) throws Exception;
  }

  void run(Run r) throws Exception {
    try (RejectionLog log = RejectionLog.append(logFile);
        ContentIndex ix = ContentIndex.open(ixDir,
            new PolicyIndexHook(() -> policy, filters, Clock.fixed(AT, ZoneOffset.UTC), log))) {
      r.in(ix);
    }
  }

  /** The log entries as "kind id rules", checking that no entry carries anything but its five fields. */
  List<String> log() throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(logFile)) {
      JsonNode e = JSON.readTree(line);
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) names.add(it.next());
      assertThat(names).containsExactly("time", "kind", "id", "rules", "policy_version");
      assertThat(e.get("policy_version").asText()).isEqualTo(policy.version());
      out.add(e.get("kind").asText() + " " + e.get("id").asText() + " " + e.get("rules"));
    }
    return out;
  }

  static final List<String> CHANNEL_LOG = List.of(
      "channel ch-bad [\"g-rej-title\"]", "channel ch-flag [\"g-rej-flag\"]");
  static final List<String> POSTS_LOG = List.of(
      "post p3 [\"g-rej-title\"]", "post p4 [\"g-rej-title\"]", "post p5 [\"g-rej-flag\"]");

  SearchService service(ContentIndex ix) {
    return SearchService.builder(ix)
        .visibility(new PolicyVisibility(() -> policy, new ExclusionCache(), Clock.fixed(AT, ZoneOffset.UTC)))
        .build();
  }

  /** What every jurisdiction sees through every access path: only ch-ok and its posts. */
  void onlyTheAdmittedChannelIsVisible(ContentIndex ix) throws Exception {
    SearchService s = service(ix);
    for (String j : JURISDICTIONS) {
      for (SearchRequest.Order order : SearchRequest.Order.values()) {
        for (String q : List.of("", "hello")) {
          SearchResult r = s.search(SearchRequest.builder(j).query(q).order(order).pageSize(100).build());
          assertThat(r.hits().stream().map(Hit::id).sorted()).as(j + " " + order + " '" + q + "'").containsExactly("p1", "p2");
          assertThat(r.totalHits()).as(j + " " + order + " '" + q + "'").isEqualTo(2);
        }
        SearchResult c = s.search(SearchRequest.builder(j).target(SearchRequest.Target.CHANNELS).order(order).pageSize(100).build());
        assertThat(c.hits().stream().map(Hit::id)).as(j).containsExactly("ch-ok");
        assertThat(c.totalHits()).isEqualTo(1);
      }
      assertThat(s.get("post", "p1", j)).isPresent();
      for (String id : List.of("p3", "p4", "p5")) assertThat(s.get("post", id, j)).as(j + " " + id).isEmpty();
      for (String id : List.of("ch-bad", "ch-flag")) assertThat(s.get("channel", id, j)).as(j + " " + id).isEmpty();
    }
    assertThat(ix.rejectedChannels()).isEqualTo(Map.of("ch-bad", List.of("g-rej-title"), "ch-flag", List.of("g-rej-flag")));
  }

  @Test
  void checkRejectsTheChannelAndItsPosts() {
    // What check --channels decides: the reference the index must follow.
    DecisionEngine engine = DecisionEngine.create(policy, filters, UnknownJurisdictions.ERROR);
    Channel bad = new Channel("ch-bad", "", "Dark market shop", "", "", 0, null, null);
    Decision d = engine.decide(Post.of("p3", "ch-bad", "hello buyers"), bad, "DE", AT);
    assertThat(d.outcome()).isEqualTo(Decision.Outcome.REJECT);
    assertThat(d.rules()).containsExactly("g-rej-title");
  }

  @Test
  void sameRun() throws Exception {
    run(ix -> {
      IndexReport r = ix.index(posts, channels, BulkOptions.defaults());
      assertThat(List.of(r.posts(), r.channels(), r.rejected())).containsExactly(2L, 1L, 5L);
      onlyTheAdmittedChannelIsVisible(ix);
      assertThat(ix.stats().posts()).as("nothing of them is stored").isEqualTo(2);
      assertThat(ix.stats().channels()).isEqualTo(1);
    });
    List<String> expected = new ArrayList<>(CHANNEL_LOG);
    expected.addAll(POSTS_LOG);
    assertThat(log()).containsExactlyElementsOf(expected);
  }

  @Test
  void channelsFirstThenPostsInALaterRun() throws Exception {
    run(ix -> assertThat(ix.index(null, channels, BulkOptions.defaults()).rejected()).isEqualTo(2));
    List<String> rejected = new ArrayList<>();
    run(ix -> {
      BulkOptions o = BulkOptions.builder().onRejected((kind, id, rules) -> rejected.add(kind + " " + id + " " + rules)).build();
      IndexReport r = ix.index(posts, null, o);
      assertThat(List.of(r.posts(), r.rejected())).containsExactly(2L, 3L);
      assertThat(ix.stats().posts()).isEqualTo(2);
      onlyTheAdmittedChannelIsVisible(ix);
      // Single writes too.
      assertThat(ix.add(Post.of("p6", "ch-flag", "hello once more"))).isEqualTo(IndexTimeHook.Verdict.reject(List.of("g-rej-flag")));
    });
    assertThat(rejected).containsExactly("post p3 [g-rej-title]", "post p4 [g-rej-title]", "post p5 [g-rej-flag]");
    List<String> expected = new ArrayList<>(CHANNEL_LOG);
    expected.addAll(POSTS_LOG);
    expected.add("post p6 [\"g-rej-flag\"]");
    assertThat(log()).containsExactlyElementsOf(expected);
  }

  @Test
  void postsFirstThenChannelsInALaterRun() throws Exception {
    run(ix -> assertThat(ix.index(posts, null, BulkOptions.defaults()).posts()).isEqualTo(5));
    run(ix -> {
      assertThat(ix.index(null, channels, BulkOptions.defaults()).rejected()).isEqualTo(2);
      assertThat(ix.stats().posts()).as("stored before the rejection").isEqualTo(5);
      onlyTheAdmittedChannelIsVisible(ix);

      try (var lease = ix.acquireUnfiltered()) {
        DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
        Explainer explainer = new Explainer(filters, UnknownJurisdictions.ERROR);
        Explanation p3 = explainer.explain(reader, policy, "DE", null, "p3", AT).orElseThrow();
        assertThat(p3.stored()).isTrue();
        assertThat(p3.decision().outcome()).isEqualTo(Decision.Outcome.REJECT);
        assertThat(p3.lines()).containsExactly(
            "post p3 in DE: REJECTED (stored, hidden in every jurisdiction until purged) (policy " + policy.version() + ", at " + AT + ")",
            "  g-rej-title [phrase, reject, from GLOBAL] on the channel side: channel ch-bad was rejected at index time (its record is not stored)",
            "      category: drug_trade",
            "      legal basis: Law on narcotics, art. 1");
        Explanation chBad = explainer.explain(reader, policy, "KZ", null, "ch-flag", AT).orElseThrow();
        assertThat(chBad.stored()).isFalse();
        assertThat(chBad.lines().get(0)).isEqualTo("channel ch-flag in KZ: REJECTED (never stored) (policy " + policy.version() + ", at " + AT + ")");
        assertThat(chBad.decision().rules()).containsExactly("g-rej-flag");

        // Counted as withheld, by the channel's rule, in every jurisdiction; tombstones are not records.
        var kz = TransparencyReport.compute(reader, policy, List.of("KZ"), AT, filters).get(0);
        assertThat(List.of(kz.posts(), kz.channels(), kz.hiddenPosts(), kz.hiddenChannels())).containsExactly(5L, 1L, 3L, 0L);
        assertThat(kz.byRule().stream().map(c -> c.ruleId() + "=" + c.records())).containsExactly("g-rej-flag=1", "g-rej-title=2");
      }

      List<RejectedRecords.Rejected> purged;
      try (RejectionLog log = RejectionLog.append(logFile)) {
        purged = ix.purge(policy, filters, AT, log);
      }
      assertThat(purged).containsExactly(new RejectedRecords.Rejected("post", "p3", List.of("g-rej-title")),
          new RejectedRecords.Rejected("post", "p4", List.of("g-rej-title")),
          new RejectedRecords.Rejected("post", "p5", List.of("g-rej-flag")));
      assertThat(ix.stats().posts()).isEqualTo(2);
      assertThat(ix.stats().deleted()).as("expunged").isZero();
      onlyTheAdmittedChannelIsVisible(ix);
      // The tombstones stay: the channels' posts are still rejected.
      assertThat(ix.index(posts, null, BulkOptions.defaults()).rejected()).isEqualTo(3);
    });
    List<String> expected = new ArrayList<>(CHANNEL_LOG);
    expected.addAll(POSTS_LOG); // purged
    expected.addAll(POSTS_LOG); // rejected when indexed again
    assertThat(log()).containsExactlyElementsOf(expected);
  }

  @Test
  void anAdmittedChannelRecordLiftsTheRejection() throws Exception {
    run(ix -> {
      assertThat(ix.add(new Channel("ch-bad", "", "Dark market shop", "", "", 0, null, null)))
          .isEqualTo(IndexTimeHook.Verdict.reject(List.of("g-rej-title")));
      assertThat(ix.add(Post.of("p3", "ch-bad", "hello buyers"))).isInstanceOf(IndexTimeHook.Reject.class);
      assertThat(ix.rejectedChannels()).containsOnlyKeys("ch-bad");
    });
    run(ix -> {
      assertThat(ix.rejectedChannels()).as("remembered across runs").containsOnlyKeys("ch-bad");
      assertThat(ix.add(new Channel("ch-bad", "", "Garden shop", "", "", 0, null, null))).isEqualTo(IndexTimeHook.Verdict.admit());
      assertThat(ix.rejectedChannels()).isEmpty();
      assertThat(ix.add(Post.of("p3", "ch-bad", "hello buyers"))).isEqualTo(IndexTimeHook.Verdict.admit());
      assertThat(service(ix).get("post", "p3", "DE")).isPresent();
    });
    run(ix -> assertThat(ix.rejectedChannels()).isEmpty());
  }

  @Test
  void aRolledBackRunForgetsItsRejections() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.jsonl"), Files.readString(posts) + "{not json\n");
    run(ix -> assertThat(ix.index(null, channels, BulkOptions.defaults()).rejected()).isEqualTo(2));
    run(ix -> {
      ix.add(new Channel("ch-bad", "", "Garden shop", "", "", 0, null, null));
      assertThat(ix.rejectedChannels()).containsOnlyKeys("ch-flag");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ix.index(broken, channels, BulkOptions.defaults()))
          .isInstanceOf(dev.lucenefilter.model.RecordFormatException.class);
      assertThat(ix.rejectedChannels()).containsOnlyKeys("ch-flag");
      assertThat(ix.add(Post.of("p3", "ch-bad", "hello buyers"))).isEqualTo(IndexTimeHook.Verdict.admit());
    });
    // The log names the first run's rejections only: the rolled-back run rejected ch-bad, p3, p4 and p5 too.
    assertThat(log()).containsExactlyElementsOf(CHANNEL_LOG);
  }

  /** Indexed again with content a reject rule matches, a channel's stored version goes; explain says never stored. */
  @Test
  void aChannelRejectedWhenIndexedAgainLeavesNoStoredVersion() throws Exception {
    run(ix -> {
      assertThat(ix.add(new Channel("ch-x", "", "Garden shop", "", "", 0, null, null))).isEqualTo(IndexTimeHook.Verdict.admit());
      assertThat(service(ix).get("channel", "ch-x", "DE")).isPresent();
      assertThat(ix.add(new Channel("ch-x", "", "Dark market shop", "", "", 0, null, null)))
          .isEqualTo(IndexTimeHook.Verdict.reject(List.of("g-rej-title")));
      assertThat(ix.stats().channels()).isZero();
      try (var lease = ix.acquireUnfiltered()) {
        Explanation e = new Explainer(filters, UnknownJurisdictions.ERROR)
            .explain((DirectoryReader) lease.searcher().getIndexReader(), policy, "DE", null, "ch-x", AT).orElseThrow();
        assertThat(e.stored()).isFalse();
        assertThat(e.lines().get(0)).isEqualTo("channel ch-x in DE: REJECTED (never stored) (policy " + policy.version() + ", at " + AT + ")");
      }
    });
  }
}
