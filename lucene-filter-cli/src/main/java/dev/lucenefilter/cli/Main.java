package dev.lucenefilter.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code bin/lucene-filter}. Registers every command and maps failures to exit codes. */
@Command(
    name = "lucene-filter",
    mixinStandardHelpOptions = true,
    // --help and --version on every command: they answer (exit 0) before required options are checked.
    scope = CommandLine.ScopeType.INHERIT,
    version = "lucene-filter 0.1.0-SNAPSHOT",
    description = "Jurisdiction-aware search filtering on Apache Lucene.",
    subcommands = {
      // Each command is one class in this package; keep this list sorted by command name.
      CheckCommand.class,
      DemoCommand.class,
      DiffCommand.class,
      ExplainCommand.class,
      GenerateCommand.class,
      CommandLine.HelpCommand.class,
      ImpactCommand.class,
      IndexCommand.class,
      PurgeCommand.class,
      RulesCommand.class,
      SearchCommand.class,
      SignCommand.class,
      StatsCommand.class,
      TransparencyCommand.class,
      ValidateCommand.class,
      VerifyCommand.class,
    })
public final class Main implements Runnable {

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces on errors.")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Held so the level sticks: Lucene's one-time vectorization notice is not for CLI users. */
  private static final java.util.logging.Logger LUCENE_VECTOR_LOG =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  /** Commands that never normalize text: no point building the normalizer's tables for them. */
  private static final java.util.Set<String> WITHOUT_TEXT =
      java.util.Set.of("generate", "sign", "verify", "stats", "help", "--help", "-h", "--version", "-V");

  public static void main(String[] args) {
    LUCENE_VECTOR_LOG.setLevel(java.util.logging.Level.WARNING);
    if (args.length > 0 && !WITHOUT_TEXT.contains(args[0])) warmUpTextTables();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Main main = new Main();
    CommandLine cl = new CommandLine(main);
    // Unquoted words after the options are one query, and a query word may begin with '-' (an excluded word).
    CommandLine search = cl.getSubcommands().get("search");
    search.setUnmatchedOptionsArePositionalParams(true);
    // ... and must stay a word: with -h and -V, "-hotel" read as -h (help, exit 0) with "otel" left over, so
    // search answers only --help and --version.
    for (String shortName : new String[] {"-h", "-V"}) {
      CommandLine.Model.OptionSpec o = search.getCommandSpec().findOption(shortName);
      if (o == null) continue;
      search.getCommandSpec().remove(o);
      search.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder(o.longestName())
          .usageHelp(o.usageHelp()).versionHelp(o.versionHelp()).description(o.description()).build());
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("lucene-filter: " + Printable.lines(ex.getMessage()));
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return CliException.USAGE;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      String message = ex instanceof CliException ? ex.getMessage() : describe(ex);
      err.println("lucene-filter: " + Printable.lines(message));
      if (main.debug) ex.printStackTrace(err);
      return ex instanceof CliException c ? c.exitCode() : CliException.BAD_INPUT;
    });
    int code = cl.execute(args);
    // A PrintWriter swallows write errors: a full disk or a closed pipe must not end in "done".
    if (out.checkError() && code == 0) {
      err.println("lucene-filter: the output could not be written in full (a full disk or a closed pipe)");
      code = CliException.BAD_INPUT;
    }
    err.flush();
    return code;
  }

  /**
   * Builds the normalizer's Unicode tables (case folding, confusables: the largest single start-up cost, about
   * 0.7 s of CPU) on a second thread while the main thread parses the command line, reads the policy and opens
   * the index. Class initialization is thread-safe: a caller that needs the tables first simply waits.
   */
  private static void warmUpTextTables() {
    Thread t = new Thread(() -> {
      try {
        dev.lucenefilter.text.TextNormalizer.standard().tokenize("warm up: c.a.s.i.n.o онлайн қар");
      } catch (RuntimeException | LinkageError e) {
        // Only a head start; the command builds the tables itself and reports any real failure.
      }
    }, "text-tables-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static String describe(Throwable t) {
    if (t instanceof java.nio.file.NoSuchFileException e) return "no such file: " + e.getFile();
    if (t instanceof java.nio.file.AccessDeniedException e) return "permission denied: " + e.getFile();
    if (t instanceof java.io.UncheckedIOException e && e.getCause() != null) return describe(e.getCause());
    if (t instanceof org.apache.lucene.store.LockObtainFailedException) {
      // Lucene's message names the lock file; the user needs to know who holds it and what still works.
      return "the index is being written by another command (index or purge; " + t.getMessage().replace('\n', ' ')
          + "): try again when it ends; search, explain, impact, stats and transparency read it meanwhile";
    }
    String m = t.getMessage();
    return (m == null || m.isBlank()) ? t.getClass().getSimpleName() : m.replace('\n', ' ');
  }
}
