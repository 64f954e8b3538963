package dev.lucenefilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliEndToEndTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  /** The sample blocklists of this repository (tests run in the module directory). */
  static final String BLOCKLISTS = Path.of("..", "blocklists").toString();

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void generateIndexStatsSearch() throws Exception {
    String data = dir.resolve("d").toString();
    String ix = dir.resolve("i").toString();
    Run g = run("generate", "--posts", "1000", "--seed", "3", "--out", data);
    assertThat(g.code()).as(g.err()).isZero();
    assertThat(g.out()).startsWith("generated 1000 posts (");

    Run noPolicy = run("index", "--index", ix, "--posts", data + "/posts.jsonl", "--blocklists", dir.resolve("none").toString());
    assertThat(noPolicy.code()).isEqualTo(1);
    assertThat(noPolicy.err()).isEqualTo("lucene-filter: no policy directory at " + dir.resolve("none") + " (give --blocklists DIR)\n");

    Run indexed = run("index", "--index", ix, "--posts", data + "/posts.jsonl", "--channels", data + "/channels.jsonl", "--no-policy");
    assertThat(indexed.code()).as(indexed.err()).isZero();
    assertThat(indexed.out()).matches("indexed 1000 posts and 43 channels in \\d+\\.\\d s \\(\\d+ records/s\\); "
        + "no policy: reject rules were not applied \\(they still apply at query time\\)\\n");

    Run stats = run("stats", "--index", ix, "--json");
    JsonNode s = new ObjectMapper().readTree(stats.out());
    assertThat(s.get("posts").asLong()).isEqualTo(1000);
    assertThat(s.get("channels").asLong()).isEqualTo(43);

    Run all = run("search", "--index", ix, "--jurisdiction", "KZ", "--blocklists", BLOCKLISTS, "--json", "--limit", "50", "");
    assertThat(all.code()).as(all.err()).isZero();
    assertThat(all.err()).isEmpty();
    List<JsonNode> hits = new ArrayList<>();
    for (String line : all.out().split("\n")) hits.add(new ObjectMapper().readTree(line));
    assertThat(hits).hasSize(50).allSatisfy(h -> {
      assertThat(h.get("id").asText()).startsWith("p-");
      assertThat(h.get("channel_id").asText()).isNotEmpty();
      assertThat(h.get("kind").asText()).isEqualTo("post");
    });
    for (int i = 1; i < hits.size(); i++) {
      assertThat(hits.get(i - 1).get("date").asText()).isGreaterThanOrEqualTo(hits.get(i).get("date").asText());
    }

    Run channels = run("search", "--index", ix, "--jurisdiction", "GLOBAL", "--blocklists", BLOCKLISTS, "--target", "channels", "--json", "Казино бонус 777");
    assertThat(channels.out().lines().findFirst().orElseThrow()).contains("\"id\":\"t-gamb-02\"");
    // The sample KZ policy blocks that gambling channel; GLOBAL's does not.
    Run kzChannels = run("search", "--index", ix, "--jurisdiction", "KZ", "--blocklists", BLOCKLISTS, "--target", "channels", "--json", "Казино бонус 777");
    assertThat(kzChannels.code()).as(kzChannels.err()).isZero();
    assertThat(kzChannels.out()).doesNotContain("\"id\":\"t-gamb-02\"");

    Run unknown = run("search", "--index", ix, "--jurisdiction", "ZZ", "--blocklists", BLOCKLISTS, "алматы");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("lucene-filter: unknown jurisdiction 'ZZ': no ZZ.json in " + BLOCKLISTS);

    Run text = run("search", "--index", ix, "--jurisdiction", "FR", "--blocklists", BLOCKLISTS, "алматы");
    assertThat(text.code()).isZero();
    assertThat(text.out()).doesNotContain("<b>").containsPattern("\\d+ of \\d+ hits\\nnext page: --cursor \\S+\\n$");

    Run noJurisdiction = run("search", "--index", ix, "погоду");
    assertThat(noJurisdiction.code()).isEqualTo(2);
    assertThat(noJurisdiction.err()).startsWith("lucene-filter: Missing required option: '--jurisdiction=CODE'");

    Run hostile = run("search", "--index", ix, "--jurisdiction", "KZ", "--blocklists", BLOCKLISTS, "*casino");
    assertThat(hostile.code()).isEqualTo(1);
    assertThat(hostile.err()).endsWith("lucene-filter: leading wildcards are not allowed: '*casino'\n");
  }

  @Test
  void aMalformedFileChangesNothing() throws Exception {
    Path posts = dir.resolve("posts.jsonl");
    Files.writeString(posts, "{\"id\": \"p-1\", \"channel_id\": \"c\"}\n");
    String ix = dir.resolve("i").toString();
    assertThat(run("index", "--index", ix, "--posts", posts.toString(), "--no-policy").code()).isZero();
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"id\": \"p-2\", \"channel_id\": \"c\"}\n{\"id\": \"p-3\", \"channel_id\": \"c\", \"flags\": {\"spam\": 7}}\n");
    Run r = run("index", "--index", ix, "--posts", bad.toString(), "--no-policy");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("lucene-filter: " + bad + ":2: field 'flags.spam': expected a number in [0, 1], got 7 (nothing was indexed)\n");
    assertThat(run("stats", "--index", ix, "--json").out()).startsWith("{\"posts\": 1, \"channels\": 0,");
    Run skip = run("index", "--index", ix, "--posts", bad.toString(), "--no-policy", "--on-error", "skip");
    assertThat(skip.code()).isZero();
    assertThat(skip.out()).contains("indexed 1 posts").contains("skipped 1 malformed lines");
    Run maybe = run("index", "--index", ix, "--posts", bad.toString(), "--no-policy", "--on-error", "maybe");
    assertThat(maybe.code()).isEqualTo(2);
    assertThat(maybe.err()).isEqualTo("lucene-filter: --on-error must be fail or skip, not 'maybe'\n");
    assertThat(run("stats", "--index", dir.resolve("nothing").toString()).err()).isEqualTo("lucene-filter: no index at " + dir.resolve("nothing") + "\n");
  }

  @Test
  void demoShowsJurisdictionsSideBySide() {
    Run demo = run("demo", "--posts", "2000", "--blocklists", BLOCKLISTS);
    assertThat(demo.code()).as(demo.err()).isZero();
    assertThat(demo.out()).contains("[ru] \"погода Алматы\"").contains("[kk] \"жаңалықтар\"")
        .contains("[ru] \"онлайн казино\"").containsPattern("hits:  KZ \\d+  FR \\d+  DE \\d+  GLOBAL \\d+")
        .containsPattern("HIDDEN.*\\n\\s+KZ: kz-");
  }
}
