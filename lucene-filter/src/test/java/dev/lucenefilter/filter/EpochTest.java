package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules start and stop hiding at their dates, with the same snapshot and no reload: cached sets never outlive them. */
class EpochTest {
  @TempDir Path tmp;

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    volatile Instant now;

    MovableClock(Instant now) { this.now = now; }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { return this; }

    @Override public Instant instant() { return now; }
  }

  @Test
  void rulesActivateAndExpireAtTheirBoundaries() throws Exception {
    Path policy = tmp.resolve("policy");
    Files.createDirectories(policy);
    Files.writeString(policy.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    Files.writeString(policy.resolve("KZ.json"), """
        {"jurisdiction": "KZ", "rules": [
          {"id": "later", "type": "phrase", "values": ["онлайн казино"], "effective_from": "2026-07-01",
           "category": "illegal_gambling", "legal_basis": "test"},
          {"id": "until", "type": "phrase", "values": ["free spins"], "expires": "2026-07-01T12:00:00Z",
           "category": "illegal_gambling", "legal_basis": "test"}
        ]}""");
    PolicySnapshot snapshot = PolicyLoader.load(policy);
    MovableClock clock = new MovableClock(Instant.parse("2026-06-30T23:59:59Z"));
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      index.add(Post.of("a", "c", "онлайн казино тут"));
      index.add(Post.of("b", "c", "free spins here"));
      index.add(Post.of("c", "c", "погода"));
      SearchService search = SearchService.builder(index)
          .visibility(new PolicyVisibility(() -> snapshot, new ExclusionCache(), clock)).build();
      assertEquals(Set.of("a", "c"), visible(search));
      clock.now = Instant.parse("2026-07-01T00:00:00Z"); // effective_from is inclusive
      assertEquals(Set.of("c"), visible(search));
      clock.now = Instant.parse("2026-07-01T12:00:00Z"); // expires is exclusive
      assertEquals(Set.of("b", "c"), visible(search));
      clock.now = Instant.parse("2026-06-15T00:00:00Z"); // and back: the epoch follows the clock both ways
      assertEquals(Set.of("a", "c"), visible(search));
    }
  }

  @Test
  void indexTimeRejectionsFollowTheirDatesOnOneEngine() throws Exception {
    Path policy = tmp.resolve("policy");
    Files.createDirectories(policy);
    Files.writeString(policy.resolve("GLOBAL.json"), """
        {"jurisdiction": "GLOBAL", "rules": [
          {"id": "window", "type": "phrase", "values": ["dark market"], "action": "reject",
           "effective_from": "2026-07-01", "expires": "2026-07-01T12:00:00Z",
           "category": "illegal_gambling", "legal_basis": "test"}
        ]}""");
    DecisionEngine engine = DecisionEngine.create(PolicyLoader.load(policy));
    RecordView post = RecordView.post(Post.of("p", "c", "the dark market is open"), null);
    // One engine, instants moving across both dates and back: the context it reuses must follow every move.
    String[][] steps = {
        {"2026-06-30T23:59:59Z", "[]"}, {"2026-07-01T00:00:00Z", "[window]"}, {"2026-07-01T11:59:59Z", "[window]"},
        {"2026-07-01T12:00:00Z", "[]"}, {"2026-07-01T06:00:00Z", "[window]"}, {"2026-06-01T00:00:00Z", "[]"},
        {"2026-08-01T00:00:00Z", "[]"}, {"2026-07-01T00:00:00Z", "[window]"}};
    for (String[] step : steps) {
      assertEquals(step[1], engine.indexTime(post, Instant.parse(step[0])).rejectedBy().toString(), "at " + step[0]);
      // Query-time decisions reuse their context the same way.
      assertEquals(step[1], engine.decide(post, "GLOBAL", Instant.parse(step[0])).rules().toString(),
          "decide at " + step[0]);
    }
  }

  private static Set<String> visible(SearchService search) throws Exception {
    Set<String> out = new TreeSet<>();
    search.search(SearchRequest.builder("KZ").query("").pageSize(100).build()).hits().forEach(h -> out.add(h.id()));
    return out;
  }
}
