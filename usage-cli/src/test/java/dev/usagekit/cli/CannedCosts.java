package dev.usagekit.cli;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Two pages of costs, as a server might send them: string and number amounts, fields the spec does
 * not list ({@code organization_id}), a line item with a comma and one with quotes, and a second
 * page pretty-printed.
 *
 * <p>Amounts: 2026-10-31 proj_a 0.004 + proj_b 1.001 = 1.005 (1.01 usd rounded; as doubles 1.00);
 * 2026-11-01 proj_a 0.001 + proj_b 0 = 0.001. Per project: proj_b 1.001, proj_a 0.005. Total 1.006.
 */
final class CannedCosts {
  static final String KEY = "sk-admin-canned-0123456789";

  static final String BUCKET_1 = "{\"object\":\"bucket\",\"start_time\":1793404800,\"end_time\":1793491200,"
      + "\"organization_id\":\"org-abc\",\"results\":["
      + "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":\"0.0040000000000000000\","
      + "\"currency\":\"usd\"},\"line_item\":\"gpt-4o, input\",\"project_id\":\"proj_a\","
      + "\"organization_id\":\"org-abc\"},"
      + "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":1.001,\"currency\":\"usd\"},"
      + "\"line_item\":\"say \\\"hi\\\"\",\"project_id\":\"proj_b\"}]}";

  static final String BUCKET_2 = """
      {
          "object": "bucket",
          "start_time": 1793491200,
          "end_time": 1793577600,
          "start_time_iso": "2026-11-01T00:00:00+00:00",
          "results": [
            {"object": "organization.costs.result", "amount": {"value": "0.0010000000000", "currency": "usd"},
             "line_item": "gpt-4o, input", "project_id": "proj_a"},
            {"object": "organization.costs.result", "amount": {"value": "0E-6176", "currency": "usd"},
             "line_item": "say \\"hi\\"", "project_id": "proj_b"}
          ]
        }""";

  static final String PAGE_1 = "{\"object\":\"page\",\"data\":[" + BUCKET_1
      + "],\"has_more\":true,\"next_page\":\"page_AAAA\"}";

  static final String PAGE_2 = "{\n  \"object\": \"page\",\n  \"data\": [\n    " + BUCKET_2
      + "\n  ],\n  \"has_more\": false,\n  \"next_page\": null\n}\n";

  /** The arguments of the report these pages answer, against {@code server}. */
  static String[] args(MockWebServer server, String format) {
    return new String[] {"costs", "--start", "2026-10-31", "--end", "2026-11-02",
        "--group-by", "project_id,line_item", "--format", format, "--base-url", server.url("/v1/").toString()};
  }

  /** The projects listing of a key that may list projects but finds none with a name. */
  static final String NO_PROJECTS = "{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,"
      + "\"has_more\":false}";

  /**
   * Answers the projects listing (asked for by table, csv and html, as the report groups by project_id) with no
   * names, and the costs requests with the two pages, in order.
   */
  static void enqueue(MockWebServer server) {
    Queue<MockResponse> pages = new ConcurrentLinkedQueue<>(List.of(
        json(PAGE_1).setHeader("x-request-id", "req_1"), json(PAGE_2).setHeader("x-request-id", "req_2")));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (String.valueOf(request.getPath()).startsWith("/v1/organization/projects")) {
          return json(NO_PROJECTS);
        }
        MockResponse page = pages.poll();
        return page != null ? page : new MockResponse().setResponseCode(404);
      }
    });
  }

  static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  private CannedCosts() {}
}
