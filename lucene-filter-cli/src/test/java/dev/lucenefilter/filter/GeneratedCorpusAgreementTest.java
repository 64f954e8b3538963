package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lucenefilter.corpus.CorpusGenerator;
import dev.lucenefilter.index.BulkOptions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordReader;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchResult;
import dev.lucenefilter.search.SearchService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search} agrees exactly with {@code check} on a generated corpus under the shipped sample blocklists,
 * for every post, channel and jurisdiction, through every path (paged listing with cursors, totals, get-by-id),
 * when the index was built under an older policy, and after near-real-time additions.
 */
class GeneratedCorpusAgreementTest {
  static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

  @TempDir Path tmp;

  @Test
  void searchAgreesWithCheckEverywhere() throws Exception {
    Path data = tmp.resolve("data");
    CorpusGenerator.of(3000, 40, 11).generate(data);
    List<Post> posts = RecordReader.readAllPosts(data.resolve("posts.jsonl"));
    List<Channel> channels = RecordReader.readAllChannels(data.resolve("channels.jsonl"));
    Map<String, Channel> byId = new HashMap<>();
    for (Channel c : channels) byId.put(c.id(), c);

    // The index is built with no policy at all; the shipped policy arrives later, without reindexing.
    PolicySnapshot shipped = PolicyLoader.load(Path.of("..", "blocklists"));
    Path empty = tmp.resolve("empty");
    Files.createDirectories(empty);
    Files.writeString(empty.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    AtomicReference<PolicySnapshot> current = new AtomicReference<>(PolicyLoader.load(empty));
    ExclusionCache cache = new ExclusionCache();
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      Path first = tmp.resolve("first.jsonl");
      Path rest = tmp.resolve("rest.jsonl");
      List<String> lines = Files.readAllLines(data.resolve("posts.jsonl"));
      Files.write(first, lines.subList(0, 2000));
      Files.write(rest, lines.subList(2000, lines.size()));
      index.index(first, data.resolve("channels.jsonl"), BulkOptions.defaults());
      SearchService search = SearchService.builder(index)
          .visibility(new PolicyVisibility(current::get, cache, Clock.fixed(NOW, ZoneOffset.UTC))).build();
      assertEquals(2000 + channels.size(), listAll(search, "GLOBAL", SearchRequest.Target.POSTS).size()
          + listAll(search, "GLOBAL", SearchRequest.Target.CHANNELS).size());

      current.set(shipped);
      compare(search, shipped, posts.subList(0, 2000), channels, byId);
      // Near real time: a new segment gets its exclusions on first use.
      index.index(rest, null, BulkOptions.defaults());
      compare(search, shipped, posts, channels, byId);
    }
  }

  private static void compare(SearchService search, PolicySnapshot policy, List<Post> posts, List<Channel> channels,
      Map<String, Channel> byId) throws Exception {
    DecisionEngine engine = DecisionEngine.create(policy, ContentFilters.builtIn(), UnknownJurisdictions.ERROR);
    int hiddenSomewhere = 0;
    for (String j : policy.jurisdictions()) {
      Set<String> expectedPosts = new TreeSet<>();
      for (Post p : posts) {
        if (engine.decide(p, byId.get(p.channelId()), j, NOW).visible()) expectedPosts.add(p.id());
      }
      Set<String> expectedChannels = new TreeSet<>();
      for (Channel c : channels) if (engine.decide(c, j, NOW).visible()) expectedChannels.add(c.id());
      hiddenSomewhere += posts.size() - expectedPosts.size();
      assertEquals(expectedPosts, listAll(search, j, SearchRequest.Target.POSTS), "posts visible in " + j);
      assertEquals(expectedChannels, listAll(search, j, SearchRequest.Target.CHANNELS), "channels visible in " + j);
      for (Post p : posts.subList(posts.size() - 150, posts.size())) {
        assertEquals(expectedPosts.contains(p.id()), search.get("post", p.id(), j).isPresent(), "get " + p.id() + " in " + j);
      }
    }
    assertTrue(hiddenSomewhere > 100, "the sample policy should hide generated target content: " + hiddenSomewhere);
  }

  /** Every hit of an empty query, page by page with cursors; also checks the exact total equals the pages' sum. */
  static Set<String> listAll(SearchService search, String j, SearchRequest.Target target) throws Exception {
    Set<String> out = new TreeSet<>();
    String cursor = null;
    long total = -1;
    while (true) {
      SearchRequest.Builder b = SearchRequest.builder(j).query("").target(target).pageSize(500).highlight(false)
          .trackTotalHitsUpTo(Integer.MAX_VALUE);
      if (cursor != null) b.cursor(cursor);
      SearchResult r = search.search(b.build());
      if (total < 0) {
        assertTrue(r.totalHitsExact(), "an exact total in " + j);
        total = r.totalHits();
      }
      for (var h : r.hits()) assertTrue(out.add(h.id()), "duplicate across pages: " + h.id());
      if (r.hits().isEmpty() || r.nextCursor() == null) break;
      cursor = r.nextCursor();
    }
    assertEquals(total, out.size(), "total hits in " + j);
    return out;
  }
}
