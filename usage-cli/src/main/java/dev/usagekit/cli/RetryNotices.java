package dev.usagekit.cli;

import dev.usagekit.rx.RetryPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Says on stderr what is being retried, which attempt, and when: one line per failed attempt of a page that the
 * {@link RetryPolicy} will try again (429, 5xx, an I/O failure). Shown on a terminal, or with {@code --verbose}.
 * The line names the path and the status or failure, never the query (which may hold ids) or a header.
 */
final class RetryNotices implements Interceptor {
  private final PrintStream err;
  private final RetryPolicy policy;
  private final Progress progress;
  /** Failed attempts in a row, by URL: a page's retries share its URL (its cursor included). */
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  RetryNotices(PrintStream err, RetryPolicy policy, Progress progress) {
    this.err = err;
    this.policy = policy;
    this.progress = progress;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String url = request.url().toString();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      failed(request, url, e.getClass().getSimpleName(), null);
      throw e;
    }
    int status = response.code();
    if (status == 429 || status == 500 || status == 502 || status == 503 || status == 504) {
      failed(request, url, "HTTP " + status, response.header("Retry-After"));
    } else {
      failures.remove(url);
    }
    return response;
  }

  private void failed(Request request, String url, String why, @Nullable String retryAfter) {
    int attempt = failures.merge(url, 1, Integer::sum);
    if (attempt > policy.maxRetries()) {
      failures.remove(url);
      return; // the report says why it failed
    }
    String when = retryAfter != null && retryAfter.trim().matches("[0-9]{1,6}")
        ? "in " + retryAfter.trim() + " s (Retry-After)"
        : "in up to " + seconds(backoffMillis(attempt)) + " s";
    String path = request.url().encodedPath();
    int organization = path.indexOf("organization/");
    synchronized (progress) {
      progress.clear();
      err.println(Commands.NAME + ": " + why + " from " + (organization >= 0 ? path.substring(organization) : path)
          + "; retry " + attempt + " of " + policy.maxRetries() + " " + when);
    }
  }

  private long backoffMillis(int retry) {
    double base = policy.initialBackoff().toMillis() * Math.pow(policy.multiplier(), retry - 1);
    return (long) Math.min(base, (double) policy.maxBackoff().toMillis());
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
  }
}
