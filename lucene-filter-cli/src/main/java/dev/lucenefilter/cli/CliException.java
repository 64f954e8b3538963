package dev.lucenefilter.cli;

/**
 * A failure a command reports to the user as one line, with the exit code it implies: {@link #BAD_INPUT} (1) for
 * bad policies, records or queries, {@link #USAGE} (2) for a wrong invocation.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  public static final int BAD_INPUT = 1;
  public static final int USAGE = 2;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public static CliException badInput(String message) { return new CliException(BAD_INPUT, message); }

  public static CliException usage(String message) { return new CliException(USAGE, message); }

  public int exitCode() { return exitCode; }
}
