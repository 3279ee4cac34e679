package dev.usagekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import dev.usagekit.model.UsageTimeBucket;
import io.reactivex.rxjava3.core.Flowable;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A window of more buckets than a report keeps lines for is shown in slots of several buckets, with the same
 * totals: the table and the HTML page of a year of minutes hold a chart's worth of slots, not a line per bucket.
 */
class LongWindowTest {
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
  private static final int BUCKETS = 20_000;

  private static final UsageQuery<UsageCompletionsResult> QUERY = UsageQuery.completions()
      .start(Instant.ofEpochSecond(START)).end(Instant.ofEpochSecond(START + BUCKETS * 60L))
      .bucketWidth(BucketWidth.ONE_MINUTE).groupBy(GroupByField.MODEL).build();

  /** Pages of 1,440 one-minute buckets, each with a result of 1 to 3 input tokens, one model in three buckets. */
  private static Flowable<UsageResponse> pages() {
    return Flowable.range(0, (BUCKETS + 1439) / 1440).map(page -> {
      List<UsageTimeBucket> buckets = new ArrayList<>();
      for (int b = page * 1440; b < Math.min(BUCKETS, (page + 1) * 1440); b++) {
        long start = START + b * 60L;
        buckets.add(UsageTimeBucket.builder().startTime(start).endTime(start + 60)
            .addResults(UsageCompletionsResult.builder().inputTokens(1 + b % 3).outputTokens(0).numModelRequests(1)
                .model(b % 3 == 0 ? "gpt-4o" : "gpt-4o-mini").build())
            .build());
      }
      return UsageResponse.builder().addAllData(buckets).hasMore(false).build();
    });
  }

  @Test
  void slotsOfSeveralBucketsKeepTheTotals() {
    Summaries summaries = Summaries.of(pages(), QUERY, Instant.ofEpochSecond(START), "model").blockingGet();

    assertThat(summaries.buckets()).isEqualTo(BUCKETS);
    assertThat(summaries.bucketsPerSlot).isEqualTo(14);
    assertThat(summaries.all.byBucket()).hasSizeLessThanOrEqualTo(Summaries.MAX_SLOTS);
    assertThat(summaries.all.total().count("input_tokens")).isEqualTo(BUCKETS / 3 * 6 + 1 + 2);
    assertThat(summaries.all.byBucket().get(START).count("input_tokens")).isEqualTo(1 + 2 + 3 + 1 + 2 + 3 + 1 + 2 + 3
        + 1 + 2 + 3 + 1 + 2);
    assertThat(summaries.series.get("gpt-4o").byBucket()).hasSizeLessThanOrEqualTo(Summaries.MAX_SLOTS);
    assertThat(summaries.series.get("gpt-4o").total()).isEqualTo(summaries.groups.get(List.of("gpt-4o")).total());
    assertThat(summaries.first).isEqualTo(START);
    assertThat(summaries.last).isEqualTo(START + BUCKETS * 60L);
  }

  @Test
  void theTableSaysEachLineAddsUpSeveralBuckets() throws IOException {
    Summaries summaries = Summaries.of(pages(), QUERY, Instant.ofEpochSecond(START), null).blockingGet();
    StringWriter out = new StringWriter();

    new TableReport(out, QUERY, null, ProjectNames.none()).write(summaries);

    assertThat(out.toString()).contains("20000 buckets of 1m")
        .contains("Each line adds up 14 buckets of 1m (at most 1500 lines; csv and json give every bucket).");
    assertThat(out.toString().lines().count()).isLessThan(Summaries.MAX_SLOTS + 20);
    assertThat(summaries.groups.get(List.of("gpt-4o")).byBucket()).hasSize(1);
    assertThat(summaries.series).isEmpty();
  }

  @Test
  void groupsPastTheBoundAreAddedUpAsOneAndTheTableSaysHowMany() throws IOException {
    int projects = Summaries.MAX_GROUPS + 50;
    UsageQuery<UsageCompletionsResult> byProject = UsageQuery.completions()
        .start(Instant.ofEpochSecond(START)).end(Instant.ofEpochSecond(START + 86_400))
        .groupBy(GroupByField.PROJECT_ID).build();
    List<UsageCompletionsResult> results = new ArrayList<>();
    for (int p = 0; p < projects; p++) {
      results.add(UsageCompletionsResult.builder().inputTokens(1).outputTokens(0).numModelRequests(1)
          .projectId(String.format("proj_%05d", p)).build());
    }
    Flowable<UsageResponse> page = Flowable.just(UsageResponse.builder().hasMore(false)
        .addData(UsageTimeBucket.builder().startTime(START).endTime(START + 86_400).addAllResults(results).build())
        .build());

    Summaries summaries = Summaries.of(page, byProject, Instant.ofEpochSecond(START), null).blockingGet();
    StringWriter out = new StringWriter();
    new TableReport(out, byProject, null, ProjectNames.none()).write(summaries);

    assertThat(summaries.groups).hasSize(Summaries.MAX_GROUPS + 1);
    assertThat(summaries.groups.get(List.of(Summaries.OTHER)).total().count("input_tokens")).isEqualTo(50);
    assertThat(summaries.all.total().count("input_tokens")).isEqualTo(projects);
    assertThat(out.toString())
        .contains("50 more groups past the first 1000 are added up as (other) (csv and json give them all).");
  }

  @Test
  void theHtmlPageDrawsSlotsOfSeveralMinutes() {
    Summaries summaries = Summaries.of(pages(), QUERY, Instant.ofEpochSecond(START), "model").blockingGet();

    String html = new HtmlReport(new StringWriter(), QUERY, null).render(summaries, null);

    assertThat(html).contains("per 14 minutes").contains("Slots of 14 minutes with results");
    assertThat(HtmlReport.slots(summaries, BucketWidth.ONE_MINUTE, START, START + BUCKETS * 60L))
        .hasSize((BUCKETS + 13) / 14);
  }
}
