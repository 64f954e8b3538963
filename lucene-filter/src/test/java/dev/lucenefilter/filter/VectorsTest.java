package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordReader;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared test vectors: every (post, jurisdiction) of expected.jsonl gets exactly its decision and rules, and
 * every line of expected.jsonl is one of those tests (none skipped, none unknown, the whole copy present).
 */
class VectorsTest {
  static final Path VECTORS = TestResources.path("vectors");
  static final Instant AT = Instant.parse("2026-11-29T00:00:00Z");
  /** Expectations in the shared vectors; a copy with fewer is stale or truncated. */
  static final int EXPECTATIONS = 115;

  @TestFactory
  Stream<DynamicTest> everyVectorGetsItsDecision() throws Exception {
    PolicySnapshot snapshot = PolicyLoader.load(VECTORS.resolve("blocklists"));
    DecisionEngine engine = DecisionEngine.create(snapshot, ContentFilters.builtIn(), UnknownJurisdictions.ERROR);
    Map<String, Post> posts = new HashMap<>();
    for (Post p : RecordReader.readAllPosts(VECTORS.resolve("posts.jsonl"))) posts.put(p.id(), p);
    Map<String, Channel> channels = new HashMap<>();
    for (Channel c : RecordReader.readAllChannels(VECTORS.resolve("channels.jsonl"))) channels.put(c.id(), c);
    ObjectMapper json = new ObjectMapper();
    List<DynamicTest> tests = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int lines = 0;
    try (BufferedReader r = Files.newBufferedReader(VECTORS.resolve("expected.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) continue;
        lines++;
        JsonNode e = json.readTree(line);
        String id = e.get("id").asText();
        String j = e.get("jurisdiction").asText();
        assertTrue(posts.containsKey(id), "expected.jsonl line " + lines + ": no post " + id);
        assertTrue(seen.add(id + " " + j), "expected.jsonl line " + lines + ": " + id + " in " + j + " twice");
        List<String> rules = new ArrayList<>();
        e.get("rules").forEach(n -> rules.add(n.asText()));
        String expected = e.get("decision").asText() + " " + rules;
        tests.add(DynamicTest.dynamicTest(id + " in " + j + ": " + e.get("why").asText(), () -> {
          Post p = posts.get(id);
          Decision d = engine.decide(p, channels.get(p.channelId()), j, AT);
          assertEquals(expected, d.outcome().label() + " " + d.rules(), () -> "matches: " + d.matches());
          // The naive reading of the contract that the differential tests trust must agree too.
          assertEquals(expected, NaiveReference.decide(snapshot, p, channels.get(p.channelId()), j, AT), "NaiveReference");
        }));
      }
    }
    assertEquals(EXPECTATIONS, lines, "expectations in expected.jsonl (a stale or truncated copy of the shared vectors?)");
    assertEquals(lines, tests.size());
    return tests.stream();
  }
}
