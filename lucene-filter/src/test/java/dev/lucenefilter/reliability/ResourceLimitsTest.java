package dev.lucenefilter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordReader;
import dev.lucenefilter.policy.PolicyError;
import dev.lucenefilter.policy.PolicyLimits;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.PolicyValidationException;
import dev.lucenefilter.policy.RuleTypes;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each documented resource limit, with its exact refusal (the README's table lists the same). */
class ResourceLimitsTest {
  @TempDir Path tmp;

  private String readError(String line) throws Exception {
    Path f = tmp.resolve("posts.jsonl");
    Files.writeString(f, line + "\n");
    RecordFormatException e = assertThrows(RecordFormatException.class, () -> RecordReader.readAllPosts(f));
    return e.getMessage().substring(f.toString().length());
  }

  @Test
  void recordSize() throws Exception {
    assertEquals(":1: line longer than 1048576 characters",
        readError("{\"id\": \"p1\", \"channel_id\": \"c1\", \"text\": \"" + "a".repeat(1 << 20) + "\"}"));
  }

  @Test
  void textLength() throws Exception {
    assertEquals(":1: field 'text': longer than 100000 characters",
        readError("{\"id\": \"p1\", \"channel_id\": \"c1\", \"text\": \"" + "a".repeat(100_001) + "\"}"));
    // At the limit it is accepted.
    Path f = tmp.resolve("ok.jsonl");
    Files.writeString(f, "{\"id\": \"p1\", \"channel_id\": \"c1\", \"text\": \"" + "a".repeat(100_000) + "\"}\n");
    assertEquals(100_000, RecordReader.readAllPosts(f).get(0).text().length());
  }

  @Test
  void linksPerPost() throws Exception {
    List<String> links = new ArrayList<>();
    for (int i = 0; i < 257; i++) links.add("\"https://x.example/" + i + "\"");
    assertEquals(":1: field 'links': more than 256 entries",
        readError("{\"id\": \"p1\", \"channel_id\": \"c1\", \"links\": [" + String.join(",", links) + "]}"));
  }

  @Test
  void rulesPerPolicy() throws Exception {
    Path dir = tmp.resolve("policy");
    Files.createDirectories(dir);
    List<String> rules = new ArrayList<>();
    for (int i = 0; i < 4; i++) rules.add(Worlds.rule("r" + i, "\"type\": \"channel\", \"values\": [\"c" + i + "\"]"));
    Worlds.write(dir, "GLOBAL", "[]", rules.toArray(String[]::new));
    // The default (1,000,000) is too large to build here; the same check with a limit of 3.
    PolicyLimits three = new PolicyLimits(PolicyLimits.MAX_FILE_BYTES, PolicyLimits.MAX_VALUE_LENGTH, 3,
        PolicyLimits.MAX_VALUES, PolicyLimits.MAX_JURISDICTIONS, PolicyLimits.MAX_REGEX_STATES, PolicyLimits.MAX_TOTAL_BYTES);
    PolicyValidationException e = assertThrows(PolicyValidationException.class, () -> load(dir, three));
    assertEquals(List.of("GLOBAL.json:5:1: r3: too many rules: a policy directory holds at most 3"),
        e.errors().stream().map(PolicyError::toString).toList());
    assertEquals(1_000_000, PolicyLimits.DEFAULT.maxRules());
  }

  @Test
  void automatonSizePerRegex() throws Exception {
    Path dir = tmp.resolve("policy");
    Files.createDirectories(dir);
    // (a|b)*a(a|b){14}: the determinized automaton needs 2^15 states.
    Worlds.write(dir, "GLOBAL", "[]", Worlds.rule("big", "\"type\": \"regex\", \"values\": [\"[ab]*a[ab]{14}\"]"),
        Worlds.rule("ok", "\"type\": \"regex\", \"values\": [\"bet[0-9]{3,}\"]"));
    PolicyValidationException e = assertThrows(PolicyValidationException.class, () -> PolicyLoader.load(dir));
    assertEquals(List.of("GLOBAL.json:2:43: big: values[0] '[ab]*a[ab]{14}' is too complex (more than 10000 automaton"
        + " states)"), e.errors().stream().map(PolicyError::toString).toList());
  }

  @Test
  void cacheMemory() throws Exception {
    Worlds.World w = Worlds.world(4, 6, 80);
    Path policy = tmp.resolve("policy");
    Worlds.writePolicy(policy, 1);
    PolicySnapshot snapshot = PolicyLoader.load(policy);
    long bound = 64;
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, bound);
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      for (var c : w.channels) index.add(c);
      for (Post p : w.posts) index.add(p);
      SearchService s = SearchService.builder(index)
          .visibility(new PolicyVisibility(() -> snapshot, cache, Clock.fixed(Worlds.NOW, ZoneOffset.UTC))).build();
      for (String j : new String[] {"GLOBAL", "KZ", "RU", "KZ"}) {
        s.search(SearchRequest.builder(j).build());
        ExclusionCache.Stats st = cache.stats();
        assertTrue(st.bytes() <= bound, "cache holds " + st.bytes() + " bytes > bound " + bound + ": " + st);
      }
      assertTrue(cache.stats().evictions() > 0, cache.stats().toString());
    }
  }

  private static PolicySnapshot load(Path dir, PolicyLimits limits) throws Exception {
    Method m = PolicyLoader.class.getDeclaredMethod("load", Path.class, RuleTypes.class, PolicyLimits.class);
    m.setAccessible(true);
    try {
      return (PolicySnapshot) m.invoke(null, dir, RuleTypes.standard(), limits);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }
}
