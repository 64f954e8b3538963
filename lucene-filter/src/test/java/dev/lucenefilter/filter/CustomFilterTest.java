package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A filter registered through ServiceLoader is found, enforced at query time, and agrees with the reference. */
class CustomFilterTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path tmp;

  @Test
  void serviceLoaderFindsTheBuiltInsAndTheCustomFilter() {
    List<String> names = ContentFilters.load().all().stream().map(ContentFilter::name).toList();
    assertEquals(List.of("channel", "classifier", "domain", "media_hash", "phrase", "regex", "test-spam-threshold", "username"), names);
  }

  @Test
  void customFilterHidesInItsJurisdictionOnly() throws Exception {
    Path policy = tmp.resolve("policy");
    Files.createDirectories(policy);
    Files.writeString(policy.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    Files.writeString(policy.resolve("XT.json"), "{\"jurisdiction\": \"XT\", \"rules\": []}");
    Files.writeString(policy.resolve("YT.json"), "{\"jurisdiction\": \"YT\", \"rules\": []}");
    PolicySnapshot snapshot = PolicyLoader.load(policy);
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      for (int i = 0; i < 10; i++) {
        index.add(new Post("p" + i, "c1", "", "hello world", NOW, 1, List.of(), List.of(), Map.of("spam", i / 10.0)));
      }
      ExclusionCache cache = new ExclusionCache(ContentFilters.load(), UnknownJurisdictions.ERROR, 1 << 20);
      SearchService search = SearchService.builder(index)
          .visibility(new PolicyVisibility(() -> snapshot, cache, Clock.fixed(NOW, ZoneOffset.UTC))).build();
      assertEquals(Set.of("p0", "p1", "p2", "p3", "p4"), ids(search, "XT"));
      assertEquals(10, ids(search, "YT").size());
      DecisionEngine engine = DecisionEngine.create(snapshot);
      Decision d = engine.decide(Post.of("p7", "c1", "x").withFlags(Map.of("spam", 0.7)), null, "XT", NOW);
      assertEquals("hide [" + SpamThresholdTestFilter.RULE_ID + "]", d.outcome().label() + " " + d.rules());
      assertTrue(engine.decide(Post.of("p7", "c1", "x").withFlags(Map.of("spam", 0.7)), null, "YT", NOW).visible());
    }
  }

  @Test
  void cacheKeyFollowsWhatAFilterReadsOnEveryCallAndIsFixedForTheBuiltIns() {
    // The built-ins keep the default key: one string for every context, not joined again per query.
    ContentFilters builtIn = ContentFilters.builtIn();
    assertEquals("channel=;classifier=;domain=;media_hash=;phrase=;regex=;username=;", builtIn.cacheKey(null));
    assertSame(builtIn.cacheKey(null), builtIn.cacheKey(null));
    // A filter that reads outside data is asked again on every call, so exclusions follow a change of that data.
    AtomicReference<String> outside = new AtomicReference<>("v1");
    ContentFilter reading = new ContentFilter() {
      @Override
      public String name() { return "outside"; }

      @Override
      public void match(FilterContext ctx, RecordView record, MatchSink sink) {}

      @Override
      public void hidden(FilterContext ctx, LeafReaderContext segment, FixedBitSet out) {}

      @Override
      public String cacheKey(FilterContext ctx) { return outside.get(); }
    };
    ContentFilters withReading = ContentFilters.of(List.of(new ChannelRuleFilter(), reading));
    assertEquals("channel=;outside=v1;", withReading.cacheKey(null));
    outside.set("v2");
    assertEquals("channel=;outside=v2;", withReading.cacheKey(null));
  }

  @Test
  void aFilterWhoseKeyFollowsOutsideDataIsFollowedByEveryRequest() throws Exception {
    Path policy = tmp.resolve("policy");
    Files.createDirectories(policy);
    Files.writeString(policy.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    PolicySnapshot snapshot = PolicyLoader.load(policy);
    AtomicReference<String> outside = new AtomicReference<>("show");
    ContentFilter reading = new ContentFilter() {
      @Override
      public String name() { return "outside"; }

      @Override
      public void match(FilterContext ctx, RecordView record, MatchSink sink) {}

      @Override
      public void hidden(FilterContext ctx, LeafReaderContext segment, FixedBitSet out) {
        if (outside.get().equals("hide")) out.set(0, segment.reader().maxDoc());
      }

      @Override
      public String cacheKey(FilterContext ctx) { return outside.get(); }
    };
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      for (int i = 0; i < 3; i++) index.add(Post.of("p" + i, "c1", "hello world"));
      ExclusionCache cache = new ExclusionCache(ContentFilters.of(List.of(new ChannelRuleFilter(), reading)),
          UnknownJurisdictions.ERROR, 1 << 20);
      SearchService search = SearchService.builder(index)
          .visibility(new PolicyVisibility(() -> snapshot, cache, Clock.fixed(NOW, ZoneOffset.UTC))).build();
      assertEquals(Set.of("p0", "p1", "p2"), ids(search, "GLOBAL"));
      outside.set("hide");
      // Same snapshot, reader and instant: only the filter's key moved.
      assertEquals(Set.of(), ids(search, "GLOBAL"));
      assertTrue(search.get("post", "p1", "GLOBAL").isEmpty());
      outside.set("show");
      assertEquals(Set.of("p0", "p1", "p2"), ids(search, "GLOBAL"));
    }
  }

  private static Set<String> ids(SearchService search, String j) throws Exception {
    Set<String> out = new TreeSet<>();
    search.search(SearchRequest.builder(j).query("").pageSize(100).build()).hits().forEach(h -> out.add(h.id()));
    return out;
  }
}
