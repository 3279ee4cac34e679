package dev.usagekit.testkit;

import dev.usagekit.model.ErrorResponse;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Canned responses of the API, as real ones look: for each endpoint a page without and with {@code group_by},
 * and the awkward cases a client must survive (empty buckets, a chain of pages, costs amounts as strings, a
 * result type this version does not know, the old {@code result} field name, error bodies).
 *
 * <pre>{@code
 * mockWebServer.enqueue(new MockResponse()
 *     .setBody(UsageFixtures.page(UsageEndpoint.COMPLETIONS, Grouping.GROUPED).json()));
 * mockWebServer.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "1")
 *     .setBody(UsageFixtures.error(429).json()));
 * }</pre>
 *
 * <p>The JSON lives on the classpath under {@code dev/usagekit/testkit/fixtures/}. Like real responses it
 * writes grouping fields not grouped on as {@code null}, and carries fields the spec does not list ({@code
 * start_time_iso} and {@code end_time_iso} on buckets; {@code organization_id} and {@code project_name} on
 * grouped costs). Buckets are whole UTC days from 2025-11-03 unless said otherwise. Every page fixture
 * validates against the project's OpenAPI document except {@link #costsWithStringAmounts()}, {@link
 * #unknownResultType()} and {@link #legacyResultField()}, which show what real responses do beyond it.
 */
public final class UsageFixtures {
  static final String ROOT = "/dev/usagekit/testkit/fixtures/";

  private static final List<Integer> ERROR_STATUSES =
      Collections.unmodifiableList(Arrays.asList(400, 401, 403, 404, 429, 500));

  private UsageFixtures() {}

  /**
   * Three daily buckets of {@code endpoint}, the last one empty. {@link Grouping#UNGROUPED}: one result per
   * non-empty bucket. {@link Grouping#GROUPED}: two results in the first bucket and one in the second, grouped
   * by fields typical of the endpoint (completions, embeddings, moderations: {@code project_id} and {@code
   * model}; images: {@code source} and {@code size}; costs: {@code project_id}; ...).
   */
  public static Fixture<UsageResponse> page(UsageEndpoint endpoint, Grouping grouping) {
    Objects.requireNonNull(endpoint, "endpoint == null");
    Objects.requireNonNull(grouping, "grouping == null");
    String name = endpoint.path().substring(endpoint.path().lastIndexOf('/') + 1);
    return new Fixture<>(name + (grouping == Grouping.GROUPED ? ".grouped.json" : ".ungrouped.json"),
        UsageResponse.class);
  }

  /** Three hourly completions buckets without usage: each has {@code "results": []}. */
  public static Fixture<UsageResponse> emptyBuckets() {
    return new Fixture<>("empty-buckets.json", UsageResponse.class);
  }

  /**
   * Three pages of daily completions buckets (2, 2 and 1 buckets, as with {@code limit=2}): the first two have
   * {@code has_more} true and a {@code next_page} cursor, the last false and null.
   */
  public static List<Fixture<UsageResponse>> pageChain() {
    List<Fixture<UsageResponse>> chain = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      chain.add(new Fixture<>("chain/completions.page-" + i + ".json", UsageResponse.class));
    }
    return Collections.unmodifiableList(chain);
  }

  /**
   * Costs grouped by {@code project_id} and {@code line_item}, with {@code quantity} and {@code
   * quantity_unit}, and {@code amount.value} as JSON numbers ({@code 0.0692840000000000000}).
   */
  public static Fixture<UsageResponse> costsWithNumberAmounts() {
    return new Fixture<>("costs.number-amounts.json", UsageResponse.class);
  }

  /**
   * The same costs as {@link #costsWithNumberAmounts()}, with {@code amount.value} as JSON strings, as real
   * responses sometimes send them: {@code "0.0692840000000000000"}, {@code "0E-6176"}. Not valid against the
   * spec (which says number); a client must read it all the same.
   */
  public static Fixture<UsageResponse> costsWithStringAmounts() {
    return new Fixture<>("costs.string-amounts.json", UsageResponse.class);
  }

  /**
   * A completions bucket that also holds a result of a type this release does not know ({@code
   * usagekit.test.unknown_type.result}, with a fractional count and an array): it must decode to an
   * {@code UnknownUsageResult} without failing the page. The name is outside {@code organization.*} so
   * that no endpoint the API adds later can ever have it.
   */
  public static Fixture<UsageResponse> unknownResultType() {
    return new Fixture<>("unknown-result.json", UsageResponse.class);
  }

  /** A completions bucket whose results are under the name specs before 2026-05 used: {@code result}. */
  public static Fixture<UsageResponse> legacyResultField() {
    return new Fixture<>("legacy-result-field.json", UsageResponse.class);
  }

  /**
   * The API's error body for {@code status}: 400 (an invalid {@code limit}, {@code "param": "limit"}), 401
   * ({@code "code": "invalid_api_key"}), 403 (a missing scope), 404 (an invalid URL), 429 ({@code "code":
   * "rate_limit_exceeded"}) or 500 ({@code "type": "server_error"}).
   *
   * @throws IllegalArgumentException for any other status; the message names the statuses there are
   */
  public static Fixture<ErrorResponse> error(int status) {
    if (!ERROR_STATUSES.contains(status)) {
      throw new IllegalArgumentException("status must be one of " + ERROR_STATUSES + ", was " + status);
    }
    return new Fixture<>("error." + status + ".json", ErrorResponse.class);
  }

  /** The statuses {@link #error(int)} has a body for: 400, 401, 403, 404, 429, 500. */
  public static List<Integer> errorStatuses() {
    return ERROR_STATUSES;
  }

  /** Every page fixture: both pages of each endpoint, then the special cases. */
  public static List<Fixture<UsageResponse>> pages() {
    List<Fixture<UsageResponse>> pages = new ArrayList<>();
    for (UsageEndpoint endpoint : UsageEndpoint.values()) {
      pages.add(page(endpoint, Grouping.UNGROUPED));
      pages.add(page(endpoint, Grouping.GROUPED));
    }
    pages.add(emptyBuckets());
    pages.addAll(pageChain());
    pages.add(costsWithNumberAmounts());
    pages.add(costsWithStringAmounts());
    pages.add(unknownResultType());
    pages.add(legacyResultField());
    return Collections.unmodifiableList(pages);
  }
}
