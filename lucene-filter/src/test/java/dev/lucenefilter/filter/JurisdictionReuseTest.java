package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.index.TestLeases;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jurisdiction's exclusions are keyed on its active rules, not on the snapshot: a swap keeps those of every
 * jurisdiction whose rules it leaves alone, rebuilds the others, and what each jurisdiction sees is always what a
 * cache built from nothing shows (the differential check in every test).
 */
class JurisdictionReuseTest {
  static final Instant NOW = ExclusionCacheTest.NOW;
  @TempDir Path tmp;

  private static String rule(String id, String type, String value) { return ExclusionCacheTest.rule(id, type, value); }

  private PolicySnapshot policy(String name, List<String> global, List<String> kz, List<String> ru) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("GLOBAL.json"), file("GLOBAL", global));
    Files.writeString(dir.resolve("KZ.json"), file("KZ", kz));
    Files.writeString(dir.resolve("RU.json"), file("RU", ru));
    return PolicyLoader.load(dir);
  }

  private static String file(String code, List<String> rules) {
    return "{\"jurisdiction\": \"" + code + "\", \"rules\": [\n" + String.join(",\n", rules) + "]}";
  }

  @Test
  void anEditOfOneJurisdictionKeepsTheOthersExclusionsAndRebuildsItsOwn() throws Exception {
    PolicySnapshot before = policy("before", List.of(), List.of(rule("kz-1", "channel", "c1"),
        rule("kz-2", "phrase", "w2")), List.of(rule("ru-1", "channel", "c3")));
    PolicySnapshot after = policy("after", List.of(), List.of(rule("kz-1", "channel", "c1"),
        rule("kz-2", "phrase", "w4")), List.of(rule("ru-1", "channel", "c3")));
    assertThat(after.version()).isNotEqualTo(before.version());
    Swapped swap = swap(before, after);
    assertThat(swap.kept()).containsExactly("GLOBAL", "RU");
    assertThat(swap.visible().get("KZ")).doesNotContain("c1", "p1-0", "p4-0", "p4-2")
        .contains("c2", "p2-0", "c4", "c3", "p3-1");
    assertThat(swap.visible().get("RU")).doesNotContain("c3", "p3-0").contains("c1", "p4-0");
  }

  @Test
  void anEditOfGlobalRebuildsEveryJurisdictionThatInheritsIt() throws Exception {
    PolicySnapshot before = policy("before", List.of(), List.of(rule("kz-1", "channel", "c1")),
        List.of(rule("ru-1", "channel", "c3")));
    PolicySnapshot after = policy("after", List.of(rule("gl-1", "phrase", "w5")), List.of(rule("kz-1", "channel", "c1")),
        List.of(rule("ru-1", "channel", "c3")));
    Swapped swap = swap(before, after);
    assertThat(swap.kept()).isEmpty();
    assertThat(swap.visible().get("RU")).doesNotContain("p5-0", "p5-1", "p5-2").contains("c5");
  }

  /** What a swap did: the jurisdictions whose exclusions it kept (the same instance), and what each sees after. */
  private record Swapped(Set<String> kept, Map<String, Set<String>> visible) {}

  /**
   * Warms GLOBAL, KZ and RU under {@code before}, then under {@code after} on the same cache, and checks that every
   * jurisdiction then sees exactly what a cache built from nothing shows.
   */
  private Swapped swap(PolicySnapshot before, PolicySnapshot after) throws Exception {
    List<String> all = List.of("GLOBAL", "KZ", "RU");
    try (ContentIndex index = ExclusionCacheTest.index(tmp, 8); ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
      DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
      ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 64L << 20);
      cache.warm(reader, before, all, NOW);
      Map<String, ReaderExclusions> old = new HashMap<>();
      for (String j : all) old.put(j, cache.exclusions(reader, before, j, NOW));
      cache.warm(reader, after, all, NOW);
      Set<String> kept = new TreeSet<>();
      Map<String, Set<String>> visible = new TreeMap<>();
      for (String j : all) {
        if (cache.exclusions(reader, after, j, NOW) == old.get(j)) kept.add(j);
        visible.put(j, visibleIds(cache, reader, after, j));
        assertThat(visible.get(j)).as(j + " against a cache built from nothing").isEqualTo(fromNothing(reader, after, j));
      }
      return new Swapped(kept, visible);
    }
  }

  @Test
  void aRuleDatePassingInAnotherJurisdictionKeepsThisOnesExclusions() throws Exception {
    // RU's dated rule makes 2026-07-01 an epoch boundary of the whole snapshot; KZ's active rules are the same on
    // both sides of it.
    String dated = "{\"id\": \"ru-later\", \"type\": \"channel\", \"values\": [\"c6\"], \"category\": \"x\", "
        + "\"legal_basis\": \"test\", \"effective_from\": \"2026-07-01T00:00:00Z\"}";
    PolicySnapshot snapshot = policy("p", List.of(), List.of(rule("kz-1", "channel", "c1")), List.of(dated));
    Instant later = Instant.parse("2026-08-01T00:00:00Z");
    try (ContentIndex index = ExclusionCacheTest.index(tmp, 8); ContentIndex.SearcherLease lease = TestLeases.unfiltered(index)) {
      DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
      ExclusionCache cache = new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 64L << 20);
      ReaderExclusions kzNow = cache.exclusions(reader, snapshot, "KZ", NOW);
      ReaderExclusions ruNow = cache.exclusions(reader, snapshot, "RU", NOW);
      assertThat(cache.exclusions(reader, snapshot, "KZ", later)).isSameAs(kzNow);
      assertThat(cache.exclusions(reader, snapshot, "RU", later)).isNotSameAs(ruNow);
      assertThat(ids(cache.visibleReader(reader, snapshot, "RU", NOW))).contains("c6", "p6-0");
      assertThat(ids(cache.visibleReader(reader, snapshot, "RU", later))).doesNotContain("c6", "p6-0");
    }
  }

  @Test
  void theRulesDigestFollowsTheContentOfTheDeclaringFilesNotTheirFormatting() throws Exception {
    String a = rule("kz-a", "channel", "c1");
    String b = "{\"id\": \"kz-b\", \"type\": \"phrase\", \"values\": [\"w2\", \"w3\"], \"category\": \"x\", \"legal_basis\": \"test\"}";
    String bReordered = "{\"legal_basis\": \"test\", \"values\": [\"w3\", \"w2\"], \"type\": \"phrase\", \"id\": \"kz-b\", "
        + "\"category\": \"x\"}";
    String digest = digest(policy("p1", List.of(), List.of(a, b), List.of()));
    assertThat(digest).matches("[0-9a-f]{64}");
    // Rules in another order, fields in another order, values in another order: the same content.
    assertThat(digest(policy("p2", List.of(), List.of(bReordered, a), List.of()))).isEqualTo(digest);
    // Another file's rules are not KZ's, unless KZ inherits them.
    assertThat(digest(policy("p3", List.of(), List.of(a, b), List.of(rule("ru-1", "channel", "c9"))))).isEqualTo(digest);
    assertThat(digest(policy("p4", List.of(rule("gl-1", "channel", "c9")), List.of(a, b), List.of())))
        .isNotEqualTo(digest);
    // What can hide changes it: a target, a value, an id.
    assertThat(digest(policy("p5", List.of(), List.of(a, b.replace("\"legal_basis\"", "\"target\": \"channel\", \"legal_basis\"")),
        List.of()))).isNotEqualTo(digest);
    assertThat(digest(policy("p6", List.of(), List.of(a, b.replace("w3", "w4")), List.of()))).isNotEqualTo(digest);
    assertThat(digest(policy("p7", List.of(), List.of(a, b.replace("kz-b", "kz-c")), List.of()))).isNotEqualTo(digest);
    // So does a label of the file (conservative: the file's digest covers all of it).
    assertThat(digest(policy("p8", List.of(), List.of(a, b.replace("\"x\"", "\"y\"")), List.of()))).isNotEqualTo(digest);
  }

  private static String digest(PolicySnapshot s) {
    return new FilterContext(s, "KZ", NOW, CompiledPolicy.of(s), FilterContext.RuleSets.UNCACHED, false).rulesDigest();
  }

  private static Set<String> visibleIds(ExclusionCache cache, DirectoryReader reader, PolicySnapshot s, String j)
      throws IOException {
    return ids(cache.visibleReader(reader, s, j, NOW));
  }

  /** What a jurisdiction sees through a cache that has never seen another snapshot. */
  private static Set<String> fromNothing(DirectoryReader reader, PolicySnapshot s, String j) throws IOException {
    return visibleIds(new ExclusionCache(ContentFilters.builtIn(), UnknownJurisdictions.ERROR, 64L << 20), reader, s, j);
  }

  private static Set<String> ids(DirectoryReader view) throws IOException {
    IndexSearcher searcher = new IndexSearcher(view);
    StoredFields stored = searcher.storedFields();
    Set<String> ids = new TreeSet<>();
    for (ScoreDoc d : searcher.search(new MatchAllDocsQuery(), 10_000).scoreDocs) {
      ids.add(stored.document(d.doc).get(FilterFields.ID));
    }
    return ids;
  }
}
