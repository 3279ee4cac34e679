package dev.usagekit.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import javax.annotation.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Where a report goes: stdout, or the file of {@code --output} (stdout then stays empty). A file is written
 * beside its target under a random temporary name ({@link AtomicFiles}: never through a planted symlink) and
 * moved into place only when the report succeeded: a failed run leaves an existing file as it was.
 */
final class ReportOutput {
  private ReportOutput() {}

  /** The report being written to a temporary file beside {@link #target}. */
  private static final class ReportFile extends PrintStream {
    final File target;
    final File temporary;
    boolean committed;

    ReportFile(File target, File temporary) throws IOException {
      super(Files.newOutputStream(temporary.toPath(), LinkOption.NOFOLLOW_LINKS,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), false, "UTF-8");
      this.target = target;
      this.temporary = temporary;
    }
  }

  /**
   * {@code stdout}, or a stream to a new temporary file beside the file of {@code --output} (created now, so
   * that a path that cannot be written fails before any request).
   *
   * @throws ParameterException naming {@code --output} when the file cannot be written there
   */
  static PrintStream open(Arguments arguments, PrintStream stdout) {
    return open(arguments.commandLine, arguments.output, stdout);
  }

  /** {@link #open(Arguments, PrintStream)} for the command {@code where} and its {@code --output} file. */
  static PrintStream open(CommandLine where, @Nullable File file, PrintStream stdout) {
    if (file == null) {
      return stdout;
    }
    if (file.isDirectory()) {
      throw new ParameterException(where, "Invalid value for option '" + Commands.OUTPUT
          + "': " + file + " is a directory; give a file");
    }
    try {
      return new ReportFile(file, AtomicFiles.temporaryBeside(file.toPath()).toFile());
    } catch (IOException e) {
      throw new ParameterException(where, "Invalid value for option '" + Commands.OUTPUT
          + "': cannot write " + file + ": " + e.getMessage());
    }
  }

  /**
   * Checks, before any work starts, that the file of {@code --output} can be written: not a directory, in a
   * directory that exists and is writable.
   *
   * @throws ParameterException naming {@code --output} when it cannot
   */
  static void check(Arguments arguments) {
    check(arguments.commandLine, arguments.output);
  }

  /** {@link #check(Arguments)} for the command {@code where} and its {@code --output} file. */
  static void check(CommandLine where, @Nullable File file) {
    if (file == null) {
      return;
    }
    String invalid = "Invalid value for option '" + Commands.OUTPUT + "': ";
    if (file.isDirectory()) {
      throw new ParameterException(where, invalid + file + " is a directory; give a file");
    }
    File directory = file.getAbsoluteFile().getParentFile();
    if (directory == null || !directory.isDirectory()) {
      throw new ParameterException(where, invalid + "cannot write " + file + ": the directory "
          + directory + " does not exist");
    }
    if (!Files.isWritable(directory.toPath()) || file.exists() && !Files.isWritable(file.toPath())) {
      throw new ParameterException(where, invalid + "cannot write " + file + ": permission denied");
    }
  }

  /** The report is complete: its file replaces the file of {@code --output} (nothing to do for stdout). */
  static void commit(PrintStream sink) {
    if (!(sink instanceof ReportFile)) {
      return;
    }
    ReportFile report = (ReportFile) sink;
    report.close();
    if (report.checkError()) {
      throw new UncheckedIOException(new IOException("could not write " + report.temporary));
    }
    try {
      AtomicFiles.replace(report.temporary.toPath(), report.target.toPath());
      report.committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flushes, and closes the file ({@code stdout} is left open); an uncommitted report's file is deleted. */
  static void close(PrintStream sink, PrintStream stdout) {
    sink.flush();
    if (sink != stdout) {
      sink.close();
    }
    if (sink instanceof ReportFile && !((ReportFile) sink).committed) {
      ((ReportFile) sink).temporary.delete();
    }
  }
}
