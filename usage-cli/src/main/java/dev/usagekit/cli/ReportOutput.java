package dev.usagekit.cli;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine.ParameterException;

/** Where a report goes: stdout, or the file of {@code --output} (stdout then stays empty). */
final class ReportOutput {
  private ReportOutput() {}

  /**
   * {@code stdout}, or the file of {@code --output}, created or emptied now (so that a path that
   * cannot be written fails before any request).
   *
   * @throws ParameterException naming {@code --output} when the file cannot be opened for writing
   */
  static PrintStream open(Arguments arguments, PrintStream stdout) {
    File file = arguments.output;
    if (file == null) {
      return stdout;
    }
    if (file.isDirectory()) {
      throw new ParameterException(arguments.commandLine, "Invalid value for option '" + Commands.OUTPUT
          + "': " + file + " is a directory; give a file");
    }
    try {
      return new PrintStream(new FileOutputStream(file), false, "UTF-8");
    } catch (IOException e) {
      throw new ParameterException(arguments.commandLine, "Invalid value for option '" + Commands.OUTPUT
          + "': cannot write " + file + ": " + e.getMessage());
    }
  }

  /** Flushes, and closes the file ({@code stdout} is left open). */
  static void close(PrintStream sink, PrintStream stdout) {
    sink.flush();
    if (sink != stdout) {
      sink.close();
    }
  }
}
