package dev.lucenefilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate, diff and rules through Main.run: exit codes and exact output. */
class PolicyCommandsTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  private Path write(String dir, String file, String content) throws IOException {
    Path d = tmp.resolve(dir);
    Files.createDirectories(d);
    Files.writeString(d.resolve(file), content);
    return d;
  }

  private static String chan(String id, String value) {
    return "{\"id\": \"" + id + "\", \"type\": \"channel\", \"values\": [\"" + value + "\"], \"category\": \"c\", \"legal_basis\": \"b\"}";
  }

  @Test
  void validateGoodAndBroken() throws IOException {
    Path good = write("good", "KZ.json", "{\"jurisdiction\": \"KZ\", \"inherits\": [\"GLOBAL\"], \"rules\": [" + chan("k1", "a") + "]}");
    assertThat(run("validate", good.toString())).isZero();
    assertThat(out.toString()).startsWith(good + ": valid, 2 jurisdictions (GLOBAL, KZ), 1 rules, version ");
    Path bad = write("bad", "KZ.json", "{\"jurisdiction\": \"KZ\", \"rules\": [\n");
    write("bad", "FR.json", "{\"jurisdiction\": \"FR\", \"rules\": [" + chan("f1", "") + "]}");
    assertThat(run("validate", bad.toString())).isEqualTo(1);
    assertThat(err.toString().lines()).containsExactly(
        "FR.json:1:77: f1: values[0] is empty",
        "KZ.json:2:1: invalid JSON: Unexpected end-of-input: expected close marker for Array",
        bad + ": 2 errors; nothing applied");
  }

  @Test
  void validateUsage() {
    assertThat(run("validate")).isEqualTo(2);
    assertThat(err.toString()).startsWith("lucene-filter: Missing required parameter: 'DIR'");
  }

  @Test
  void diffShowsInheritedEffects() throws IOException {
    String kz = "{\"jurisdiction\": \"KZ\", \"rules\": [" + chan("k1", "a") + "]}";
    Path before = write("old", "KZ.json", kz);
    write("old", "GLOBAL.json", "{\"jurisdiction\": \"GLOBAL\", \"rules\": [" + chan("g1", "x") + "]}");
    Path after = write("new", "KZ.json", kz.replace("\"a\"", "\"a\", \"b\""));
    write("new", "GLOBAL.json", "{\"jurisdiction\": \"GLOBAL\", \"rules\": [" + chan("g2", "y") + "]}");
    write("new", "FR.json", "{\"jurisdiction\": \"FR\", \"rules\": []}");
    assertThat(run("diff", before.toString(), after.toString())).isZero();
    String[] lines = out.toString().split("\n");
    assertThat(lines).startsWith(
        "FR: new jurisdiction",
        "  + g2 (channel, hide, c) [via GLOBAL]",
        "GLOBAL: 1 added, 1 removed, 0 changed",
        "  + g2 (channel, hide, c) [own]",
        "  - g1 (channel, hide, c) [own]",
        "KZ: 1 added, 1 removed, 1 changed",
        "  + g2 (channel, hide, c) [via GLOBAL]",
        "  - g1 (channel, hide, c) [via GLOBAL]",
        "  ~ k1 (channel, hide, c) [own]: values +[b] -[]");
    assertThat(lines[9]).startsWith("version ");
  }

  @Test
  void diffNamesEachErrorsDirectoryOnce() throws IOException {
    Path missing = tmp.resolve("missing");
    Path bad = write("bad", "KZ.json", "{\"jurisdiction\": \"KZ\", \"rules\": [\n");
    assertThat(run("diff", missing.toString(), bad.toString())).isEqualTo(1);
    assertThat(err.toString().lines()).containsExactly(
        missing + ": not a directory",
        bad + "/KZ.json:2:1: invalid JSON: Unexpected end-of-input: expected close marker for Array");
  }

  @Test
  void rulesListsEffectiveRulesWithOrigin() throws IOException {
    Path dir = write("p", "GLOBAL.json", "{\"jurisdiction\": \"GLOBAL\", \"rules\": [" + chan("g1", "x") + "]}");
    write("p", "EU.json", "{\"jurisdiction\": \"EU\", \"rules\": [" + chan("e1", "y").replace("}", ", \"expires\": \"2020-01-01\"}") + "]}");
    write("p", "FR.json", "{\"jurisdiction\": \"FR\", \"inherits\": [\"EU\"], \"rules\": [" + chan("f1", "z") + "]}");
    assertThat(run("rules", "--blocklists", dir.toString(), "--jurisdiction", "FR")).isZero();
    assertThat(out.toString().lines()).containsExactly(
        "e1\tchannel\thide\tboth\tc\tFR > EU\texpired 2020-01-01T00:00:00Z\tb",
        "f1\tchannel\thide\tboth\tc\tFR\tactive\tb",
        "g1\tchannel\thide\tboth\tc\tFR > GLOBAL\tactive\tb");
    out.getBuffer().setLength(0);
    assertThat(run("rules", "--blocklists", dir.toString(), "--jurisdiction", "FR", "--at", "2019-06-01", "--json")).isZero();
    assertThat(out.toString().lines()).containsExactly(
        "{\"id\":\"e1\",\"type\":\"channel\",\"action\":\"hide\",\"target\":\"both\",\"category\":\"c\",\"legal_basis\":\"b\",\"jurisdiction\":\"EU\",\"path\":[\"FR\",\"EU\"],\"expires\":\"2020-01-01T00:00:00Z\",\"active\":true,\"values\":[\"y\"]}",
        "{\"id\":\"f1\",\"type\":\"channel\",\"action\":\"hide\",\"target\":\"both\",\"category\":\"c\",\"legal_basis\":\"b\",\"jurisdiction\":\"FR\",\"path\":[\"FR\"],\"active\":true,\"values\":[\"z\"]}",
        "{\"id\":\"g1\",\"type\":\"channel\",\"action\":\"hide\",\"target\":\"both\",\"category\":\"c\",\"legal_basis\":\"b\",\"jurisdiction\":\"GLOBAL\",\"path\":[\"FR\",\"GLOBAL\"],\"active\":true,\"values\":[\"x\"]}");
    assertThat(run("rules", "--blocklists", dir.toString(), "--jurisdiction", "XX")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("lucene-filter: unknown jurisdiction 'XX': no XX.json in " + dir
        + " (known: EU, FR, GLOBAL)\n");
    assertThat(run("rules", "--blocklists", dir.toString(), "--jurisdiction", "FR", "--at", "yesterday")).isEqualTo(2);
  }
}
