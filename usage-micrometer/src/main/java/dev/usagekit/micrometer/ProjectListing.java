package dev.usagekit.micrometer;

import dev.usagekit.model.Project;
import dev.usagekit.model.ProjectApiKey;
import dev.usagekit.model.User;
import dev.usagekit.retrofit.UsageApi;
import dev.usagekit.retrofit.UsageApiProjectApiKeys;
import dev.usagekit.retrofit.UsageApiProjects;
import dev.usagekit.retrofit.UsageApiUsers;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * {@link NameResolver#projects} (and {@link NameResolver#users}, {@link NameResolver#apiKeys}): names from a listing,
 * listed again for an unknown id.
 */
final class ProjectListing implements NameResolver {
  /** The least time between two listings. */
  static final long RELIST_AFTER_MILLIS = TimeUnit.MINUTES.toMillis(10);

  private static final Logger LOG = Logger.getLogger(UsageMetrics.class.getName());

  /** The current time in milliseconds. */
  interface Millis {
    long now();
  }

  /** One whole listing: names by id. */
  interface Lister {
    Map<String, String> list(UsageApi api);
  }

  /** The projects' names, from every page of the projects listing. */
  static final Lister PROJECTS = api -> {
    Map<String, String> names = new HashMap<>();
    for (Project project : UsageApiProjects.all(api).blockingIterable()) {
      put(names, project.id(), project.name());
    }
    return names;
  };

  /** The users' emails, else their names, from every page of the users listing. */
  static final Lister USERS = api -> {
    Map<String, String> names = new HashMap<>();
    for (User user : UsageApiUsers.all(api).blockingIterable()) {
      put(names, user.id(), user.email() != null && !user.email().isEmpty() ? user.email() : user.name());
    }
    return names;
  };

  /** The most projects whose API keys {@link #API_KEYS} lists: one listing each. */
  static final int MAX_KEY_PROJECTS = 100;

  /** The names of the API keys of the first {@value #MAX_KEY_PROJECTS} projects listed. */
  static final Lister API_KEYS = api -> {
    Map<String, String> names = new HashMap<>();
    for (ProjectApiKey key : UsageApiProjects.all(api).take(MAX_KEY_PROJECTS)
        .concatMap(project -> UsageApiProjectApiKeys.all(api, project.id())).blockingIterable()) {
      put(names, key.id(), key.name());
    }
    return names;
  };

  private static void put(Map<String, String> names, String id, @Nullable String name) {
    if (name != null && !name.isEmpty()) {
      names.put(id, name);
    }
  }

  private final UsageApi api;
  private final Millis clock;
  private final String what;
  private final Lister lister;
  // Guarded by this.
  private Map<String, String> byId = new HashMap<>();
  private boolean listed;
  private long listedAt;

  ProjectListing(UsageApi api, Millis clock) {
    this(api, clock, "projects", PROJECTS);
  }

  /** Names {@code what} ({@code projects}, {@code users}, {@code API keys}) from {@code lister}'s listings. */
  ProjectListing(UsageApi api, Millis clock, String what, Lister lister) {
    this.api = Objects.requireNonNull(api, "api == null");
    this.clock = clock;
    this.what = what;
    this.lister = lister;
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
      byId = lister.list(api);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "usage-micrometer: listing " + what + " failed (the name tag keeps the names listed "
          + "before; trying again in " + TimeUnit.MILLISECONDS.toMinutes(RELIST_AFTER_MILLIS) + " min): " + e);
    }
  }

  @Override
  public String toString() {
    String method = lister == USERS ? "users" : lister == API_KEYS ? "apiKeys" : "projects";
    return "NameResolver." + method + "(" + api.getClass().getSimpleName() + ")";
  }
}
