package dev.usagekit.testkit.hardening;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;

/**
 * Counts the life of every OkHttp call of a scenario: a call whose response body is never closed never ends
 * ({@code callEnd}/{@code callFailed}) and never releases its connection, which is how OkHttp leaks them.
 */
final class CallEvents extends EventListener {
  private final Map<Call, String> calls = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();
  private int acquired;
  private int released;
  private final Set<Call> openBodies = new HashSet<>();

  @Override
  public synchronized void callStart(Call call) {
    if (calls.put(call, "running") != null) {
      violations.add("started twice: " + call.request().url());
    }
  }

  @Override
  public synchronized void callEnd(Call call) {
    end(call, "ended");
  }

  @Override
  public synchronized void callFailed(Call call, IOException e) {
    end(call, "failed");
  }

  private void end(Call call, String how) {
    String before = calls.put(call, how);
    if (!"running".equals(before)) {
      violations.add(how + " after " + before + ": " + call.request().url());
    }
  }

  @Override
  public synchronized void connectionAcquired(Call call, Connection connection) {
    acquired++;
  }

  @Override
  public synchronized void connectionReleased(Call call, Connection connection) {
    released++;
  }

  @Override
  public synchronized void responseBodyStart(Call call) {
    openBodies.add(call);
  }

  @Override
  public synchronized void responseBodyEnd(Call call, long byteCount) {
    openBodies.remove(call);
  }

  @Override
  public synchronized void responseFailed(Call call, IOException e) {
    openBodies.remove(call); // a body that broke off (or never came) ends here instead
  }

  /** The number of calls made with {@code page} as their {@code page} parameter (null: without one). */
  synchronized long callsFor(@Nullable String page) {
    return calls.keySet().stream()
        .filter(call -> Objects.equals(call.request().url().queryParameter("page"), page))
        .count();
  }

  /** The number of calls made. */
  synchronized int callCount() {
    return calls.size();
  }

  /** Calls that are still running, events out of order, connections not released, bodies not read to the end. */
  synchronized List<String> problems() {
    List<String> problems = new ArrayList<>(violations);
    calls.forEach((call, state) -> {
      if ("running".equals(state)) {
        problems.add("never ended: " + call.request().url());
      }
    });
    if (acquired != released) {
      problems.add(acquired + " connections acquired, " + released + " released");
    }
    for (Call call : openBodies) {
      problems.add("response body never read to its end nor failed: " + call.request().url());
    }
    return problems;
  }
}
