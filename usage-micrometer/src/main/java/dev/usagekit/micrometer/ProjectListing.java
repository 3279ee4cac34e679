package dev.usagekit.micrometer;

import dev.usagekit.model.Project;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiProjects;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/** {@link NameResolver#projects}: project names from the projects listing, listed again for an unknown id. */
final class ProjectListing implements NameResolver {
  /** The least time between two listings. */
  static final long RELIST_AFTER_MILLIS = TimeUnit.MINUTES.toMillis(10);

  private static final Logger LOG = Logger.getLogger(UsageMetrics.class.getName());

  /** The current time in milliseconds. */
  interface Millis {
    long now();
  }

  private final UsageApi api;
  private final Millis clock;
  // Guarded by this.
  private Map<String, String> byId = new HashMap<>();
  private boolean listed;
  private long listedAt;

  ProjectListing(UsageApi api, Millis clock) {
    this.api = Objects.requireNonNull(api, "api == null");
    this.clock = clock;
  }

  @Override
  public synchronized @Nullable String name(String id) {
    String name = byId.get(id);
    if (name == null && (!listed || clock.now() - listedAt >= RELIST_AFTER_MILLIS)) {
      list();
      name = byId.get(id);
    }
    return name;
  }

  private void list() {
    listed = true;
    listedAt = clock.now();
    try {
      Map<String, String> names = new HashMap<>();
      for (Project project : UsageApiProjects.all(api).blockingIterable()) {
        String name = project.name();
        if (name != null && !name.isEmpty()) {
          names.put(project.id(), name);
        }
      }
      byId = names;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "usage-micrometer: listing projects failed (project_name keeps the names listed "
          + "before; trying again in " + TimeUnit.MILLISECONDS.toMinutes(RELIST_AFTER_MILLIS) + " min): " + e);
    }
  }

  @Override
  public String toString() {
    return "NameResolver.projects(" + api.getClass().getSimpleName() + ")";
  }
}
