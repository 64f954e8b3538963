package dev.lucenefilter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lucenefilter.filter.ContentFilters;
import dev.lucenefilter.filter.DecisionEngine;
import dev.lucenefilter.filter.ExclusionCache;
import dev.lucenefilter.filter.UnknownJurisdictions;
import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.search.Hit;
import dev.lucenefilter.search.InvalidQueryException;
import dev.lucenefilter.search.InvalidRequestException;
import dev.lucenefilter.search.PolicyVisibility;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchResult;
import dev.lucenefilter.search.SearchService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile query strings through {@link SearchService} with a real policy over an index that holds hidden records.
 * Each query is either searched as plain words or refused with one {@link InvalidRequestException} (of which
 * {@link InvalidQueryException} is the query kind); no hit is ever hidden under the policy, no query reaches a
 * non-text field, none overflows the stack or runs unbounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileQueriesTest {
  static final boolean LONG = Boolean.getBoolean("lucenefilter.long");
  static final String[] JURISDICTIONS = {"KZ", "GLOBAL"};

  @TempDir static Path tmp;
  private ContentIndex index;
  private SearchService service;
  private DecisionEngine engine;
  private final Map<String, Post> posts = new HashMap<>();
  private final Map<String, Channel> channels = new HashMap<>();
  private long tried;
  private long refused;
  private long hitsChecked;
  private long slowest;

  @BeforeAll
  void setUp() throws Exception {
    Path policy = tmp.resolve("policy");
    java.nio.file.Files.createDirectories(policy);
    Worlds.write(policy, "GLOBAL", "[]",
        Worlds.rule("g-casino", "\"type\": \"phrase\", \"values\": [\"казино\", \"hiddenmarker\"]"));
    Worlds.write(policy, "KZ", "[\"GLOBAL\"]",
        Worlds.rule("kz-bot", "\"type\": \"username\", \"values\": [\"casino_bot\"]"),
        Worlds.rule("kz-ch", "\"type\": \"channel\", \"values\": [\"c2\"]"));
    PolicySnapshot snapshot = PolicyLoader.load(policy);
    engine = DecisionEngine.create(snapshot, ContentFilters.builtIn(), UnknownJurisdictions.ERROR);
    add(new Channel("c0", "city_news", "city news word abc", "lucene join news", "ru", 10, Instant.EPOCH, Map.of()));
    add(new Channel("c1", "casino_bot", "word abc lucene", "join from to x y", "ru", 20, Instant.EPOCH, Map.of()));
    add(new Channel("c2", "other_chan", "word abc lucene", "hidden channel", "ru", 30, Instant.EPOCH, Map.of()));
    // Visible posts carry the words hostile queries are made of, so plain-word readings find something.
    add(post("p1", "c0", "погода алматы today word abc a b c"));
    add(post("p2", "c0", "lucene join from to x y word"));
    // Hidden posts carry the same words and more: any leak would match them.
    add(post("p3", "c0", "онлайн казино word abc a b c lucene join from to x y channel_id id kind source"));
    add(post("p4", "c1", "погода алматы today word abc a b c lucene join from to x y"));
    add(post("p5", "c2", "погода алматы today word abc a b c lucene join x y"));
    add(post("p6", "c0", "hiddenmarker word abc aaabbbccc abcabc wordy words"));
    add(post("p7", "c0", "aaabbbccc abcabc wordy words"));
    index = ContentIndex.open(tmp.resolve("index"));
    for (Channel c : channels.values()) index.add(c);
    for (Post p : posts.values()) index.add(p);
    index.commit();
    ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 16L << 20);
    service = SearchService.builder(index)
        .visibility(new PolicyVisibility(() -> snapshot, cache, Clock.fixed(Worlds.NOW, ZoneOffset.UTC)))
        .timeout(Duration.ofSeconds(2))
        .maxResultWindow(50)
        .build();
  }

  @AfterAll
  void tearDown() throws Exception {
    index.close();
    System.out.printf("RELIABILITY hostile-queries: queries tried %d, refused %d, hits checked %d, leaks 0,"
        + " slowest %d ms%n", tried, refused, hitsChecked, slowest);
  }

  private void add(Channel c) { channels.put(c.id(), c); }

  private void add(Post p) { posts.put(p.id(), p); }

  private static Post post(String id, String channel, String text) {
    return new Post(id, channel, "", text, Worlds.NOW, 1, List.of(), List.of(), Map.of());
  }

  static final List<String> FIELD_SYNTAX = List.of(
      "channel_id:x", "channel_id:c0", "id:p1", "id:p3", "uid:post:p3", "*:*", "_source:x", "kind:channel",
      "kind:post", "text:*", "username:casino_bot", "nwords:казино", "+channel_id:c1", "domain:bet.example",
      "flag.fraud:[0 TO 1]", "tag:x", "_id:p1", "{!terms f=uid}post:p3",
      "{!terms f=id}p3,p4", "_exists_:text", "@timestamp:*");

  /** Queries that only the field syntax could match: read as words, they match nothing here. */
  @Test
  void fieldSyntaxIsNeverAField() throws Exception {
    for (String q : FIELD_SYNTAX) {
      for (SearchRequest.Target target : SearchRequest.Target.values()) {
        Outcome o = run(q, "KZ", target);
        if (o.result != null) {
          assertEquals(List.of(), ids(o.result), "field syntax matched something: " + q);
        }
      }
    }
  }

  static final List<String> HOSTILE = List.of(
      "/.*/", "/[a-z]+/", "a*b*c*", "*abc", "?abc", "**", "*", "?", "a?c", "ab*", "wor*", "w*", "word~2", "word~",
      "\"a b\"~5", "\"word abc\"~100", "word^100", "word^", "^2", "word abc^0.0001", "(word)", "((word abc))",
      "word AND abc", "word OR abc", "word OR", "OR", "OR OR OR", "NOT word", "-word", "--word", "-", "- word",
      "\"", "\"\"", "\"unterminated word", "word \"abc", "+word +abc", "&&word", "||", "!word", "word\\ abc",
      "\\", "\\\\", "[a TO z]", "{a TO z}", "<>", "#", "@", "@casino_bot", "casino_bot", "@city_news", "t.me/casino_bot",
      "казино", "онлайн казино", "\"онлайн казино\"", "hiddenmarker", "hiddenmarke*", "kaзинo", "к а з и н о",
      "\u0000word", "word\u0000abc", "\u0007\u001b[31mword", "word\r\nabc", "\t\tword\t", "\uD800", "\uDC00abc",
      "word\uD800abc", "abc\uDBFF", "\uFEFFword", "wo\u200Brd", "\u202Eword", "\uFFFF", "\uFFFE", "𝕨𝕠𝕣𝕕",
      "😀", "word 😀*", "ab" + "c".repeat(998), "a ".repeat(500), "xa* ya* za* wa* va*", "word* abc* lucene* join*",
      "a* b* c* d* e*", "aa*", "aa* bb* cc* dd* ee*", "%", "%%%", "';DROP TABLE posts;--", "<script>alert(1)</script>",
      "${jndi:ldap://x/a}", "{{7*7}}", "null", "undefined", "true", "NaN", "-1", "1e309", "0x41",
      "(".repeat(499) + "word" + ")".repeat(499), "\"".repeat(999), "-\"".repeat(333), "*".repeat(1000),
      "(".repeat(10_000) + "word" + ")".repeat(10_000), "word ".repeat(20_000), "x".repeat(100_000),
      "x".repeat(1000), "x".repeat(1001), "word ".repeat(64), "word ".repeat(65), "a b c d e f g h i j k l m n o p".repeat(5));

  @Test
  void hostileQueriesAreWordsOrOneClearRefusal() throws Exception {
    for (String q : HOSTILE) {
      for (String j : JURISDICTIONS) {
        for (SearchRequest.Target target : SearchRequest.Target.values()) run(q, j, target);
      }
    }
    // The documented refusals, exactly.
    assertEquals("query longer than 1000 characters (100000)", refusal("x".repeat(100_000)));
    assertEquals("query longer than 1000 characters (20004)",
        refusal("(".repeat(10_000) + "word" + ")".repeat(10_000)));
    assertEquals("leading wildcards are not allowed: '*abc'", refusal("*abc"));
    assertEquals("at most 4 prefix words (word*) per query", refusal("xa* ya* za* wa* va*"));
    assertEquals("query has more than 64 terms", refusal("word ".repeat(65)));
    assertEquals("a prefix needs one word of at least 2 letters before '*': 'w*'", refusal("w*"));
  }

  /** Plain-word readings still work, and find only what the jurisdiction may see. */
  @Test
  void plainWordsFindOnlyVisibleRecords() throws Exception {
    assertEquals(List.of("p1"), ids(run("погода", "KZ", SearchRequest.Target.POSTS).result));
    assertEquals(List.of("p1", "p4", "p5"), ids(run("погода", "GLOBAL", SearchRequest.Target.POSTS).result));
    assertEquals(List.of("p1", "p2"), ids(run("word", "KZ", SearchRequest.Target.POSTS).result));
    assertEquals(List.of(), ids(run("казино", "GLOBAL", SearchRequest.Target.POSTS).result));
    assertEquals(List.of(), ids(run("hiddenmarker", "GLOBAL", SearchRequest.Target.POSTS).result));
    assertEquals(List.of("c0"), ids(run("word", "KZ", SearchRequest.Target.CHANNELS).result));
    // "(word)" is the word "word"; "word^100" is the words "word 100" (no boost), which no text holds.
    assertEquals(List.of("p1", "p2"), ids(run("(word)", "KZ", SearchRequest.Target.POSTS).result));
    assertEquals(List.of(), ids(run("word^100", "KZ", SearchRequest.Target.POSTS).result));
    // "lucene~" is the word "lucene" (no fuzziness: "lucen~" finds nothing).
    assertEquals(List.of("p2"), ids(run("lucene~", "KZ", SearchRequest.Target.POSTS).result));
    assertEquals(List.of(), ids(run("lucen~1", "KZ", SearchRequest.Target.POSTS).result));
    // Local params of other engines are their words: "lucene"; "join", "from x", "to y" (as phrases).
    assertEquals(List.of("p2"), ids(run("{!lucene}*:*", "KZ", SearchRequest.Target.POSTS).result));
    assertEquals(List.of(), ids(run("{!join from=x to=y}*:*", "KZ", SearchRequest.Target.POSTS).result));
    assertEquals(List.of("p2"), ids(run("{!join from to=x y}", "KZ", SearchRequest.Target.POSTS).result));
    assertEquals(List.of("p2", "p4", "p5"), ids(run("{!lucene}*:*", "GLOBAL", SearchRequest.Target.POSTS).result));
  }

  /** Seeded random mixtures of hostile fragments, words, control and surrogate characters. */
  @Test
  void randomHostileMixtures() throws Exception {
    Random r = new Random(7);
    String[] fragments = {"word", "abc", "казино", "lucene", "x", "y", ":", "*", "?", "~", "~2", "^", "^9", "(", ")",
        "[", "]", "{", "}", "{!", "!", "/", "\\", "\"", "-", "+", "OR", "AND", "NOT", " ", " ", "  ", "@", "#",
        "channel_id:", "id:", "kind:", "_source:", "*:*", "\u0000", "\uD800", "\uDFFF", "\u200B", "\u0301", "ё", "ß",
        "t.me/", "casino_bot", "hiddenmarker", "aa*", "\n", "\t", "\u2028", "😀"};
    int n = LONG ? 50_000 : 2_500;
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + r.nextInt(12);
      for (int k = 0; k < len; k++) {
        if (r.nextInt(10) == 0) sb.append((char) r.nextInt(0x10000));
        else sb.append(fragments[r.nextInt(fragments.length)]);
      }
      if (r.nextInt(50) == 0) sb.append("(".repeat(r.nextInt(2000)));
      run(sb.toString(), JURISDICTIONS[r.nextInt(JURISDICTIONS.length)],
          r.nextBoolean() ? SearchRequest.Target.POSTS : SearchRequest.Target.CHANNELS);
    }
  }

  /** Page size, result window and unknown jurisdictions are refused with one clear message. */
  @Test
  void requestBoundsAreEnforced() throws Exception {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> SearchRequest.builder("KZ").pageSize(1001).build());
    assertEquals("page size must be between 1 and 1000, not 1001", e.getMessage());
    e = assertThrows(InvalidRequestException.class, () -> SearchRequest.builder("KZ").pageSize(0).build());
    assertEquals("page size must be between 1 and 1000, not 0", e.getMessage());
    e = assertThrows(InvalidRequestException.class, () -> SearchRequest.builder("").build());
    assertEquals("a jurisdiction is required: every search is filtered for one", e.getMessage());
    e = assertThrows(InvalidRequestException.class,
        () -> service.search(SearchRequest.builder("XX").query("word").build()));
    assertTrue(e.getMessage().startsWith("unknown jurisdiction 'XX'"), e.getMessage());
    // The window (50 here): pages of 20 reach 40, the third page would pass 50.
    SearchResult page = service.search(SearchRequest.builder("GLOBAL").pageSize(2).build());
    assertNotNull(page.nextCursor());
    e = assertThrows(InvalidRequestException.class,
        () -> service.search(SearchRequest.builder("GLOBAL").pageSize(49).cursor(
            service.search(SearchRequest.builder("GLOBAL").pageSize(2).build()).nextCursor()).build()));
    assertEquals("result window exceeded: at most 50 hits per query", e.getMessage());
    e = assertThrows(InvalidRequestException.class,
        () -> service.search(SearchRequest.builder("GLOBAL").cursor("not-a-cursor").build()));
    assertFalse(e.getMessage().isBlank());
  }

  private String refusal(String q) throws Exception {
    Outcome o = run(q, "KZ", SearchRequest.Target.POSTS);
    if (o.refusal == null) fail("expected a refusal of " + abbreviate(q));
    return o.refusal.getMessage();
  }

  record Outcome(SearchResult result, InvalidRequestException refusal) {}

  /** Runs one query and checks every invariant; returns the result or the refusal. */
  private Outcome run(String q, String jurisdiction, SearchRequest.Target target) throws Exception {
    tried++;
    long t0 = System.nanoTime();
    Outcome o;
    try {
      SearchResult result = service.search(SearchRequest.builder(jurisdiction).query(q).target(target).pageSize(50).build());
      o = new Outcome(result, null);
    } catch (InvalidRequestException e) {
      refused++;
      if (System.getProperty("debugq") != null) System.out.println("REFUSED " + abbreviate(q) + ": " + e.getMessage());
      String m = e.getMessage();
      assertTrue(m != null && !m.isBlank() && m.indexOf('\n') < 0 && m.length() < 300,
          "refusal of " + abbreviate(q) + " is not one clear line: " + m);
      o = new Outcome(null, e);
    } catch (Throwable t) {
      throw new AssertionError("query " + abbreviate(q) + " threw " + t, t);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    slowest = Math.max(slowest, ms);
    if (o.result != null) {
      assertFalse(o.result.timedOut(), "query timed out: " + abbreviate(q));
      for (Hit h : o.result.hits()) {
        hitsChecked++;
        boolean visible;
        if (target == SearchRequest.Target.POSTS) {
          assertEquals("post", h.kind());
          Post p = posts.get(h.id());
          visible = engine.decide(p, channels.get(p.channelId()), jurisdiction, Worlds.NOW).visible();
        } else {
          assertEquals("channel", h.kind());
          visible = engine.decide(channels.get(h.id()), jurisdiction, Worlds.NOW).visible();
        }
        assertTrue(visible, "LEAK: query " + abbreviate(q) + " in " + jurisdiction + " returned hidden " + h.id());
      }
    }
    return o;
  }

  private static List<String> ids(SearchResult r) {
    List<String> out = new ArrayList<>();
    for (Hit h : r.hits()) out.add(h.id());
    out.sort(null);
    return out;
  }

  static String abbreviate(String s) {
    String e = s.length() > 60 ? s.substring(0, 57) + "...(" + s.length() + " chars)" : s;
    StringBuilder sb = new StringBuilder();
    for (char c : e.toCharArray()) sb.append(c < 0x20 || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : c);
    return "'" + sb + "'";
  }
}
