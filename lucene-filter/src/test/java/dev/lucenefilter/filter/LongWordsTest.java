package dev.lucenefilter.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.TestLeases;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.policy.PolicyLimits;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.TestPolicies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Words longer than the index keeps of a word (8,000 chars): the reference decision reads every word whole, and
 * query-time filtering hides exactly the records it hides, in both directions (a whole word that matches while its
 * kept beginning does not, and the other way round), on the post side and the channel side.
 */
class LongWordsTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  /** Longest word the index keeps whole. */
  static final int KEPT = 8_000;

  @TempDir Path tmp;

  private final List<Post> posts = new ArrayList<>();
  private final List<Channel> channels = new ArrayList<>();

  private void post(String id, String channel, String text) {
    posts.add(new Post(id, channel, "", text, NOW, 1, List.of(), List.of(), Map.of()));
  }

  @Test
  void regexRulesReadLongWordsWhole() throws Exception {
    // One rule a jurisdiction, so that a record hidden by the wrong rule cannot pass for one hidden by the right one.
    Map<String, String> rules = new LinkedHashMap<>();
    rules.put("SUF", regex("suf", "[a-z]*casino", "both"));
    rules.put("DIG", regex("dig", "bet[0-9]{3,}", "both"));
    rules.put("CYR", regex("cyr", "[а-я]*казино", "both"));
    rules.put("ZHE", regex("zhe", "ж+", "both"));
    rules.put("ANY", regex("any", "a.+casino", "both"));
    rules.put("CHN", regex("chn", "[a-z]*casino", "channel"));
    post("leak", "c1", "x".repeat(KEPT) + "casino");                 // whole word matches, its beginning does not
    post("fits", "c1", "x".repeat(KEPT - 6) + "casino");             // exactly the limit: kept whole
    post("over", "c1", "bet" + "7".repeat(9_000) + "x");             // its beginning matches, the whole word does not
    post("bet-beside", "c1", "play bet777 " + "y".repeat(9_000));    // a long word beside a short match
    post("bet-long", "c1", "bet" + "7".repeat(9_000));               // both match
    post("leak-ru", "c1", "ж".repeat(KEPT) + "казино");
    post("zh", "c1", "ж".repeat(9_000));
    post("surrogates", "c1", "a" + "\uD801\uDC28".repeat(4_500) + "casino"); // cut between the chars of a pair
    post("plain", "c1", "nothing to see " + "q".repeat(9_000));
    channels.add(new Channel("c2", "", "news", "x".repeat(KEPT + 1) + "casino", "", 0, NOW, Map.of()));
    post("in-c2", "c2", "hello");
    Map<String, Set<String>> expected = Map.of(
        "SUF", Set.of("post:leak", "post:fits", "channel:c2", "post:in-c2"),
        "DIG", Set.of("post:bet-beside", "post:bet-long"),
        "CYR", Set.of("post:leak-ru"),
        "ZHE", Set.of("post:zh"),
        "ANY", Set.of("post:surrogates"),
        "CHN", Set.of("channel:c2", "post:in-c2"));
    assertQueryTimeEqualsEngine(PolicyLimits.DEFAULT, rules, expected);
  }

  /** A rule value this long needs limits above the default ones (1,000 chars fold to at most 6,000). */
  @Test
  void phraseRulesReadLongWordsWhole() throws Exception {
    Map<String, String> rules = new LinkedHashMap<>();
    rules.put("EXACT", phrase("exact", "x".repeat(KEPT)));            // its beginning equals a longer word's
    rules.put("LONG", phrase("long", "y".repeat(KEPT + 500)));        // longer than the index keeps
    rules.put("TWO", phrase("two", "buy " + "y".repeat(KEPT + 500)));
    rules.put("PREFIX", phrase("prefix", "z".repeat(KEPT + 10) + "*"));
    post("x-longer", "c1", "x".repeat(KEPT + 1));
    post("x-equal", "c1", "x".repeat(KEPT));
    post("y-equal", "c1", "y".repeat(KEPT + 500));
    post("y-longer", "c1", "y".repeat(KEPT + 501));
    post("buy-y", "c1", "buy " + "y".repeat(KEPT + 500));
    post("z-longer", "c1", "z".repeat(KEPT + 20));
    post("z-shorter", "c1", "z".repeat(KEPT + 5));
    Map<String, Set<String>> expected = Map.of(
        "EXACT", Set.of("post:x-equal"),
        "LONG", Set.of("post:y-equal", "post:buy-y"),
        "TWO", Set.of("post:buy-y"),
        "PREFIX", Set.of("post:z-longer"));
    assertQueryTimeEqualsEngine(new PolicyLimits(PolicyLimits.MAX_FILE_BYTES, 20_000, PolicyLimits.MAX_RULES,
        PolicyLimits.MAX_VALUES, PolicyLimits.MAX_JURISDICTIONS, PolicyLimits.MAX_REGEX_STATES, PolicyLimits.MAX_TOTAL_BYTES),
        rules, expected);
  }

  private static String regex(String id, String pattern, String target) {
    return rule(id, "regex", pattern, target);
  }

  private static String phrase(String id, String value) {
    return rule(id, "phrase", value, "both");
  }

  private static String rule(String id, String type, String value, String target) {
    return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"category\": \"t\", \"legal_basis\": \"t\", "
        + "\"target\": \"" + target + "\", \"values\": [\"" + value + "\"]}";
  }

  /**
   * Writes one jurisdiction a rule, indexes the records, and checks in each jurisdiction that the engine hides
   * {@code expected} and that the reader view and the filter query hide exactly what the engine hides.
   */
  private void assertQueryTimeEqualsEngine(PolicyLimits limits, Map<String, String> rules,
      Map<String, Set<String>> expected) throws Exception {
    Path policy = Files.createDirectories(tmp.resolve("policy"));
    Files.writeString(policy.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    rules.forEach((code, rule) -> write(policy.resolve(code + ".json"),
        "{\"jurisdiction\": \"" + code + "\", \"rules\": [" + rule + "]}"));
    PolicySnapshot snapshot = TestPolicies.load(policy, limits);
    DecisionEngine engine = DecisionEngine.create(snapshot);
    Map<String, Channel> byId = new LinkedHashMap<>();
    for (Channel c : channels) byId.put(c.id(), c);
    Set<String> all = new TreeSet<>();
    List<String> wrong = new ArrayList<>();
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      for (Channel c : channels) {
        index.add(c);
        all.add("channel:" + c.id());
      }
      for (Post p : posts) {
        index.add(p);
        all.add("post:" + p.id());
      }
      ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 64L << 20);
      try (var lease = TestLeases.unfiltered(index)) {
        DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
        for (String j : rules.keySet()) {
          Set<String> hidden = new TreeSet<>();
          for (Post p : posts) {
            if (!engine.decide(p, byId.get(p.channelId()), j, NOW).visible()) hidden.add("post:" + p.id());
          }
          for (Channel c : channels) if (!engine.decide(c, j, NOW).visible()) hidden.add("channel:" + c.id());
          if (!hidden.equals(new TreeSet<>(expected.get(j)))) wrong.add(j + ": the engine hides " + hidden);
          Set<String> view = new TreeSet<>(all);
          view.removeAll(ids(new IndexSearcher(cache.visibleReader(reader, snapshot, j, NOW)), new MatchAllDocsQuery()));
          if (!view.equals(hidden)) wrong.add(j + ": the reader view hides " + view + ", the engine " + hidden);
          Query filtered = new BooleanQuery.Builder()
              .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
              .add(cache.visibleQuery(reader, snapshot, j, NOW), BooleanClause.Occur.FILTER)
              .build();
          Set<String> query = new TreeSet<>(all);
          query.removeAll(ids(new IndexSearcher(reader), filtered));
          if (!query.equals(hidden)) wrong.add(j + ": the filter query hides " + query + ", the engine " + hidden);
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Set<String> ids(IndexSearcher searcher, Query q) throws Exception {
    Set<String> out = new TreeSet<>();
    var stored = searcher.storedFields();
    for (ScoreDoc sd : searcher.search(q, 1_000).scoreDocs) {
      var d = stored.document(sd.doc, Set.of(FilterFields.KIND, FilterFields.ID));
      out.add(d.get(FilterFields.KIND) + ":" + d.get(FilterFields.ID));
    }
    return out;
  }
}
