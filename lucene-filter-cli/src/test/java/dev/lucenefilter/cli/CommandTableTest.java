package dev.lucenefilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command tables of README.md and docs/reference.md match {@code --help}: every command has a row, and a
 * row names exactly the options its command has (help, version and --debug aside, which every command has).
 */
class CommandTableTest {
  private static final Set<String> EVERYWHERE = Set.of("-h", "--help", "-V", "--version", "--debug");
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z]+)((?:[^|\\\\]|\\\\.)*)\\|");
  private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

  @Test
  void readmeTableMatchesHelp() throws Exception {
    check(Path.of("..", "README.md"));
  }

  @Test
  void referenceTableMatchesHelp() throws Exception {
    check(Path.of("..", "docs", "reference.md"));
  }

  private static void check(Path file) throws Exception {
    String text = Files.readString(file);
    String table = text.substring(text.indexOf("| command | what it does"));
    table = table.substring(0, table.indexOf("\n\n"));
    CommandLine cli = new CommandLine(new Main());
    Set<String> documented = new TreeSet<>();
    Matcher row = ROW.matcher(table);
    while (row.find()) {
      String name = row.group(1);
      documented.add(name);
      CommandSpec spec = cli.getSubcommands().get(name).getCommandSpec();
      Set<String> has = new TreeSet<>();
      for (OptionSpec o : spec.options()) {
        if (!EVERYWHERE.contains(o.longestName())) has.add(o.longestName());
      }
      Set<String> named = new TreeSet<>();
      Matcher m = OPTION.matcher(row.group(2));
      while (m.find()) named.add(m.group());
      assertThat(named).as(file + ": options of '" + name + "'").isEqualTo(has);
    }
    Set<String> commands = new TreeSet<>(cli.getSubcommands().keySet());
    commands.remove("help");
    assertThat(documented).as(file + ": commands").isEqualTo(commands);
  }
}
