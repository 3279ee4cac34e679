package dev.usagekit.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * {@code usage-report}, the report tool: prints the usage or costs of an OpenAI organisation from the
 * Usage and Costs API, as a table, CSV or the API's own JSON.
 *
 * <pre>{@code
 * $ export OPENAI_ADMIN_KEY=sk-admin-...
 * $ java -jar usage-report.jar costs --start 2026-11-01 --group-by project_id,line_item
 * $ java -jar usage-report.jar demo          # no key needed: a local fake with synthetic data
 *
 * // In-process, as the tests run it:
 * int exit = Main.run(new String[] {"demo", "--format", "csv"}, System.getenv(), System.out, System.err);
 * }</pre>
 *
 * <p>The admin key is read from the environment variable {@code OPENAI_ADMIN_KEY} only, never from
 * an argument, and is never printed: not in messages, stack traces, help or the HTTP log that
 * {@code --http-log=basic|headers|body} writes to stderr (where {@code Authorization} shows as
 * {@code <redacted>}). Exit codes: 0 success, 2 bad arguments, 3 API error, 4 network
 * failure after retries ({@code --help} lists them all).
 */
public final class Main {
  private Main() {}

  /** Runs the tool and exits the JVM with its exit code. */
  public static void main(String[] args) {
    FatalErrors.install(System.err);
    int exit = run(args, System.getenv(), System.out, System.err, Progress.terminal());
    System.out.flush();
    System.err.flush();
    System.exit(exit);
  }

  /**
   * Runs the tool in this JVM and returns its exit code, without exiting: the report goes to {@code
   * out}, messages to {@code err}. Progress is shown on {@code err} when this JVM runs in a terminal.
   *
   * @param args the command line, without the program name
   * @param env the environment, where {@code OPENAI_ADMIN_KEY} is read
   * @return 0 success, 2 bad arguments, 3 API error, 4 network failure after retries
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Objects.requireNonNull(args, "args == null");
    Objects.requireNonNull(env, "env == null");
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(err, "err == null");
    return run(args, env, out, err, Progress.terminal());
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean interactive) {
    if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
      // Answered before the command tree is built: picocli's model of every endpoint costs most of a start.
      out.println(Commands.VERSION_LINE);
      out.flush();
      return ExitCodes.OK;
    }
    return new ReportTool(env, out, err, interactive).run(args);
  }
}
