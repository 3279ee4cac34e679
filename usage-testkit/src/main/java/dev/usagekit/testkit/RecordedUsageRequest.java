package dev.usagekit.testkit;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResult;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A request that a {@link FakeUsageServer} received, with what it made of it and how it answered.
 *
 * <pre>{@code
 * RecordedUsageRequest request = server.takeRequest();
 * assertThat(request.endpoint()).isEqualTo(UsageEndpoint.COSTS);
 * assertThat(request.query().groupBy()).containsExactly(GroupByField.PROJECT_ID);
 * assertThat(request.page()).isNull();                 // the first page
 * assertThat(request.status()).isEqualTo(200);
 * }</pre>
 *
 * <p>{@link #toString()} leaves out the headers, so the admin key never reaches a log.
 */
public final class RecordedUsageRequest {
  private final int sequence;
  private final String requestId;
  private final String method;
  private final String path;
  private final Map<String, List<String>> queryParameters;
  private final Map<String, List<String>> headers;
  private final @Nullable UsageEndpoint endpoint;
  private final @Nullable UsageQuery<UsageResult> query;
  private final int status;
  private final @Nullable Fault fault;

  RecordedUsageRequest(
      int sequence,
      String requestId,
      String method,
      String path,
      Map<String, List<String>> queryParameters,
      Map<String, List<String>> headers,
      @Nullable UsageEndpoint endpoint,
      @Nullable UsageQuery<UsageResult> query,
      int status,
      @Nullable Fault fault) {
    this.sequence = sequence;
    this.requestId = requestId;
    this.method = method;
    this.path = path;
    this.queryParameters = Collections.unmodifiableMap(queryParameters);
    this.headers = Collections.unmodifiableMap(headers);
    this.endpoint = endpoint;
    this.query = query;
    this.status = status;
    this.fault = fault;
  }

  /** 1 for the first request the server received, then 2, 3, ... */
  public int sequence() {
    return sequence;
  }

  /** The {@code x-request-id} the server answered with ({@code req_...}). */
  public String requestId() {
    return requestId;
  }

  /** The HTTP method, for example {@code GET}. */
  public String method() {
    return method;
  }

  /** The path, without the query string, for example {@code /v1/organization/costs}. */
  public String path() {
    return path;
  }

  /**
   * The query parameters as sent, decoded, in the order of their first appearance, each with its values
   * (array parameters repeat their key).
   */
  public Map<String, List<String>> queryParameters() {
    return queryParameters;
  }

  /** The values of query parameter {@code name}, empty when it was not sent. */
  public List<String> queryParameter(String name) {
    List<String> values = queryParameters.get(Objects.requireNonNull(name, "name == null"));
    return values != null ? values : Collections.<String>emptyList();
  }

  /** The {@code page} cursor sent, or null for a first page. */
  public @Nullable String page() {
    List<String> values = queryParameters.get("page");
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of header {@code name} (case-insensitive), or null. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(Objects.requireNonNull(name, "name == null").toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The endpoint of the path, or null when the path is none of the API's. */
  public @Nullable UsageEndpoint endpoint() {
    return endpoint;
  }

  /**
   * The query decoded from the parameters (through {@link UsageQuery.Builder}), or null when the
   * path is unknown or the parameters are invalid (the server answered 400).
   */
  public @Nullable UsageQuery<UsageResult> query() {
    return query;
  }

  /**
   * The HTTP status the server answered with, or 0 when it answered none (the connection was closed, or
   * never answered: {@link Fault#disconnectAfterRequest()}, {@link Fault#noResponse()}).
   */
  public int status() {
    return status;
  }

  /** The fault the server answered with, or null for a normal answer. */
  public @Nullable Fault fault() {
    return fault;
  }

  @Override
  public String toString() {
    return "RecordedUsageRequest{#" + sequence + " " + requestId + " " + method + " " + path + " "
        + queryParameters + " -> " + status + (fault != null ? " " + fault : "") + "}";
  }
}
