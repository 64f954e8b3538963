package dev.lucenefilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages form layers, each using only those below it: cli → search → index → filter → policy → text → model;
 * {@code corpus} (the sample-data generator) sits beside them and only cli uses it. A plain scan of the main sources'
 * imports and fully qualified names.
 */
class LayeringTest {
  static final List<String> LAYERS = List.of("cli", "search", "index", "filter", "policy", "text", "model");
  static final Path MAIN = Path.of("src/main/java/dev/lucenefilter");
  static final Pattern USE = Pattern.compile("\\bdev\\.lucenefilter\\.([a-z]+)\\.");

  @Test
  void everyPackageUsesOnlyTheLayersBelowIt() throws IOException {
    assertThat(MAIN).isDirectory();
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String from = MAIN.relativize(f).getName(0).toString();
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.startsWith("*") || line.startsWith("/*") || line.startsWith("//")) continue; // Javadoc may name any
          Matcher m = USE.matcher(line);
          while (m.find()) {
            String to = m.group(1);
            if (!allowed(from, to)) violations.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + from + " uses " + to);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  static boolean allowed(String from, String to) {
    if (from.equals(to)) return true;
    if (to.equals("corpus")) return from.equals("cli");
    if (from.equals("corpus")) return LAYERS.contains(to) && LAYERS.indexOf(to) > LAYERS.indexOf("search");
    int a = LAYERS.indexOf(from), b = LAYERS.indexOf(to);
    if (a < 0 || b < 0) throw new AssertionError("package " + (a < 0 ? from : to) + " has no place in the layers");
    return b > a;
  }

  @Test
  void theRuleItselfRefusesUpwardUse() {
    assertThat(allowed("filter", "index")).isFalse();
    assertThat(allowed("search", "corpus")).isFalse();
    assertThat(allowed("cli", "model")).isTrue();
  }
}
