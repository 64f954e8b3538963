package dev.lucenefilter.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command of this CLI: picocli injects its spec, whose streams are the ones {@link Main#run} was given. */
abstract class CliCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  PrintWriter out() { return spec.commandLine().getOut(); }

  PrintWriter err() { return spec.commandLine().getErr(); }

  /**
   * Whether the stream is a terminal. The launcher tells ({@code -Dlucenefilter.<stream>.tty}, from {@code [ -t ]}:
   * its stderr filter makes the JVM's stderr a pipe); otherwise the console says (from JDK 22 on
   * {@code System.console()} exists even when redirected, and only {@code isTerminal()} tells the truth).
   */
  static boolean terminal(String stream, boolean withoutIsTerminal) {
    String told = System.getProperty("lucenefilter." + stream + ".tty");
    if (told != null) return Boolean.parseBoolean(told);
    var console = System.console();
    if (console == null) return false;
    try {
      return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return withoutIsTerminal;
    }
  }
}
