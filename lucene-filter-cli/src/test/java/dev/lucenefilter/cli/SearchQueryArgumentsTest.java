package dev.lucenefilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lucenefilter.index.ContentIndex;
import dev.lucenefilter.model.Post;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code search} takes a query beginning with {@code -} without {@code --}, and joins unquoted words. */
class SearchQueryArgumentsTest {
  @TempDir Path dir;

  @Test
  void excludedWordsAndUnquotedWordsAreTheQuery() throws Exception {
    Path blocklists = dir.resolve("bl");
    Files.createDirectories(blocklists);
    Files.writeString(blocklists.resolve("GLOBAL.json"), "{\"jurisdiction\": \"GLOBAL\", \"rules\": []}");
    Files.writeString(blocklists.resolve("KZ.json"),
        "{\"jurisdiction\": \"KZ\", \"inherits\": [\"GLOBAL\"], \"rules\": []}");
    Path ix = dir.resolve("ix");
    try (ContentIndex index = ContentIndex.open(ix)) {
      index.add(Post.of("w", "c", "weather in almaty"));
      index.add(Post.of("cw", "c", "casino weather"));
      index.add(Post.of("a", "c", "алматы погода сегодня"));
      index.add(Post.of("p", "c", "погода"));
    }
    String[] common = {"search", "--index", ix.toString(), "--jurisdiction", "KZ", "--blocklists",
        blocklists.toString(), "--json"};
    CliEndToEndTest.Run minus = CliEndToEndTest.run(concat(common, "-casino", "weather"));
    assertThat(minus.code()).as(minus.err()).isZero();
    assertThat(minus.out()).contains("\"id\":\"w\"").doesNotContain("\"id\":\"cw\"");
    CliEndToEndTest.Run minusLast = CliEndToEndTest.run(concat(common, "weather", "-casino", "--limit", "5"));
    assertThat(minusLast.code()).as(minusLast.err()).isZero();
    assertThat(minusLast.out()).isEqualTo(minus.out());
    CliEndToEndTest.Run words = CliEndToEndTest.run(concat(common, "алматы", "погода"));
    assertThat(words.code()).as(words.err()).isZero();
    assertThat(words.out().lines().toList()).hasSize(1).first().asString().contains("\"id\":\"a\"");
    // Words whose first letters are option letters (-h help, -V version) are excluded words too, not options.
    for (String word : new String[] {"-hotel", "-Vegas", "-hV"}) {
      CliEndToEndTest.Run excluded = CliEndToEndTest.run(concat(common, "weather", word));
      assertThat(excluded.code()).as(word + ": " + excluded.err()).isZero();
      assertThat(excluded.out()).as(word).contains("\"id\":\"w\"").doesNotContain("Usage");
    }
    CliEndToEndTest.Run unknown = CliEndToEndTest.run(concat(common, "--sort", "sideways", "-casino"));
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("lucene-filter: --sort must be relevance, date or views, not 'sideways'");
  }

  @Test
  void textOutputShowsNoControlCharactersOfARecord() {
    assertThat(Printable.of("ok\u001b]0;pwned\u0007 \u202Eevil\tend\u0085"))
        .isEqualTo("ok\uFFFD]0;pwned\uFFFD \uFFFDevil\tend\uFFFD");
    String plain = "plain текст";
    assertThat(Printable.of(plain)).isSameAs(plain);
  }

  @Test
  void outputThatCannotBeWrittenIsAFailure() {
    java.io.PrintWriter broken = new java.io.PrintWriter(new java.io.Writer() {
      @Override public void write(char[] b, int off, int len) throws java.io.IOException {
        throw new java.io.IOException("No space left on device");
      }

      @Override public void flush() {}

      @Override public void close() {}
    });
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Main.run(new String[] {"--version"}, broken, new java.io.PrintWriter(err, true));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("the output could not be written in full");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
