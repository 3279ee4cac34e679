package dev.usagekit.micrometer.spring;

// The README's Spring Boot snippet, verbatim between the markers; @Configuration and @Bean are stand-ins of
// Spring's (in this module's tests), so that it compiles without Spring.
// README-BEGIN
import dev.usagekit.micrometer.NameResolver;
import dev.usagekit.micrometer.ResumeStore;
import dev.usagekit.micrometer.UsageMetrics;
import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiFactory;
import dev.usagekit.rx.FollowOptions;
import dev.usagekit.rx.UsageStreams;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

// Spring Boot binds every MeterBinder bean to its MeterRegistry: /actuator/prometheus then shows the metrics.
@Configuration
class UsageMetricsConfiguration {
  @Bean
  UsageApi usageApi() {
    return UsageApiFactory.create(System.getenv("OPENAI_ADMIN_KEY"));
  }

  @Bean(destroyMethod = "close")
  UsageMetrics openAiUsageMetrics(UsageApi usageApi, ResumeStore resumeStore) {
    Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS); // where counting starts on the very first run
    return UsageMetrics.builder(UsageStreams.create(usageApi))
        .follow(UsageQuery.completions().start(today).bucketWidth(BucketWidth.ONE_HOUR)
            .groupBy(GroupByField.MODEL, GroupByField.PROJECT_ID).build())
        .follow(UsageQuery.costs().start(today)
            .groupBy(GroupByField.PROJECT_ID, GroupByField.LINE_ITEM).build())
        .options(FollowOptions.builder().interval(Duration.ofMinutes(5)).grace(Duration.ofHours(2)).build())
        .resumeStore(resumeStore)   // your bean: a row in your database, a file, ...
        .maxTagValues(50)           // per tag: further models/projects are published as "other"
        .names(GroupByField.PROJECT_ID, NameResolver.projects(usageApi))  // project_name="Support Assistant"
        .build();
  }
}
// README-END
