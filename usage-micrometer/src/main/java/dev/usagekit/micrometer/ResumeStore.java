package dev.usagekit.micrometer;

import dev.usagekit.model.UsageEndpoint;
import javax.annotation.Nullable;

/**
 * Where {@link UsageMetrics} resumes counting after a restart: the end of the last final bucket it counted, per
 * endpoint. Persist it (a file, a database row, Android's {@code SharedPreferences}) and counters never count a
 * bucket twice across restarts.
 *
 * <pre>{@code
 * ResumeStore store = new ResumeStore() {
 *   public Long load(UsageEndpoint endpoint) {
 *     String saved = properties.getProperty(endpoint.name());
 *     return saved == null ? null : Long.valueOf(saved);    // null: start at the query's start
 *   }
 *   public void save(UsageEndpoint endpoint, long resumeFrom) {
 *     properties.setProperty(endpoint.name(), Long.toString(resumeFrom));
 *     writeAtomically(properties);                          // before the counters move
 *   }
 * };
 * }</pre>
 *
 * <p>{@link #save} is called for each final bucket <em>before</em> its counts are added to the meters, on the
 * thread that delivered the bucket: if it throws, the bucket is not counted, and it is fetched and offered again on
 * the next attempt. So a crash between the two loses that one bucket from the counters and never counts it twice.
 * Implementations must be thread-safe if one store serves several binders.
 */
public interface ResumeStore {
  /**
   * The resume point last saved for {@code endpoint}, in Unix seconds, or null when none was saved (the binder
   * then starts at the followed query's start).
   *
   * @param endpoint the endpoint followed
   * @return the saved resume point, or null
   */
  @Nullable Long load(UsageEndpoint endpoint);

  /**
   * Saves {@code resumeFrom} (Unix seconds: the end of the final bucket about to be counted) for {@code endpoint}.
   *
   * @param endpoint the endpoint followed
   * @param resumeFrom where to resume after a restart
   */
  void save(UsageEndpoint endpoint, long resumeFrom);
}
