package dev.lucenefilter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Channel;
import dev.lucenefilter.model.Post;
import dev.lucenefilter.model.RecordFormatException;
import dev.lucenefilter.model.RecordJson;
import dev.lucenefilter.model.RecordReader;
import dev.lucenefilter.policy.PolicyError;
import dev.lucenefilter.policy.PolicyLoader;
import dev.lucenefilter.policy.PolicyValidationException;
import dev.lucenefilter.search.InvalidRequestException;
import dev.lucenefilter.search.SearchRequest;
import dev.lucenefilter.search.SearchService;
import dev.lucenefilter.search.VisibilityFilter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the three parsers that read untrusted input, with seeded random mutations of valid inputs
 * ({@link Mutator}) plus the regression inputs kept under {@code src/test/resources/reliability/}. Invariants: the
 * record reader returns records or throws {@link RecordFormatException} naming {@code FILE:LINE}; the policy
 * loader loads or throws {@link PolicyValidationException} whose every error has {@code FILE:LINE:COLUMN}; a query
 * is searched or refused with {@link InvalidRequestException}. Nothing else is thrown and nothing hangs.
 */
class InputFuzzTest {
  static final boolean LONG = Boolean.getBoolean("lucenefilter.long");
  private static final Pattern RECORD_ERROR = Pattern.compile("^.+:[1-9][0-9]*: (field '[^']+': )?[^\\n]+$");
  private static final long[] FIGURES = new long[6];

  @TempDir Path tmp;

  @AfterAll
  static void report() {
    System.out.printf("RELIABILITY fuzz: records inputs %d (refused %d), policy dirs %d (refused %d),"
        + " queries %d (refused %d); unexpected exceptions 0, hangs 0%n", FIGURES[0], FIGURES[1], FIGURES[2],
        FIGURES[3], FIGURES[4], FIGURES[5]);
  }

  // ------------------------------------------------------------------------------------------ records

  @Test
  void recordReaderReturnsRecordsOrOneLocatedError() throws Exception {
    Worlds.World w = Worlds.world(3, 6, 40);
    List<byte[]> seeds = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      seeds.add((RecordJson.toJson(w.posts.get(i)) + "\n" + RecordJson.toJson(w.posts.get(i + 20)) + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    for (Channel c : w.channels) seeds.add((RecordJson.toJson(c) + "\n").getBytes(StandardCharsets.UTF_8));
    Mutator m = new Mutator(11);
    int n = LONG ? 200_000 : 2_000;
    Path file = tmp.resolve("records.jsonl");
    for (int i = 0; i < n; i++) {
      byte[] input = m.mutate(seeds.get(m.random().nextInt(seeds.size())));
      Files.write(file, input);
      checkRecords(file, true);
      checkRecords(file, false);
    }
    for (Path regression : resources("records")) {
      checkRecords(regression, regression.getFileName().toString().startsWith("post"));
    }
  }

  private static void checkRecords(Path file, boolean posts) throws IOException {
    for (RecordReader.OnError mode : RecordReader.OnError.values()) {
      FIGURES[0]++;
      long lines = Files.readAllBytes(file).length == 0 ? 0 : countLines(file);
      try (RecordReader<?> r = posts ? RecordReader.posts(file, mode, e -> checkRecordError(e, file, lines))
          : RecordReader.channels(file, mode, e -> checkRecordError(e, file, lines))) {
        while (r.next() != null) {
          // records only
        }
      } catch (RecordFormatException e) {
        FIGURES[1]++;
        checkRecordError(e, file, lines);
      } catch (IOException | RuntimeException | Error e) {
        throw new AssertionError("reader threw " + e + " on " + describe(file), e);
      }
    }
  }

  private static void checkRecordError(RecordFormatException e, Path file, long lines) {
    assertTrue(RECORD_ERROR.matcher(e.getMessage()).matches(), "not FILE:LINE: message: " + e.getMessage());
    assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    assertTrue(e.line() >= 1 && e.line() <= Math.max(1, lines), "line " + e.line() + " of " + lines + ": " + e.getMessage());
  }

  private static long countLines(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    long n = 1;
    for (int i = 0; i < b.length - 1; i++) if (b[i] == '\n' || b[i] == '\r' && b[i + 1] != '\n') n++;
    return n;
  }

  // ------------------------------------------------------------------------------------------ policies

  @Test
  void policyLoaderLoadsOrReportsEveryErrorWithItsLocation() throws Exception {
    Path seedDir = tmp.resolve("seed");
    Mutator m = new Mutator(13);
    int n = LONG ? 50_000 : 1_500;
    Path dir = tmp.resolve("fuzz");
    String[] files = {"GLOBAL.json", "KZ.json", "RU.json"};
    for (int i = 0; i < n; i++) {
      if (i % 100 == 0) Worlds.writePolicy(seedDir, i / 100);
      Files.createDirectories(dir);
      for (String f : files) Files.copy(seedDir.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String victim = files[m.random().nextInt(files.length)];
      Files.write(dir.resolve(victim), m.mutate(Files.readAllBytes(seedDir.resolve(victim))));
      if (m.random().nextInt(10) == 0) {
        String other = files[m.random().nextInt(files.length)];
        Files.write(dir.resolve(other), m.mutate(Files.readAllBytes(dir.resolve(other))));
      }
      checkPolicy(dir);
    }
    for (Path regression : resources("policies")) if (Files.isDirectory(regression)) checkPolicy(regression);
  }

  private static void checkPolicy(Path dir) throws IOException {
    FIGURES[2]++;
    try {
      PolicyLoader.load(dir);
    } catch (PolicyValidationException e) {
      FIGURES[3]++;
      assertTrue(!e.errors().isEmpty());
      for (PolicyError err : e.errors()) {
        assertTrue(err.file().endsWith(".json") && !err.file().contains("/"), "error without a file: " + err);
        assertTrue(err.line() >= 1 && err.column() >= 1, "error without LINE:COLUMN: " + err + " in " + describe(dir));
        assertTrue(err.toString().matches("(?s)[A-Z][A-Z0-9_]*\\.json:[1-9][0-9]*:[1-9][0-9]*: [^\\n]+"),
            "not FILE:LINE:COLUMN: [RULE_ID: ]message: " + err);
      }
    } catch (RuntimeException | Error e) {
      throw new AssertionError("loader threw " + e + " on " + describe(dir), e);
    }
  }

  /** Regression (fuzzer finding): invalid UTF-8 in a policy file was reported without a line and column. */
  @Test
  void invalidUtf8InAPolicyIsLocated() throws Exception {
    PolicyValidationException e = org.junit.jupiter.api.Assertions.assertThrows(PolicyValidationException.class,
        () -> PolicyLoader.load(resources("policies").stream()
            .filter(p -> p.getFileName().toString().equals("bad-utf8")).findFirst().orElseThrow()));
    assertEquals(List.of("KZ.json:2:18: not valid UTF-8 (byte offset 40)"),
        e.errors().stream().map(PolicyError::toString).toList());
  }

  // ------------------------------------------------------------------------------------------ queries

  @Test
  void queriesAreSearchedOrRefused() throws Exception {
    try (ContentIndex index = ContentIndex.open(tmp.resolve("index"))) {
      Worlds.World w = Worlds.world(5, 4, 30);
      for (Channel c : w.channels) index.add(c);
      for (Post p : w.posts) index.add(p);
      // Only the parser is under test here: an explicit pass-through filter, never used outside tests.
      SearchService service = SearchService.builder(index)
          .visibility((searcher, jurisdiction) -> new MatchAllDocsQuery()).build();
      List<byte[]> seeds = new ArrayList<>();
      for (String q : new String[] {"казино онлайн", "\"free spins\" -bonus", "buy OR win", "luck* news",
          "@casino_bot t.me/city_news", "bet.example", "-\"a b\" c*"}) {
        seeds.add(q.getBytes(StandardCharsets.UTF_8));
      }
      Mutator m = new Mutator(17);
      int n = LONG ? 200_000 : 2_000;
      for (int i = 0; i < n; i++) {
        byte[] b = m.mutate(seeds.get(m.random().nextInt(seeds.size())));
        // Queries arrive as strings; decode leniently, then sometimes add UTF-16 damage bytes cannot express.
        String q = new String(b, StandardCharsets.UTF_8);
        if (m.random().nextInt(5) == 0) {
          int at = m.random().nextInt(q.length() + 1);
          q = q.substring(0, at) + (char) (0xD800 + m.random().nextInt(0x800)) + q.substring(at);
        }
        checkQuery(service, q);
      }
      for (Path regression : resources("queries")) {
        checkQuery(service, Files.readString(regression, StandardCharsets.UTF_8).stripTrailing());
      }
    }
  }

  private static void checkQuery(SearchService service, String q) {
    FIGURES[4]++;
    try {
      service.search(SearchRequest.builder("ANY").query(q).highlight(FIGURES[4] % 10 == 0).build());
    } catch (InvalidRequestException e) {
      FIGURES[5]++;
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank() && e.getMessage().indexOf('\n') < 0,
          "unclear refusal: " + e.getMessage());
    } catch (IOException | RuntimeException | Error e) {
      throw new AssertionError("query " + HostileQueriesTest.abbreviate(q) + " threw " + e, e);
    }
  }

  // ------------------------------------------------------------------------------------------ helpers

  /** The regression inputs in {@code reliability/<kind>/}, sorted; files or directories. */
  static List<Path> resources(String kind) throws IOException, URISyntaxException {
    var url = InputFuzzTest.class.getResource("/reliability/" + kind);
    assertTrue(url != null, "no regression inputs for " + kind);
    try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
      List<Path> out = s.sorted().toList();
      assertTrue(!out.isEmpty(), "no regression inputs for " + kind);
      return out;
    }
  }

  /** The input, for a failure message: what a developer needs to save it as a regression input. */
  private static String describe(Path p) {
    try {
      if (Files.isDirectory(p)) {
        StringBuilder sb = new StringBuilder(p.toString());
        try (Stream<Path> s = Files.list(p)) {
          for (Path f : s.sorted().toList()) sb.append("\n--- ").append(f.getFileName()).append("\n").append(escape(Files.readAllBytes(f)));
        }
        return sb.toString();
      }
      return p + "\n" + escape(Files.readAllBytes(p));
    } catch (IOException e) {
      return p.toString();
    }
  }

  private static String escape(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      int c = x & 0xff;
      if (c >= 0x20 && c < 0x7f || c == '\n') sb.append((char) c);
      else sb.append(String.format("\\x%02x", c));
      if (sb.length() > 4000) return sb.append("...").toString();
    }
    return sb.toString();
  }

  static Random random(long seed) { return new Random(seed); }
}
