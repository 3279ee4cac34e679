package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import okhttp3.logging.HttpLoggingInterceptor;

/**
 * Captures everything a test run could print the admin key to: the HTTP log (as an {@link HttpLoggingInterceptor.Logger}),
 * System.out and System.err (teed, so they still reach the console), java.util.logging records of any logger
 * (OkHttp 3.14 logs leaked connections there), and whatever the test adds (exception traces, toStrings). Then
 * {@link #assertNoKey(String)} searches all of it for the key in every form.
 */
public final class SecretCapture implements AutoCloseable, HttpLoggingInterceptor.Logger {
  /** What the admin key is replaced by in the HTTP log, in responses and in exception messages. */
  public static final String REDACTED = UsageApiFactory.REDACTED;
  /** The line of the HTTP log for the Authorization header (OkHttp's {@code redactHeader}). */
  public static final String REDACTED_AUTHORIZATION = "Authorization: ██";

  /** A fresh sentinel admin key: printable ASCII, like a real key, and found nowhere by chance. */
  public static String sentinelKey() {
    return "sk-admin-SENTINEL-" + UUID.randomUUID().toString().replace("-", "");
  }

  /** Held so that the levels set on them stay set while capturing (loggers are weakly referenced). */
  private static final Logger ROOT = Logger.getLogger("");
  private static final Logger OKHTTP = Logger.getLogger("okhttp3");

  private final List<String> httpLog = Collections.synchronizedList(new ArrayList<>());
  private final StringBuffer extra = new StringBuffer();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;
  private final StringBuffer julLog = new StringBuffer();
  private final Level originalOkHttpLevel = OKHTTP.getLevel();
  private final Handler handler = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      julLog.append(formatter.format(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  public SecretCapture() {
    System.setOut(new PrintStream(new Tee(originalOut, stdout), true));
    System.setErr(new PrintStream(new Tee(originalErr, stderr), true));
    handler.setLevel(Level.ALL);
    ROOT.addHandler(handler);
    OKHTTP.setLevel(Level.ALL);
  }

  @Override
  public void log(String message) {
    httpLog.add(message);
  }

  /** The HTTP log so far, one line per message. */
  public String httpLog() {
    synchronized (httpLog) {
      return String.join("\n", httpLog);
    }
  }

  /** Adds {@code text} (a toString, a message) to what is searched. */
  public SecretCapture add(Object text) {
    extra.append(text).append('\n');
    return this;
  }

  /** Adds the message, toString and full stack trace (causes and suppressed included) of {@code error}. */
  public SecretCapture addFailure(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace, true));
    extra.append(error.getMessage()).append('\n').append(error).append('\n').append(trace).append('\n');
    for (Throwable t = error.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      extra.append(t.getMessage()).append('\n').append(t).append('\n');
    }
    return this;
  }

  /** Everything captured: the HTTP log, stdout, stderr, java.util.logging, and what was added. */
  public String all() {
    return httpLog() + "\n" + stdout.toString(StandardCharsets.UTF_8) + "\n" + stderr.toString(StandardCharsets.UTF_8)
        + "\n" + julLog + "\n" + extra;
  }

  /** The forms the key could take in text: itself, URL-encoded, Base64 (standard and URL-safe). */
  public static Set<String> forms(String key) {
    Set<String> forms = new LinkedHashSet<>();
    byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
    forms.add(key);
    forms.add(URLEncoder.encode(key, StandardCharsets.UTF_8));
    forms.add(Base64.getEncoder().encodeToString(bytes));
    forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    return forms;
  }

  /** Fails if any form of {@code key} appears in anything captured. */
  public void assertNoKey(String key) {
    String all = all();
    for (String form : forms(key)) {
      assertThat(all).as("captured output must not hold the key as %s", form).doesNotContain(form);
    }
    // The random part alone, should something cut the key or re-encode its prefix.
    assertThat(all).doesNotContain(key.substring("sk-admin-SENTINEL-".length()));
  }

  @Override
  public void close() {
    System.setOut(originalOut);
    System.setErr(originalErr);
    ROOT.removeHandler(handler);
    OKHTTP.setLevel(originalOkHttpLevel);
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) {
      try {
        first.write(b);
      } catch (java.io.IOException ignored) {
        // the console is best effort
      }
      synchronized (second) {
        try {
          second.write(b);
        } catch (java.io.IOException impossible) {
          throw new AssertionError(impossible);
        }
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      try {
        first.write(b, off, len);
      } catch (java.io.IOException ignored) {
        // the console is best effort
      }
      synchronized (second) {
        try {
          second.write(b, off, len);
        } catch (java.io.IOException impossible) {
          throw new AssertionError(impossible);
        }
      }
    }
  }
}
