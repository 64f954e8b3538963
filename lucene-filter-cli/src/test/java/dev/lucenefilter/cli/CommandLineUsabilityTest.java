package dev.lucenefilter.cli;

import static dev.lucenefilter.cli.CliEndToEndTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lucenefilter.cli.CliEndToEndTest.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's rough edges (issue 12, items 7 to 11), each held to its exact behaviour. */
class CommandLineUsabilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static String index;
  static String policy;

  @BeforeAll
  static void indexTheSmokeCorpus() throws URISyntaxException {
    Path smoke = Path.of(CommandLineUsabilityTest.class.getResource("/contract-smoke").toURI());
    policy = smoke.resolve("policy").toString();
    index = dir.resolve("idx").toString();
    Run r = run("index", "--index", index, "--posts", smoke.resolve("posts.jsonl").toString(), "--channels",
        smoke.resolve("channels.jsonl").toString(), "--blocklists", policy);
    assertThat(r.code()).as(r.err()).isZero();
  }

  private static Run search(String... args) {
    List<String> all = new ArrayList<>(List.of("search", "--index", index, "--blocklists", policy));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  private static List<JsonNode> lines(Run r) {
    assertThat(r.code()).as(r.err()).isZero();
    return r.out().lines().map(l -> {
      try {
        return JSON.readTree(l);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList();
  }

  private static List<String> ids(Run r) {
    return lines(r).stream().map(n -> n.get("id").asText()).toList();
  }

  @Test
  void helpExitsZeroOnEveryCommand() {
    Run top = run("--help");
    assertThat(top.code()).isZero();
    assertThat(top.out()).startsWith("Usage: lucene-filter ");
    List<String> names = new ArrayList<>(new CommandLine(new Main()).getSubcommands().keySet());
    assertThat(names).contains("search", "explain", "index", "check", "demo", "generate", "sign", "verify");
    for (String name : names) {
      Run r = run(name, "--help");
      assertThat(r.code()).as(name + ": " + r.err()).isZero();
      assertThat(r.err()).as(name).isEmpty();
      if (!name.equals("help")) assertThat(r.out()).as(name).startsWith("Usage: lucene-filter " + name);
    }
  }

  @Test
  void unquotedWordsAreOneQueryAndAWordMayBeginWithADash() {
    assertThat(ids(search("--jurisdiction", "GLOBAL", "--json", "пост", "про", "погоду")))
        .containsExactlyInAnyOrder("s1", "s3")
        .isEqualTo(ids(search("--jurisdiction", "GLOBAL", "--json", "пост про погоду")));
    // "-канале" excludes s3; the query starts with it.
    assertThat(ids(search("--jurisdiction", "GLOBAL", "--json", "-канале", "погоду"))).containsExactly("s1");
    assertThat(ids(search("--jurisdiction", "GLOBAL", "--json", "-канале погоду"))).containsExactly("s1");
    Run typo = search("--jurisdiction", "GLOBAL", "--limt", "5", "погоду");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).isEqualTo("lucene-filter: unknown option '--limt'\n");
  }

  @Test
  void allExportsEveryVisibleHitAndCursorsPage() {
    Run all = search("--jurisdiction", "GLOBAL", "--all", "");
    assertThat(ids(all)).containsExactly("s3", "s2", "s1");
    assertThat(all.out()).doesNotContain("next_cursor");
    // KZ hides s2 (phrase) and s3 (channel); GLOBAL's domain rule hides s4 everywhere.
    assertThat(ids(search("--jurisdiction", "KZ", "--all", ""))).containsExactly("s1");

    List<String> paged = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 5; page++) {
      List<String> args = new ArrayList<>(List.of("--jurisdiction", "GLOBAL", "--json", "--limit", "1"));
      if (cursor != null) args.addAll(List.of("--cursor", cursor));
      args.add("");
      List<JsonNode> hits = lines(search(args.toArray(String[]::new)));
      hits.forEach(h -> paged.add(h.get("id").asText()));
      JsonNode last = hits.isEmpty() ? null : hits.get(hits.size() - 1);
      if (last == null || !last.has("next_cursor")) break;
      cursor = last.get("next_cursor").asText();
    }
    assertThat(paged).containsExactly("s3", "s2", "s1");

    Run both = search("--jurisdiction", "GLOBAL", "--all", "--cursor", "x", "");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("lucene-filter: --all and --cursor exclude each other\n");
  }

  @Test
  void limitKeepsItsPageMaximumAndSaysSo() {
    Run r = search("--jurisdiction", "GLOBAL", "--limit", "5000", "погоду");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("lucene-filter: --limit is the page size: between 1 and 1000, not 5000 "
        + "(use --all to export every hit, or --cursor to page)\n");
  }

  @Test
  void scoresAreNumbersOrNullNeverNaN() {
    // An empty query lists by date and scores nothing.
    List<JsonNode> listing = lines(search("--jurisdiction", "GLOBAL", "--json", ""));
    assertThat(listing).hasSize(3).allSatisfy(h -> assertThat(h.get("score").isNull()).isTrue());
    List<JsonNode> byRelevance = lines(search("--jurisdiction", "GLOBAL", "--json", "погоду"));
    assertThat(byRelevance).hasSize(2).allSatisfy(h -> assertThat(h.get("score").isFloatingPointNumber()).isTrue());
    Run text = search("--jurisdiction", "GLOBAL", "");
    assertThat(text.out()).doesNotContain("NaN").doesNotContain("score").contains("3 of 3 hits");
  }

  @Test
  void matchesAreBoldOnATerminalAndUnmarkedOtherwise() {
    Run plain = search("--jurisdiction", "KZ", "погоду");
    assertThat(plain.out()).isEqualTo("s1  channel smoke-ch-1  date 2026-05-01  views 10  score "
        + plain.out().replaceAll("(?s).*score ([0-9.]+).*", "$1") + "\n    обычный пост про погоду\n1 of 1 hits\n");
    System.setProperty("lucenefilter.stdout.tty", "true");
    try {
      assertThat(search("--jurisdiction", "KZ", "погоду").out())
          .contains("    обычный пост про \u001b[1mпогоду\u001b[0m\n").doesNotContain("<b>");
    } finally {
      System.clearProperty("lucenefilter.stdout.tty");
    }
    // JSON keeps the highlighter's marks: it is for programs, documented in docs/reference.md.
    assertThat(lines(search("--jurisdiction", "KZ", "--json", "погоду")).get(0).get("snippet").asText())
        .isEqualTo("обычный пост про <b>погоду</b>");
  }

  @Test
  void channelRowsNameTheirColumns() {
    Run text = search("--jurisdiction", "GLOBAL", "--target", "channels", "smoke");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).containsPattern("(?m)^smoke-ch-1  created \\d{4}-\\d\\d-\\d\\d  subscribers 5  score \\d+\\.\\d\\d\n    weather$");
    JsonNode ch = lines(search("--jurisdiction", "GLOBAL", "--target", "channels", "--json", "smoke")).get(0);
    assertThat(ch.get("kind").asText()).isEqualTo("channel");
    assertThat(ch.get("subscribers").asLong()).isEqualTo(5);
    assertThat(ch.has("created")).isTrue();
    assertThat(ch.has("views")).isFalse();
  }

  @Test
  void corpusSizesAreUsageErrorsAlikeAndChannelsCountsEveryChannel() throws IOException {
    Run demo = run("demo", "--posts", "300");
    Run generate = run("generate", "--posts", "10", "--out", dir.resolve("g0").toString());
    assertThat(demo.code()).isEqualTo(2);
    assertThat(generate.code()).isEqualTo(2);
    assertThat(demo.err()).isEqualTo("lucene-filter: --posts must be between 1000 and 5000000, not 300\n");
    assertThat(generate.err()).isEqualTo("lucene-filter: --posts must be between 1000 and 5000000, not 10\n");

    Run few = run("generate", "--posts", "1000", "--channels", "5", "--out", dir.resolve("g1").toString());
    assertThat(few.code()).isEqualTo(2);
    assertThat(few.err()).isEqualTo("lucene-filter: --channels must be more than the 23 sample target channels "
        + "the corpus always holds, not 5\n");
    Run thirty = run("generate", "--posts", "1000", "--channels", "30", "--out", dir.resolve("g2").toString());
    assertThat(thirty.code()).as(thirty.err()).isZero();
    assertThat(thirty.out()).contains(" and 30 channels in ");
    assertThat(Files.readAllLines(dir.resolve("g2/channels.jsonl"))).hasSize(30);
  }
}
