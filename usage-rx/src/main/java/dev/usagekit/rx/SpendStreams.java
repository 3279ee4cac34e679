package dev.usagekit.rx;

import dev.usagekit.model.SpendAlert;
import dev.usagekit.model.SpendAlertListResponse;
import dev.usagekit.model.SpendLimit;
import dev.usagekit.retrofit.UsageApi;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.annotation.Nullable;

/**
 * The organization's and its projects' hard spend limits and spend alerts ({@code GET /organization/spend_limit},
 * {@code GET /organization/spend_alerts} and their {@code /organization/projects/{project_id}/...} twins), fetched
 * with the retries and typed failures of a {@link UsageStreams}.
 *
 * <pre>{@code
 * SpendStreams spend = SpendStreams.of(UsageStreams.create(api));
 * SpendLimit limit = spend.organizationLimit().blockingGet();      // null: no limit set
 * List<SpendAlert> alerts = spend.organizationAlerts().toList().blockingGet();
 * }</pre>
 *
 * <p>Every request is retried as the streams' {@link RetryPolicy} says (a 429's {@code Retry-After}, 5xx, I/O
 * failures), waiting on the streams' scheduler; a failure that remains is a {@link UsageException} whose {@link
 * UsageException#path() path} names the operation ({@link UsageException#endpoint()} is null: these operations are
 * no rows of the endpoint table). A limit the API answers with 404 is "none set": the {@code Maybe} completes
 * empty. Alerts are listed in pages of {@value #PAGE_SIZE} ({@code after} the last id of the page before) while
 * {@code has_more} says so, bounded as the projects listing is: at most {@value #MAX_PAGES} pages, ending on an
 * {@code after} already sent and on a page that brings no alert not seen before; an alert is emitted once.
 */
public final class SpendStreams {
  /** Alerts per page: the API's maximum. */
  static final int PAGE_SIZE = 100;
  /** Pages of alerts at most: 10,000 alerts. */
  static final int MAX_PAGES = 100;
  static final String ORGANIZATION_LIMIT_PATH = "organization/spend_limit";
  static final String ORGANIZATION_ALERTS_PATH = "organization/spend_alerts";

  private final UsageStreams streams;

  private SpendStreams(UsageStreams streams) {
    this.streams = streams;
  }

  /**
   * Spend limits and alerts fetched through the API, retry policy and scheduler of {@code streams}.
   *
   * @throws NullPointerException if {@code streams} is null
   */
  public static SpendStreams of(UsageStreams streams) {
    return new SpendStreams(Objects.requireNonNull(streams, "streams == null"));
  }

  /**
   * The organization's hard spend limit; empty when none is set (the API answers 404).
   *
   * <dl>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>Not on a particular scheduler: the answer is emitted on the thread that delivers the response; waits
   *  between retries run on the streams' scheduler.</dd>
   * </dl>
   *
   * @return a cold {@code Maybe}: every subscription asks again
   */
  public Maybe<SpendLimit> organizationLimit() {
    UsageApi api = streams.api();
    return limit(() -> api.getorganizationspendlimit(Collections.<String, String>emptyMap()).singleOrError(),
        ORGANIZATION_LIMIT_PATH);
  }

  /**
   * The hard spend limit of project {@code projectId}; empty when none is set (the API answers 404, as it does
   * for a project that no longer exists).
   *
   * <dl>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>As {@link #organizationLimit()}.</dd>
   * </dl>
   *
   * @throws NullPointerException if {@code projectId} is null
   */
  public Maybe<SpendLimit> projectLimit(String projectId) {
    Objects.requireNonNull(projectId, "projectId == null");
    UsageApi api = streams.api();
    return limit(() -> api.getprojectspendlimit(projectId, Collections.<String, String>emptyMap()).singleOrError(),
        "organization/projects/" + projectId + "/spend_limit");
  }

  /**
   * Every spend alert of the organization, page after page.
   *
   * <dl>
   *  <dt><b>Backpressure:</b></dt>
   *  <dd>Honors backpressure: the next page is fetched once the alerts of the page before are emitted, at most one
   *  page in flight.</dd>
   *  <dt><b>Scheduler:</b></dt>
   *  <dd>Not on a particular scheduler: alerts are emitted on the thread that delivers the response; waits between
   *  retries run on the streams' scheduler.</dd>
   * </dl>
   *
   * @return a cold {@code Flowable}: every subscription lists from the first page
   */
  public Flowable<SpendAlert> organizationAlerts() {
    UsageApi api = streams.api();
    return alerts(after -> api.listOrganizationSpendAlerts(PAGE_SIZE, "asc", after, null,
        Collections.<String, String>emptyMap()).singleOrError(), ORGANIZATION_ALERTS_PATH);
  }

  /**
   * Every spend alert of project {@code projectId}, page after page; as {@link #organizationAlerts()}.
   *
   * @throws NullPointerException if {@code projectId} is null
   */
  public Flowable<SpendAlert> projectAlerts(String projectId) {
    Objects.requireNonNull(projectId, "projectId == null");
    UsageApi api = streams.api();
    return alerts(after -> api.listProjectSpendAlerts(projectId, PAGE_SIZE, "asc", after, null,
        Collections.<String, String>emptyMap()).singleOrError(),
        "organization/projects/" + projectId + "/spend_alerts");
  }

  @Override
  public String toString() {
    return "SpendStreams{" + streams + "}";
  }

  private Maybe<SpendLimit> limit(Callable<Single<SpendLimit>> call, String path) {
    return retried(call, path, 1, null)
        .toMaybe()
        .onErrorResumeNext(e -> e instanceof UsageApiException && ((UsageApiException) e).statusCode() == 404
            ? Maybe.<SpendLimit>empty() : Maybe.<SpendLimit>error(e));
  }

  /** One fetch: typed failures, retried from the same cursor as the policy says. */
  private <T> Single<T> retried(Callable<Single<T>> call, String path, int pageNumber, @Nullable String cursor) {
    Single<T> single = Single.defer(call::call)
        .onErrorResumeNext(e -> Single.error(PageFailures.toUsageException(e, null, path, pageNumber, cursor)));
    RetryPolicy policy = streams.retryPolicy();
    if (policy.maxRetries() > 0) {
      Random random = policy.newRandom();
      single = single.retryWhen(policy.retryHandler(streams::retryScheduler, random));
    }
    return single;
  }

  /** Fetches the page after a cursor (null for the first page). */
  private interface PageCall {
    Single<SpendAlertListResponse> page(@Nullable String after) throws Exception;
  }

  private Flowable<SpendAlert> alerts(PageCall call, String path) {
    return Flowable.defer(() -> page(call, path, new Listing(), null));
  }

  private Flowable<SpendAlert> page(PageCall call, String path, Listing listing, @Nullable String after) {
    int pageNumber = listing.pages + 1;
    return retried(() -> call.page(after), path, pageNumber, after)
        .toFlowable()
        .concatMap(page -> {
          Flowable<SpendAlert> fresh = Flowable.fromIterable(listing.fresh(page));
          String next = listing.next(page);
          return next == null ? fresh : fresh.concatWith(Flowable.defer(() -> page(call, path, listing, next)));
        });
  }

  /** What one subscription has seen: ids, cursors sent, pages fetched. */
  private static final class Listing {
    private final Set<String> ids = new HashSet<>();
    private final Set<String> cursors = new HashSet<>();
    int pages;
    private boolean lastBroughtNothingNew;

    List<SpendAlert> fresh(SpendAlertListResponse page) {
      pages++;
      List<SpendAlert> fresh = new ArrayList<>();
      for (SpendAlert alert : page.data()) {
        if (ids.add(alert.id())) {
          fresh.add(alert);
        }
      }
      lastBroughtNothingNew = fresh.isEmpty();
      return fresh;
    }

    @Nullable String next(SpendAlertListResponse page) {
      String last = page.lastId();
      if (last == null && !page.data().isEmpty()) {
        last = page.data().get(page.data().size() - 1).id();
      }
      if (!page.hasMore() || last == null || lastBroughtNothingNew || pages >= MAX_PAGES || !cursors.add(last)) {
        return null;
      }
      return last;
    }
  }
}
