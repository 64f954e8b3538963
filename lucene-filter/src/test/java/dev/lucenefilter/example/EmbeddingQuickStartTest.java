package dev.lucenefilter.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding quick start is this package's {@link EmbeddingQuickStart}, shown whole: it compiles
 * outside the library's packages (public API only) and runs here against the sample blocklists.
 */
class EmbeddingQuickStartTest {
  private static final Path SOURCE = Path.of("src/test/java/dev/lucenefilter/example/EmbeddingQuickStart.java");

  @Test
  void runsAndFiltersPerJurisdictionAndRejectsAtIndexTime(@TempDir Path work) throws Exception {
    String out = EmbeddingQuickStart.run(work, Path.of("..", "blocklists"));
    // p-2 is illegal gambling advertising in KZ only; p-3 carries media on GLOBAL's reject hash list.
    assertThat(out).isEqualTo("KZ sees 1, DE sees 2; p-3: Reject[ruleIds=[global-reject-media-001]]; "
        + "KZ's first hit: Бүгін <b>қар</b> жауады.");
    assertThat(Files.readString(work.resolve("rejections.jsonl"))).contains("\"p-3\"").contains("global-reject-media-001");
  }

  @Test
  void readmeShowsThisExactSource() throws Exception {
    String source = Files.readString(SOURCE);
    String shown = source.substring(source.indexOf("import "));
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("```java\n", readme.indexOf("## Embedding")) + "```java\n".length();
    assertThat(readme.substring(start, readme.indexOf("```\n", start))).isEqualTo(shown);
  }
}
