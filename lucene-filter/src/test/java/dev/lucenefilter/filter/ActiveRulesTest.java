package dev.lucenefilter.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicySnapshot;
import dev.lucenefilter.policy.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ActiveRules} against its definition, over random policies edited one file at a time: the rules are the
 * effective and reject rules active at the instant, and two equal digests, from any two snapshots, instants and
 * jurisdictions, always name the same rules by content (the property exclusions are shared on).
 */
class ActiveRulesTest {
  private static final String[] DATES = {"2026-03-01", "2026-06-01", "2026-09-01"};
  private static final List<Instant> INSTANTS = List.of(Instant.parse("2026-01-01T00:00:00Z"),
      Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-07-15T00:00:00Z"),
      Instant.parse("2026-12-31T00:00:00Z"));
  /**
   * Code to parents; GLOBAL's reject rules apply everywhere. Sorted: the seeded edits then make the same policies in
   * every JVM (Map.of iterates in an order salted per JVM, so the counts below changed from run to run).
   */
  private static final Map<String, List<String>> CHAIN = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
      "GLOBAL", List.of(), "EU", List.of("GLOBAL"), "DE", List.of("EU"), "KZ", List.of("GLOBAL"), "RU", List.of())));

  @TempDir Path tmp;

  @Test
  void rulesAreTheActiveEffectiveAndRejectRules() throws Exception {
    Random random = new Random(7);
    Map<String, List<String>> files = randomFiles(random);
    for (int k = 0; k < 30; k++) {
      PolicySnapshot s = load(files, "r" + k);
      for (String code : CHAIN.keySet()) {
        for (Instant at : INSTANTS) {
          assertThat(ActiveRules.of(s, code, at, false).rules()).isEqualTo(reference(s, code, at, false));
          assertThat(ActiveRules.of(s, code, at, true).rules()).isEqualTo(reference(s, code, at, true));
        }
      }
      edit(files, random);
    }
  }

  @Test
  void equalDigestsNameTheSameRulesAcrossSnapshots() throws Exception {
    Random random = new Random(11);
    Map<String, List<String>> files = randomFiles(random);
    Map<String, List<String>> contentByDigest = new HashMap<>();
    Map<String, String> firstSeen = new HashMap<>();
    int shared = 0;
    int distinct = 0;
    for (int k = 0; k < 40; k++) {
      PolicySnapshot s = load(files, "d" + k);
      for (String code : CHAIN.keySet()) {
        for (Instant at : INSTANTS) {
          for (boolean rejectsOnly : new boolean[] {false, true}) {
            ActiveRules active = ActiveRules.of(s, code, at, rejectsOnly);
            List<String> content = active.rules().stream().map(ActiveRulesTest::content).toList();
            List<String> before = contentByDigest.putIfAbsent(active.digest(), content);
            String where = "snapshot " + k + " " + code + " at " + at + (rejectsOnly ? " (rejects)" : "");
            if (before == null) {
              firstSeen.put(active.digest(), where);
              distinct++;
            } else {
              assertThat(content).as(where + " against " + firstSeen.get(active.digest())).isEqualTo(before);
              if (!firstSeen.get(active.digest()).startsWith("snapshot " + k + " ")) shared++;
            }
          }
        }
      }
      edit(files, random);
    }
    // Not vacuous: most jurisdictions keep their rules across an edit of one file, and dates split the rest.
    System.out.println("ActiveRulesTest: " + shared + " shared, " + distinct + " distinct");
    assertThat(shared).isGreaterThan(1000);
    assertThat(distinct).isGreaterThan(100);
  }

  @Test
  void anEditOfAnotherFileKeepsTheDigestAndAnInheritedOneChangesIt() throws Exception {
    Map<String, List<String>> files = new LinkedHashMap<>();
    for (String code : CHAIN.keySet()) files.put(code, new ArrayList<>(List.of(rule(code, 1, "channel", "v", false,
        null, null))));
    Instant at = INSTANTS.get(0);
    PolicySnapshot before = load(files, "before");
    files.get("RU").add(rule("RU", 2, "phrase", "w", false, null, null));
    PolicySnapshot ruEdited = load(files, "ru");
    files.get("EU").add(rule("EU", 2, "phrase", "w", false, DATES[1], null));
    PolicySnapshot euEdited = load(files, "eu");
    assertThat(digest(ruEdited, "DE", at)).isEqualTo(digest(before, "DE", at));
    assertThat(digest(ruEdited, "RU", at)).isNotEqualTo(digest(before, "RU", at));
    // The new EU rule is not active yet, but DE inherits EU's file: a conservative miss, never a wrong hit.
    assertThat(digest(euEdited, "DE", at)).isNotEqualTo(digest(ruEdited, "DE", at));
    assertThat(digest(euEdited, "KZ", at)).isEqualTo(digest(ruEdited, "KZ", at));
    // The same snapshot on either side of the EU rule's start date: different rules, different digests.
    assertThat(digest(euEdited, "DE", INSTANTS.get(2))).isNotEqualTo(digest(euEdited, "DE", at));
  }

  private static String digest(PolicySnapshot s, String code, Instant at) {
    return ActiveRules.of(s, code, at, false).digest();
  }

  /** The definition, written the slow way: a map by id of the effective and reject rules active at {@code at}. */
  private static List<Rule> reference(PolicySnapshot s, String code, Instant at, boolean rejectsOnly) {
    TreeMap<String, Rule> byId = new TreeMap<>();
    if (!rejectsOnly) for (Rule r : s.effectiveRules(code)) if (r.activeAt(at)) byId.put(r.id(), r);
    for (Rule r : s.rejectRules()) if (r.activeAt(at)) byId.put(r.id(), r);
    return List.copyOf(byId.values());
  }

  /** What a rule hides and when, without where it was written. */
  private static String content(Rule r) {
    return String.join("|", r.id(), r.type(), r.action().toString(), r.target().toString(),
        new TreeMap<>(r.parameters()).toString(), r.effectiveFrom().toString(), r.expires().toString());
  }

  private Map<String, List<String>> randomFiles(Random random) {
    Map<String, List<String>> files = new LinkedHashMap<>();
    for (String code : CHAIN.keySet()) {
      List<String> rules = new ArrayList<>();
      for (int i = 0, n = random.nextInt(4); i < n; i++) rules.add(randomRule(code, i, random));
      files.put(code, rules);
    }
    return files;
  }

  /** Replaces, adds or removes one rule of one file. */
  private static void edit(Map<String, List<String>> files, Random random) {
    List<String> codes = List.copyOf(files.keySet());
    String code = codes.get(random.nextInt(codes.size()));
    List<String> rules = files.get(code);
    int op = random.nextInt(3);
    if (rules.isEmpty() || op == 2) {
      rules.add(randomRule(code, 6 + random.nextInt(1000), random));
    } else if (op == 0) {
      rules.remove(random.nextInt(rules.size()));
    } else {
      rules.set(random.nextInt(rules.size()), randomRule(code, random.nextInt(6), random));
    }
    // Ids must stay unique within the file.
    Map<String, String> byId = new LinkedHashMap<>();
    for (String r : rules) byId.put(r.substring(0, r.indexOf(',')), r);
    rules.clear();
    rules.addAll(byId.values());
  }

  private static String randomRule(String code, int n, Random random) {
    String from = null;
    String expires = null;
    int dated = random.nextInt(4);
    if (dated == 1) from = DATES[random.nextInt(3)];
    if (dated == 2) expires = DATES[random.nextInt(3)];
    if (dated == 3) {
      from = DATES[0];
      expires = DATES[1 + random.nextInt(2)];
    }
    boolean reject = code.equals("GLOBAL") && random.nextInt(3) == 0;
    return rule(code, n, random.nextBoolean() ? "channel" : "phrase", "v" + random.nextInt(5), reject, from, expires);
  }

  private static String rule(String code, int n, String type, String value, boolean reject, String from,
      String expires) {
    return "{\"id\": \"" + code.toLowerCase() + "-" + n + "\", \"type\": \"" + type + "\", \"values\": [\"" + value
        + "\"]" + (reject ? ", \"action\": \"reject\"" : "")
        + (from == null ? "" : ", \"effective_from\": \"" + from + "\"")
        + (expires == null ? "" : ", \"expires\": \"" + expires + "\"")
        + ", \"category\": \"illegal_gambling\", \"legal_basis\": \"test\"}";
  }

  private PolicySnapshot load(Map<String, List<String>> files, String name) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    for (Map.Entry<String, List<String>> f : files.entrySet()) {
      String inherits = String.join(", ", CHAIN.get(f.getKey()).stream().map(c -> "\"" + c + "\"").toList());
      Files.writeString(dir.resolve(f.getKey() + ".json"), "{\"jurisdiction\": \"" + f.getKey() + "\", \"inherits\": ["
          + inherits + "], \"rules\": [\n" + String.join(",\n", f.getValue()) + "]}");
    }
    return PolicyLoader.load(dir);
  }
}
