package dev.usagekit.cli;

/** The exit codes of {@code usage-report}. */
final class ExitCodes {
  /** The report was printed. */
  static final int OK = 0;
  /** An internal error (a bug): the stack trace is on stderr. */
  static final int SOFTWARE = 1;
  /** Bad arguments: the message names the option and the allowed values. */
  static final int USAGE = 2;
  /** The API answered with an error, or with a page that could not be read. */
  static final int API_ERROR = 3;
  /** The network failed, after the retries. */
  static final int NETWORK = 4;

  private ExitCodes() {}
}
