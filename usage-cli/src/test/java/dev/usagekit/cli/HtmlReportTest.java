package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format html}: one self-contained page whose charts add up to the report's totals. */
class HtmlReportTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static final String EMPTY_PAGE = "{\"object\":\"page\",\"data\":[],\"has_more\":false,\"next_page\":null}";

  /**
   * Answers the costs report with {@code costsPage} and its companion (completions, fetched at the same time) with
   * an empty page.
   */
  private void serve(String costsPage) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return CannedCosts.json(request.getPath().contains("/organization/costs") ? costsPage : EMPTY_PAGE);
      }
    });
  }

  private static Document demoHtml(String... args) {
    CliRun run = CliRun.run(Map.of(), args);
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("<!DOCTYPE html>");
    return Jsoup.parse(run.out());
  }

  private static BigDecimal sum(Elements elements) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Element element : elements) {
      sum = sum.add(new BigDecimal(element.attr("data-value")));
    }
    return sum;
  }

  private static BigDecimal cents(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }

  @Test
  void demoHtmlReferencesNothingOutsideTheFile() {
    CliRun run = CliRun.run(Map.of(), "demo", "--format", "html");
    Document html = Jsoup.parse(run.out());

    assertThat(run.out()).doesNotContain("http://").doesNotContain("https://").doesNotContain("url(")
        .doesNotContain("@import");
    assertThat(html.select("script, link, iframe, img, object, embed, base, image, use, foreignObject"))
        .isEmpty();
    for (Element element : html.getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        assertThat(attribute.getKey()).as(element.cssSelector())
            .isNotIn("src", "href", "xlink:href", "srcset", "action", "formaction", "background")
            .doesNotStartWith("on");
      }
    }
    assertThat(html.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .startsWith("default-src 'none';");
  }

  @Test
  void demoCostChartAddsUpToTheTotalToTheCent() {
    Document html = demoHtml("demo", "--format", "html");

    Element card = html.selectFirst("#totals .card[data-kind=amount][data-currency=usd]");
    BigDecimal total = new BigDecimal(card.attr("data-total"));
    Element chart = html.selectFirst("svg#cost-chart");
    BigDecimal charted = sum(chart.select("rect[data-value]"));

    assertThat(charted).isEqualByComparingTo(total);
    assertThat(new BigDecimal(chart.attr("data-total"))).isEqualByComparingTo(total);
    assertThat(card.selectFirst(".value").text()).isEqualTo(Numbers.money(total, "usd"));
  }

  @Test
  void demoHtmlTotalIsTheTableReportsTotal() {
    Document html = demoHtml("demo", "--format", "html");
    String table = CliRun.run(Map.of(), "demo").out();

    BigDecimal charted = sum(html.select("svg#cost-chart rect[data-value]"));
    String tableTotal = table.lines().filter(line -> line.startsWith("total ")).reduce((a, b) -> b).orElseThrow();

    assertThat(tableTotal).endsWith(" " + Numbers.money(charted, "usd"));
    assertThat(html.selectFirst("#top tr.total").attr("data-value")).isEqualTo(Numbers.plain(charted));
  }

  @Test
  void demoCostChartIsStackedByProjectWithALegendOfProjects() {
    Document html = demoHtml("demo", "--format", "html");

    Element figure = html.selectFirst("#cost-chart-section figure");
    assertThat(figure.selectFirst("figcaption").text()).contains("by project_id").contains("usd");
    List<String> legend = figure.select(".legend li .name").eachText();
    assertThat(legend).hasSize(4).allMatch(name -> name.matches("[^()]+ \\(proj_\\w+\\)"), "name (id)");
    assertThat(Set.copyOf(figure.select("rect[data-value]").eachAttr("data-series")))
        .containsExactlyInAnyOrderElementsOf(legend);
    assertThat(figure.select("svg#cost-chart .x-axis .tick").first().text()).isEqualTo("10-22");
  }

  @Test
  void demoTokenChartAddsUpToTheCompletionsInputTokensOfTheWindow() {
    Document html = demoHtml("demo", "--format", "html");
    String csv = CliRun.run(Map.of(), "demo", "completions", "--group-by", "model", "--format", "csv").out();

    List<String> lines = csv.lines().toList();
    List<String> header = List.of(lines.get(0).split(","));
    int input = header.indexOf("input_tokens");
    BigDecimal tokens = BigDecimal.ZERO;
    for (String line : lines.subList(1, lines.size())) {
      tokens = tokens.add(new BigDecimal(line.split(",")[input]));
    }
    BigDecimal charted = sum(html.select("svg#count-chart rect[data-value]"));

    assertThat(charted).isEqualByComparingTo(tokens);
    assertThat(html.selectFirst("#totals .card[data-kind=count]").attr("data-total")).isEqualTo(Numbers.plain(tokens));
    assertThat(html.selectFirst("#count-chart-section figcaption").text()).startsWith("input_tokens per day, by model");
  }

  @Test
  void everyChartHasAxisLabelsTicksAndALegend() {
    Document html = demoHtml("demo", "--format", "html");

    Elements figures = html.select("figure");
    assertThat(figures).hasSize(2);
    for (Element figure : figures) {
      assertThat(figure.select("svg .axis-label").eachText()).hasSize(2).allMatch(label -> !label.isBlank());
      assertThat(figure.select("svg .y-axis .tick")).hasSizeGreaterThan(1);
      assertThat(figure.select("svg .x-axis .tick")).isNotEmpty();
      assertThat(figure.select(".legend li")).isNotEmpty();
      assertThat(figure.selectFirst("svg").attr("viewBox")).isNotEmpty();
      assertThat(figure.selectFirst("svg").hasAttr("width")).isFalse();
    }
    assertThat(html.select("svg#cost-chart .axis-label").eachText()).containsExactly("usd per day", "day (UTC)");
  }

  @Test
  void topTableListsTheLargestGroupsAndAddsUpToTheTotal() {
    Document html = demoHtml("demo", "--format", "html");

    Elements rows = html.select("#top tbody tr");
    assertThat(rows).hasSize(HtmlReport.TOP_N);
    List<BigDecimal> values = new ArrayList<>();
    for (Element row : rows) {
      values.add(new BigDecimal(row.attr("data-value")));
    }
    assertThat(values).isSortedAccordingTo((a, b) -> b.compareTo(a));
    BigDecimal shown = sum(rows).add(sum(html.select("#top tr.rest")));
    assertThat(shown).isEqualByComparingTo(new BigDecimal(html.selectFirst("#top tr.total").attr("data-value")));
    assertThat(html.select("#top thead th").eachText()).containsExactly("#", "project_id", "line_item",
        "amount (usd)", "share");
    assertThat(rows.get(0).select("td.id").first().text()).matches("[^()]+ \\(proj_\\w+\\)");
  }

  @Test
  void queryAndWindowAreShown() {
    Document html = demoHtml("demo", "--format", "html");

    assertThat(html.select("#query dt").eachText()).contains("Endpoint", "Window", "Bucket width", "Group by");
    assertThat(html.select("#query dd").eachText()).contains("project_id, line_item",
        "2026-10-22T00:00:00Z to 2026-11-21T00:00:00Z (end exclusive)");
    assertThat(html.title()).startsWith("Costs, 2026-10-22 to 2026-11-21 UTC");
  }

  @Test
  void demoHtmlIsTheSameEveryTime() {
    assertThat(CliRun.run(Map.of(), "demo", "--format", "html").out())
        .isEqualTo(CliRun.run(Map.of(), "demo", "--format", "html").out());
  }

  @Test
  void anEmptyWindowRendersWithoutErrors() {
    serve(EMPTY_PAGE);

    CliRun run = CliRun.run(CliRun.key(CannedCosts.KEY), "costs", "--start", "2026-10-31", "--end", "2026-11-03",
        "--group-by", "project_id", "--format", "html", "--base-url", server.url("/v1/").toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    Document html = Jsoup.parse(run.out());
    assertThat(html.select("svg rect[data-value]")).isEmpty();
    assertThat(html.select("svg#count-chart rect.gap")).hasSize(3);
    assertThat(html.selectFirst("#totals .card[data-kind=count]").attr("data-total")).isEqualTo("0");
    assertThat(html.selectFirst("#totals .card[data-kind=buckets] .value").text()).isEqualTo("0 of 3");
  }

  @Test
  void aWindowOfOneBucketRendersOneBarPerSeries() {
    Document html = demoHtml("demo", "completions", "--start", "2026-11-02", "--end", "2026-11-03",
        "--group-by", "model", "--format", "html");

    Element chart = html.selectFirst("svg#count-chart");
    assertThat(chart.select("rect[data-value]").eachAttr("data-bucket")).isNotEmpty().containsOnly("2026-11-02");
    assertThat(chart.select(".x-axis .tick").eachText()).containsExactly("11-02");
    assertThat(sum(chart.select("rect[data-value]")))
        .isEqualByComparingTo(new BigDecimal(html.selectFirst("#totals .card[data-kind=count]").attr("data-total")));
    assertThat(html.select("svg#cost-chart")).isEmpty();
  }

  @Test
  void missingAndEmptyDaysAreGapsNotLeftOut() {
    String day1 = "{\"object\":\"bucket\",\"start_time\":1793404800,\"end_time\":1793491200,\"results\":["
        + "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":1.25,\"currency\":\"usd\"},"
        + "\"project_id\":\"proj_a\"}]}";
    String day2 = "{\"object\":\"bucket\",\"start_time\":1793491200,\"end_time\":1793577600,\"results\":[]}";
    String day4 = "{\"object\":\"bucket\",\"start_time\":1793664000,\"end_time\":1793750400,\"results\":["
        + "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":\"0.005\",\"currency\":\"usd\"},"
        + "\"project_id\":\"proj_b\"}]}";
    // Day 3 is missing between two pages (inside a page the API sends every bucket, empty ones too: a gap
    // there fails the stream).
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (!request.getPath().contains("/organization/costs")) {
          return CannedCosts.json(EMPTY_PAGE);
        }
        return CannedCosts.json(request.getPath().contains("page=p2")
            ? "{\"object\":\"page\",\"data\":[" + day4 + "],\"has_more\":false,\"next_page\":null}"
            : "{\"object\":\"page\",\"data\":[" + day1 + "," + day2 + "],\"has_more\":true,\"next_page\":\"p2\"}");
      }
    });

    CliRun run = CliRun.run(CliRun.key(CannedCosts.KEY), "costs", "--start", "2026-10-31", "--end", "2026-11-04",
        "--group-by", "project_id", "--format", "html", "--base-url", server.url("/v1/").toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    Document html = Jsoup.parse(run.out());
    Element chart = html.selectFirst("svg#cost-chart");
    assertThat(chart.select(".x-axis .tick").eachText()).containsExactly("10-31", "11-01", "11-02", "11-03");
    assertThat(chart.select("rect.gap").eachAttr("data-bucket")).containsExactly("2026-11-01", "2026-11-02");
    assertThat(sum(chart.select("rect[data-value]"))).isEqualByComparingTo("1.255");
    assertThat(html.selectFirst("#totals .card[data-kind=amount] .value").text()).isEqualTo("1.26 usd");
  }

  @Test
  void aFailedCompanionFetchLeavesOutTheSecondChartWithANoteAndWritesTheCostsPage(@TempDir Path dir)
      throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getPath().contains("/organization/usage/completions")) {
          return new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
              .setBody("{\"error\":{\"message\":\"usage is not available\",\"type\":\"invalid_request_error\","
                  + "\"param\":null,\"code\":null}}");
        }
        return CannedCosts.json(request.getPath().contains("/organization/costs") ? CannedCosts.PAGE_2 : EMPTY_PAGE);
      }
    });
    Path file = dir.resolve("costs.html");

    CliRun run = CliRun.run(CliRun.key(CannedCosts.KEY), "costs", "--start", "2026-11-01", "--end", "2026-11-02",
        "--format", "html", "--output", file.toString(), "--base-url", server.url("/v1/").toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err()).contains("note: the page has no second chart").contains("HTTP 400: usage is not available");
    Document html = Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(html.select("svg#cost-chart")).hasSize(1);
    assertThat(html.select("svg#count-chart")).isEmpty();
    assertThat(html.select("dt:containsOwn(Second chart) + dd").text())
        .contains("not drawn").contains("HTTP 400: usage is not available");
  }

  @Test
  void hostileNamesAreShownAsTextAndNeverRun() {
    String project = "<script>alert('p')</script>";
    String lineItem = "\"><img src=x onerror=alert(1)>&amp;";
    String bucket = "{\"object\":\"bucket\",\"start_time\":1793404800,\"end_time\":1793491200,\"results\":["
        + "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":2,\"currency\":\"usd</style><b>\"},"
        + "\"project_id\":\"" + project + "\",\"line_item\":\"" + lineItem.replace("\"", "\\\"") + "\"}]}";
    serve("{\"object\":\"page\",\"data\":[" + bucket + "],\"has_more\":false,\"next_page\":null}");

    CliRun run = CliRun.run(CliRun.key(CannedCosts.KEY), "costs", "--start", "2026-10-31", "--end", "2026-11-01",
        "--group-by", "project_id,line_item", "--format", "html", "--base-url", server.url("/v1/").toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    Document html = Jsoup.parse(run.out());
    assertThat(html.select("script, img, b")).isEmpty();
    assertThat(html.select("style")).hasSize(1);
    assertThat(html.select("#top tbody td.id").eachText()).containsExactly(project, lineItem);
    assertThat(html.select("#cost-chart-section .legend .name").eachText()).containsExactly(project);
    assertThat(html.selectFirst("svg#cost-chart rect[data-value]").attr("data-series")).isEqualTo(project);
    assertThat(run.out()).doesNotContain("<script").doesNotContain("<img").doesNotContain("</style><b>");
  }

  @Test
  void outputWritesTheFileAndNothingOnStdout(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("report.html");

    CliRun run = CliRun.run(Map.of(), "demo", "--format", "html", "--output", file.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).isEmpty();
    String written = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(written).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(written).isEqualTo(CliRun.run(Map.of(), "demo", "--format", "html").out());
  }

  @Test
  void outputWorksForEveryFormat(@TempDir Path dir) throws IOException {
    for (String format : List.of("table", "csv", "json")) {
      Path file = dir.resolve("report." + format);

      CliRun run = CliRun.run(Map.of(), "demo", "images", "--format", format, "-o", file.toString());

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out()).as(format).isEmpty();
      assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(format)
          .isEqualTo(CliRun.run(Map.of(), "demo", "images", "--format", format).out());
    }
  }

  @Test
  void outputToADirectoryIsABadArgument(@TempDir Path dir) {
    CliRun run = CliRun.run(Map.of(), "demo", "costs", "--format", "html", "--output", dir.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Invalid value for option '--output'").contains("is a directory");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void htmlIsAnAllowedFormat() {
    CliRun run = CliRun.run(Map.of(), "demo", "--format", "xml");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("allowed: table, csv, json, html");
  }
}
