package dev.usagekit.testkit;

import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A canned response of the API: its raw JSON, as the API sends it, and its value, decoded with a plain {@code
 * ObjectMapper} the way a client decodes it.
 *
 * <pre>{@code
 * Fixture<UsageResponse> fixture = UsageFixtures.page(UsageEndpoint.COSTS, Grouping.GROUPED);
 * mockWebServer.enqueue(new MockResponse().setBody(fixture.json()));
 * UsageResponse page = UsageApiPages.fetch(api, UsageQuery.costs().startTime(1730419200L).build(), null)
 *     .blockingFirst();
 * assertThat(page).isEqualTo(fixture.value());
 * }</pre>
 *
 * @param <T> the type the JSON decodes to ({@code UsageResponse} or {@code ErrorResponse})
 */
public final class Fixture<T> {
  private final String name;
  private final String json;
  private final Class<T> type;

  Fixture(String name, Class<T> type) {
    this.name = name;
    this.type = type;
    this.json = Json.resource(UsageFixtures.ROOT + name);
  }

  /** The resource's name under {@code dev/usagekit/testkit/fixtures/}, for example {@code "costs.grouped.json"}. */
  public String name() {
    return name;
  }

  /** The classpath resource holding the JSON, for example {@code "/dev/usagekit/testkit/fixtures/costs.grouped.json"}. */
  public String resource() {
    return UsageFixtures.ROOT + name;
  }

  /** The JSON, exactly as stored: unknown fields, JSON nulls and number formats included. */
  public String json() {
    return json;
  }

  /** The JSON decoded with a plain {@code ObjectMapper}; a new value on each call (values are immutable). */
  public T value() {
    return Json.read(json, type);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Fixture && ((Fixture<?>) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name);
  }

  @Override
  public String toString() {
    return "Fixture{" + name + "}";
  }
}
