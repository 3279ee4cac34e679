package dev.usagekit.testkit;

import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.ResultField;
import dev.usagekit.model.ResultFields;
import dev.usagekit.model.SpendAlert;
import dev.usagekit.model.SpendLimit;
import dev.usagekit.model.SpendLimitEnforcement;
import dev.usagekit.model.UsageAudioSpeechesResult;
import dev.usagekit.model.UsageAudioTranscriptionsResult;
import dev.usagekit.model.UsageCodeInterpreterSessionsResult;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEmbeddingsResult;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFileSearchCallsResult;
import dev.usagekit.model.UsageImagesResult;
import dev.usagekit.model.UsageModerationsResult;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageVectorStoresResult;
import dev.usagekit.model.UsageWebSearchCallsResult;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import javax.annotation.Nullable;

/**
 * A realistic, made-up organisation and its usage: four projects with their API keys, users, models and
 * vector stores, used hour by hour over some days (more on weekdays and in working hours, a little more each
 * day), and the costs of that usage at list-like prices. The same seed always gives the same organisation,
 * down to the last token.
 *
 * <pre>{@code
 * SyntheticOrganization org = SyntheticOrganization.generate(42, Instant.parse("2026-10-01T00:00:00Z"), 30);
 * try (FakeUsageServer server = FakeUsageServer.builder().organization(org).start()) {
 *   // point a client at server.url() with server.adminKey()
 * }
 * }</pre>
 *
 * <p>Every endpoint has records. Costs are consistent with usage: each usage record has costs records at the
 * same moment, by line item ({@code "gpt-4o-mini-2024-07-18, input"}, {@code "... cached input"}, {@code "...
 * output"}, {@code "web search tool calls"}, ...), with {@code quantity} and {@code quantity_unit}, and
 * amounts in exact USD. Records carry every dimension their endpoint can be grouped by.
 */
public final class SyntheticOrganization {
  /** A project: {@code proj_...} and a name. */
  public static final class Project {
    private final String id;
    private final String name;

    Project(String id, String name) {
      this.id = id;
      this.name = name;
    }

    /** The project ID, {@code proj_...}. */
    public String id() {
      return id;
    }

    /** A human name such as {@code "Support Assistant"}. */
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return id + " (" + name + ")";
    }
  }

  /** A member of the organisation: {@code user-...} and an e-mail address. */
  public static final class User {
    private final String id;
    private final String email;

    User(String id, String email) {
      this.id = id;
      this.email = email;
    }

    /** The user ID, {@code user-...}. */
    public String id() {
      return id;
    }

    /** An {@code example.com} address. */
    public String email() {
      return email;
    }

    @Override
    public String toString() {
      return id + " (" + email + ")";
    }
  }

  /** An API key of a project, owned by a user: {@code key_...} and a name. */
  public static final class ApiKey {
    private final String id;
    private final String name;
    private final String projectId;
    private final String userId;

    ApiKey(String id, String name, String projectId, String userId) {
      this.id = id;
      this.name = name;
      this.projectId = projectId;
      this.userId = userId;
    }

    /** The API key ID, {@code key_...}. */
    public String id() {
      return id;
    }

    /** A name such as {@code "support-prod"}. */
    public String name() {
      return name;
    }

    /** The project the key belongs to. */
    public String projectId() {
      return projectId;
    }

    /** The user who owns the key (and whose usage it carries). */
    public String userId() {
      return userId;
    }

    @Override
    public String toString() {
      return id + " (" + name + ")";
    }
  }

  private static final long HOUR = 3600L;

  private final long seed;
  private final Instant start;
  private final int days;
  private final String organizationId;
  private final List<Project> projects;
  private final List<User> users;
  private final List<ApiKey> apiKeys;
  private final List<String> vectorStoreIds;
  private final List<UsageRecord> records;

  private SyntheticOrganization(
      long seed,
      Instant start,
      int days,
      String organizationId,
      List<Project> projects,
      List<User> users,
      List<ApiKey> apiKeys,
      List<String> vectorStoreIds,
      List<UsageRecord> records) {
    this.seed = seed;
    this.start = start;
    this.days = days;
    this.organizationId = organizationId;
    this.projects = Collections.unmodifiableList(projects);
    this.users = Collections.unmodifiableList(users);
    this.apiKeys = Collections.unmodifiableList(apiKeys);
    this.vectorStoreIds = Collections.unmodifiableList(vectorStoreIds);
    this.records = Collections.unmodifiableList(records);
  }

  /**
   * The organisation of {@code seed}, with usage from {@code start} (sub-second precision is truncated) for
   * {@code days} days.
   *
   * @throws IllegalArgumentException if {@code days} is not between 1 and 366, or {@code start} is before
   *     1970
   */
  public static SyntheticOrganization generate(long seed, Instant start, int days) {
    Objects.requireNonNull(start, "start == null");
    if (days < 1 || days > 366) {
      throw new IllegalArgumentException("days must be between 1 and 366, was " + days);
    }
    if (start.getEpochSecond() < 0) {
      throw new IllegalArgumentException("start must not be before 1970-01-01T00:00:00Z, was " + start);
    }
    return new Generator(seed, Instant.ofEpochSecond(start.getEpochSecond()), days).generate();
  }

  /** The seed this organisation was generated from. */
  public long seed() {
    return seed;
  }

  /** The start of its usage, inclusive. */
  public Instant start() {
    return start;
  }

  /** The end of its usage, exclusive: {@link #start()} plus {@link #days()} days. */
  public Instant end() {
    return start.plusSeconds(days * UsageLedger.DAY);
  }

  /** The number of days of usage. */
  public int days() {
    return days;
  }

  /** The organisation ID, {@code org-...}. */
  public String organizationId() {
    return organizationId;
  }

  /** Its projects. */
  public List<Project> projects() {
    return projects;
  }

  /** Its users. */
  public List<User> users() {
    return users;
  }

  /** Its API keys, two per project. */
  public List<ApiKey> apiKeys() {
    return apiKeys;
  }

  /** Its vector stores ({@code vs_...}). */
  public List<String> vectorStoreIds() {
    return vectorStoreIds;
  }

  /** The models it used, sorted. */
  public List<String> models() {
    List<String> models = new ArrayList<>();
    for (UsageRecord record : records) {
      ResultField field = ResultFields.of(record.result()).field("model");
      Object model = field != null ? field.valueOf(record.result()) : null;
      if (model != null && !models.contains(model.toString())) {
        models.add(model.toString());
      }
    }
    Collections.sort(models);
    return models;
  }

  /** Every record, in time order. */
  public List<UsageRecord> records() {
    return records;
  }

  /** The records of {@code endpoint}, in time order. */
  public List<UsageRecord> records(UsageEndpoint endpoint) {
    Objects.requireNonNull(endpoint, "endpoint == null");
    List<UsageRecord> found = new ArrayList<>();
    for (UsageRecord record : records) {
      if (record.endpoint() == endpoint) {
        found.add(record);
      }
    }
    return found;
  }

  /** The sum of every costs record's amount, in USD, exact. */
  public BigDecimal totalCost() {
    BigDecimal total = BigDecimal.ZERO;
    for (UsageRecord record : records) {
      CostsResult costs = record.costs();
      if (costs != null && costs.amount() != null) {
        total = total.add(costs.amount().value());
      }
    }
    return total;
  }

  /**
   * Its hard spend limit ({@code organization.spend_limit}, USD, month, enforcing): one and a half times a month
   * at its average daily cost, rounded up to two significant digits, so that a month like its days stays below it.
   */
  public SpendLimit spendLimit() {
    BigDecimal limit = round(monthAtDailyAverage(null).multiply(new BigDecimal("1.5")), RoundingMode.UP);
    return SpendLimit.builder().object(SpendLimit.ORGANIZATION_OBJECT).thresholdAmount(cents(limit))
        .currency("USD").interval(SpendLimit.MONTH)
        .enforcement(SpendLimitEnforcement.builder().status(SpendLimitEnforcement.ENFORCING).build()).build();
  }

  /**
   * Its two spend alerts ({@code alert_half}, {@code alert_most}): at 50% and 80% of {@link #spendLimit()}, emailed
   * to {@code finance@example.com}.
   */
  public List<SpendAlert> spendAlerts() {
    BigDecimal limit = spendLimit().thresholdAmount();
    List<SpendAlert> alerts = new ArrayList<>();
    alerts.add(alert("alert_half", limit.multiply(new BigDecimal("0.5")).setScale(0, RoundingMode.DOWN)));
    alerts.add(alert("alert_most", limit.multiply(new BigDecimal("0.8")).setScale(0, RoundingMode.DOWN)));
    return alerts;
  }

  /**
   * The hard spend limits of its projects, by project id: one, on the project that costs most, at 60% of a month
   * at that project's average daily cost (rounded down to two significant digits), so that a month like its days
   * crosses it.
   */
  public Map<String, SpendLimit> projectSpendLimits() {
    String top = null;
    BigDecimal topCost = BigDecimal.ZERO;
    for (Project project : projects) {
      BigDecimal cost = monthAtDailyAverage(project.id());
      if (cost.compareTo(topCost) > 0) {
        top = project.id();
        topCost = cost;
      }
    }
    Map<String, SpendLimit> limits = new LinkedHashMap<>();
    if (top != null) {
      BigDecimal limit = round(topCost.multiply(new BigDecimal("0.6")), RoundingMode.DOWN);
      limits.put(top, SpendLimit.builder().object(SpendLimit.PROJECT_OBJECT).thresholdAmount(cents(limit))
          .currency("USD").interval(SpendLimit.MONTH)
          .enforcement(SpendLimitEnforcement.builder().status(SpendLimitEnforcement.ENFORCING).build()).build());
    }
    return Collections.unmodifiableMap(limits);
  }

  /** 30 days at the average daily cost of the organisation or of project {@code projectId}. */
  private BigDecimal monthAtDailyAverage(@Nullable String projectId) {
    BigDecimal total = BigDecimal.ZERO;
    for (UsageRecord record : records) {
      CostsResult costs = record.costs();
      if (costs != null && costs.amount() != null && (projectId == null || projectId.equals(costs.projectId()))) {
        total = total.add(costs.amount().value());
      }
    }
    return total.multiply(BigDecimal.valueOf(30)).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
  }

  /** {@code dollars} to two significant digits, at least 1. */
  private static BigDecimal round(BigDecimal dollars, RoundingMode mode) {
    BigDecimal rounded = dollars.round(new MathContext(2, mode));
    return rounded.compareTo(BigDecimal.ONE) < 0 ? BigDecimal.ONE : rounded;
  }

  private static BigDecimal cents(BigDecimal dollars) {
    return dollars.movePointRight(2).setScale(0, RoundingMode.HALF_UP);
  }

  private static SpendAlert alert(String id, BigDecimal cents) {
    ObjectNode channel = Json.object().put("type", "email");
    channel.putArray("recipients").add("finance@example.com");
    channel.put("subject_prefix", "OpenAI spend alert");
    return SpendAlert.builder().id(id).object(SpendAlert.ORGANIZATION_OBJECT).thresholdAmount(cents)
        .currency("USD").interval(SpendLimit.MONTH)
        .notificationChannel(channel)
        .build();
  }

  @Override
  public String toString() {
    return "SyntheticOrganization{" + organizationId + ", seed " + seed + ", " + start + " + " + days + " days, "
        + projects.size() + " projects, " + apiKeys.size() + " API keys, " + users.size() + " users, "
        + records.size() + " records}";
  }

  /**
   * {@code value.divide(10^exponent)}, the same number at the same scale (the smallest scale at or above {@code
   * value}'s that holds the quotient exactly), without the long division that BigDecimal's exact divide does:
   * generating an organisation made that a fifth of the demo's start.
   */
  static BigDecimal dividedByPowerOfTen(BigDecimal value, int exponent) {
    BigDecimal moved = value.movePointLeft(exponent);
    BigDecimal stripped = moved.stripTrailingZeros();
    return stripped.scale() >= value.scale() ? stripped : moved.setScale(value.scale());
  }

  /** A model with its prices in USD: per million tokens, or per unit for images, calls and seconds. */
  private static final class Model {
    final String name;
    final BigDecimal input;
    final BigDecimal cachedInput;
    final BigDecimal output;

    Model(String name, String input, String cachedInput, String output) {
      this.name = name;
      this.input = new BigDecimal(input);
      this.cachedInput = new BigDecimal(cachedInput);
      this.output = new BigDecimal(output);
    }
  }

  private static final Model GPT_4O = new Model("gpt-4o-2024-08-06", "2.50", "1.25", "10.00");
  private static final Model GPT_4O_MINI = new Model("gpt-4o-mini-2024-07-18", "0.15", "0.075", "0.60");
  private static final Model O3_MINI = new Model("o3-mini-2025-01-31", "1.10", "0.55", "4.40");
  private static final Model GPT_41 = new Model("gpt-4.1-2025-04-14", "2.00", "0.50", "8.00");
  private static final Model EMBEDDING = new Model("text-embedding-3-small", "0.02", "0", "0");
  private static final Model MODERATION = new Model("omni-moderation-latest", "0", "0", "0");
  /** Per image. */
  private static final Model IMAGE = new Model("gpt-image-1", "0.042", "0", "0");
  /** Per million characters. */
  private static final Model TTS = new Model("tts-1", "15.00", "0", "0");
  /** Per second (0.006 per minute). */
  private static final Model WHISPER = new Model("whisper-1", "0.0001", "0", "0");
  /** Per thousand calls. */
  private static final BigDecimal WEB_SEARCH_PER_1000 = new BigDecimal("25.00");
  private static final BigDecimal FILE_SEARCH_PER_1000 = new BigDecimal("2.50");
  /** Per session. */
  private static final BigDecimal CODE_INTERPRETER_SESSION = new BigDecimal("0.03");
  /** Per GiB and day. */
  private static final BigDecimal VECTOR_STORAGE_GIB_DAY = new BigDecimal("0.10");

  private static final String[] PROJECT_NAMES = {
    "Support Assistant", "Search Indexer", "Marketing Studio", "Internal Tools"
  };
  private static final String[] KEY_SUFFIXES = {"prod", "staging"};
  private static final String[] USER_NAMES = {"ada", "grace", "alan", "edsger", "barbara", "ken"};
  private static final String[] SIZES = {"1024x1024", "1024x1792", "512x512"};
  private static final String[] SOURCES = {"image.generation", "image.generation", "image.edit", "image.variation"};
  private static final String[] CONTEXT_LEVELS = {"low", "medium", "medium", "high"};

  /** Builds an organisation from one {@link Random}: the same seed draws the same numbers in the same order. */
  private static final class Generator {
    private final long seed;
    private final Instant start;
    private final int days;
    private final Random random;
    /** Draws the Decisions API traffic (added 2026-12) apart, so the other records stay what they were. */
    private final Random decisionsRandom;
    private final List<UsageRecord> records = new ArrayList<>();
    private @Nullable Project agentsProject;

    Generator(long seed, Instant start, int days) {
      this.seed = seed;
      this.start = start;
      this.days = days;
      this.random = new Random(seed);
      this.decisionsRandom = new Random(seed ^ 0x5DEECE66DL);
    }

    SyntheticOrganization generate() {
      String organizationId = "org-" + id(24);
      List<Project> projects = new ArrayList<>();
      for (String name : PROJECT_NAMES) {
        projects.add(new Project("proj_" + id(24), name));
      }
      List<User> users = new ArrayList<>();
      for (String name : USER_NAMES) {
        users.add(new User("user-" + id(24), name + "@example.com"));
      }
      List<ApiKey> keys = new ArrayList<>();
      for (int p = 0; p < projects.size(); p++) {
        for (int k = 0; k < KEY_SUFFIXES.length; k++) {
          String name = projects.get(p).name().split(" ")[0].toLowerCase(java.util.Locale.ROOT) + "-"
              + KEY_SUFFIXES[k];
          User owner = users.get((p + k * 3) % users.size());
          keys.add(new ApiKey("key_" + id(16), name, projects.get(p).id(), owner.id()));
        }
      }
      List<String> vectorStores = Arrays.asList("vs_" + id(24), "vs_" + id(24), "vs_" + id(24));

      agentsProject = projects.get(0); // the support bot runs on the Agents API
      long first = start.getEpochSecond();
      for (int day = 0; day < days; day++) {
        long dayStart = first + day * UsageLedger.DAY;
        DayOfWeek weekday = Instant.ofEpochSecond(dayStart).atZone(ZoneOffset.UTC).getDayOfWeek();
        double dayFactor = (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 0.35 : 1.0)
            * (1.0 + 0.01 * day);
        for (int hour = 0; hour < 24; hour++) {
          long hourStart = dayStart + hour * HOUR;
          int hourOfDay = Instant.ofEpochSecond(hourStart).atZone(ZoneOffset.UTC).getHour();
          double activity = dayFactor * (hourOfDay >= 8 && hourOfDay < 20 ? 1.0 : 0.25);
          support(projects.get(0), keys.subList(0, 2), vectorStores, hourStart, activity);
          decisions(projects.get(0), keys.subList(0, 2), hourStart, activity);
          search(projects.get(1), keys.subList(2, 4), hourStart, activity);
          marketing(projects.get(2), keys.subList(4, 6), hourStart, activity);
          internal(projects.get(3), keys.subList(6, 8), hourStart, activity);
        }
        vectorStorage(projects.get(0), vectorStores, dayStart, day);
      }
      Collections.sort(records, new Comparator<UsageRecord>() {
        @Override
        public int compare(UsageRecord a, UsageRecord b) {
          return Long.compare(a.timestamp(), b.timestamp());
        }
      });
      return new SyntheticOrganization(
          seed, start, days, organizationId, projects, users, keys, vectorStores, records);
    }

    private void support(
        Project project, List<ApiKey> keys, List<String> vectorStores, long hour, double activity) {
      if (chance(0.95 * activity)) {
        completions(project, pick(keys), hour, random.nextDouble() < 0.7 ? GPT_4O_MINI : GPT_4O,
            between(40, 260, activity), false, random.nextDouble() < 0.1 ? "priority" : "default");
      }
      if (chance(0.8 * activity)) {
        ApiKey key = pick(keys);
        long requests = between(40, 260, activity);
        long tokens = requests * between(60, 400, 1);
        add(time(hour), TestData.moderations().inputTokens(tokens).numModelRequests(requests)
            .projectId(project.id()).userId(key.userId()).apiKeyId(key.id()).model(MODERATION.name).build());
      }
      if (chance(0.6 * activity)) {
        ApiKey key = pick(keys);
        long calls = between(10, 120, activity);
        long time = time(hour);
        add(time, TestData.fileSearchCalls().numRequests(calls).projectId(project.id()).userId(key.userId())
            .apiKeyId(key.id()).vectorStoreId(pick(vectorStores)).build());
        cost(time, project, key, "file search tool calls",
            perThousand(calls, FILE_SEARCH_PER_1000), calls, null);
      }
      if (chance(0.3 * activity)) {
        embeddings(project, pick(keys), hour, between(200, 2_000, activity));
      }
    }

    private void search(Project project, List<ApiKey> keys, long hour, double activity) {
      if (chance(0.9)) {
        embeddings(project, pick(keys), hour, between(1_000, 12_000, activity));
      }
      if (chance(0.7 * activity)) {
        boolean batch = random.nextDouble() < 0.3;
        completions(project, pick(keys), hour, GPT_4O_MINI, between(20, 400, activity), batch, "default");
      }
      if (chance(0.5 * activity)) {
        ApiKey key = pick(keys);
        long calls = between(5, 80, activity);
        long time = time(hour);
        add(time, TestData.webSearchCalls().numRequests(calls).numModelRequests(calls)
            .projectId(project.id()).userId(key.userId()).apiKeyId(key.id()).model(GPT_4O_MINI.name)
            .contextLevel(pick(CONTEXT_LEVELS)).apiSource(apiSource(project)).build());
        cost(time, project, key, "web search tool calls | " + GPT_4O_MINI.name,
            perThousand(calls, WEB_SEARCH_PER_1000), calls, null);
      }
    }

    private void marketing(Project project, List<ApiKey> keys, long hour, double activity) {
      if (chance(0.5 * activity)) {
        completions(project, pick(keys), hour, GPT_4O, between(5, 60, activity), false, "default");
      }
      if (chance(0.45 * activity)) {
        ApiKey key = pick(keys);
        long images = between(1, 24, activity);
        long time = time(hour);
        String size = pick(SIZES);
        add(time, TestData.images().images(images).numModelRequests(images).source(pick(SOURCES)).size(size)
            .projectId(project.id()).userId(key.userId()).apiKeyId(key.id()).model(IMAGE.name).build());
        cost(time, project, key, IMAGE.name + ", " + size, IMAGE.input.multiply(BigDecimal.valueOf(images)),
            images, "images");
      }
      if (chance(0.25 * activity)) {
        ApiKey key = pick(keys);
        long requests = between(1, 20, activity);
        long characters = requests * between(200, 1_800, 1);
        long time = time(hour);
        add(time, TestData.audioSpeeches().characters(characters).numModelRequests(requests)
            .projectId(project.id()).userId(key.userId()).apiKeyId(key.id()).model(TTS.name).build());
        cost(time, project, key, TTS.name + ", characters",
            perMillion(characters, TTS.input), characters, "characters");
      }
    }

    private void internal(Project project, List<ApiKey> keys, long hour, double activity) {
      if (chance(0.6 * activity)) {
        completions(project, pick(keys), hour, random.nextDouble() < 0.5 ? O3_MINI : GPT_41,
            between(5, 90, activity), false, random.nextDouble() < 0.2 ? "flex" : "default");
      }
      if (chance(0.3 * activity)) {
        long sessions = between(1, 12, activity);
        long time = time(hour);
        add(time, TestData.codeInterpreterSessions().numSessions(sessions).projectId(project.id()).build());
        cost(time, project, pick(keys), "code interpreter sessions",
            CODE_INTERPRETER_SESSION.multiply(BigDecimal.valueOf(sessions)), sessions, null);
      }
      if (chance(0.2 * activity)) {
        ApiKey key = pick(keys);
        long requests = between(1, 15, activity);
        long seconds = requests * between(20, 600, 1);
        long time = time(hour);
        add(time, TestData.audioTranscriptions().seconds(seconds).numModelRequests(requests)
            .projectId(project.id()).userId(key.userId()).apiKeyId(key.id()).model(WHISPER.name).build());
        cost(time, project, key, WHISPER.name + ", seconds",
            WHISPER.input.multiply(BigDecimal.valueOf(seconds)), seconds, "duration_seconds");
      }
    }

    /** Once a day: the bytes the project's vector stores hold, growing, and their storage costs. */
    private void vectorStorage(Project project, List<String> vectorStores, long dayStart, int day) {
      long bytes = 0;
      for (int i = 0; i < vectorStores.size(); i++) {
        bytes += (150L + 40L * i + 3L * day) * 1024 * 1024 + between(0, 1_000_000, 1);
      }
      long time = dayStart + 23 * HOUR + 59 * 60;
      add(time, TestData.vectorStores().usageBytes(bytes).projectId(project.id()).build());
      BigDecimal gibibytes = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1L << 30), 6,
          java.math.RoundingMode.HALF_UP);
      CostsResult costs = TestData.costs()
          .amount(usd(VECTOR_STORAGE_GIB_DAY.multiply(gibibytes)))
          .lineItem("vector store storage")
          .projectId(project.id())
          .quantity(gibibytes.multiply(BigDecimal.valueOf(24)))
          .quantityUnit("gibibyte_hours")
          .build();
      add(time, costs);
    }

    private void completions(
        Project project, ApiKey key, long hour, Model model, long requests, boolean batch, String tier) {
      long input = requests * between(600, 3_200, 1);
      long cached = input * between(0, 45, 1) / 100;
      long cacheWrite = input * between(0, 5, 1) / 100;
      long uncached = input - cached - cacheWrite;
      long output = requests * between(120, 700, 1);
      long time = time(hour);
      UsageCompletionsResult usage = TestData.completions()
          .inputTokens(input)
          .inputCachedTokens(cached)
          .inputCacheWriteTokens(cacheWrite)
          .inputUncachedTokens(uncached)
          .outputTokens(output)
          .inputTextTokens(uncached)
          .outputTextTokens(output)
          .inputCachedTextTokens(cached)
          .numModelRequests(requests)
          .projectId(project.id())
          .userId(key.userId())
          .apiKeyId(key.id())
          .model(model.name)
          .batch(batch)
          .serviceTier(tier)
          .apiSource(apiSource(project))
          .build();
      add(time, usage);
      // Batch jobs cost half.
      BigDecimal factor = batch ? new BigDecimal("0.5") : BigDecimal.ONE;
      cost(time, project, key, model.name + ", input",
          perMillion(uncached + cacheWrite, model.input).multiply(factor), uncached + cacheWrite, "tokens");
      if (cached > 0) {
        cost(time, project, key, model.name + ", cached input",
            perMillion(cached, model.cachedInput).multiply(factor), cached, "tokens");
      }
      cost(time, project, key, model.name + ", output",
          perMillion(output, model.output).multiply(factor), output, "tokens");
    }

    private void embeddings(Project project, ApiKey key, long hour, long requests) {
      long tokens = requests * between(80, 900, 1);
      long time = time(hour);
      add(time, TestData.embeddings().inputTokens(tokens).numModelRequests(requests).projectId(project.id())
          .userId(key.userId()).apiKeyId(key.id()).model(EMBEDDING.name).build());
      cost(time, project, key, EMBEDDING.name + ", input", perMillion(tokens, EMBEDDING.input), tokens,
          "tokens");
    }

    private void cost(
        long time,
        Project project,
        ApiKey key,
        String lineItem,
        BigDecimal amount,
        long quantity,
        @Nullable String unit) {
      add(time, TestData.costs()
          .amount(usd(amount))
          .lineItem(lineItem)
          .projectId(project.id())
          .apiKeyId(key.id())
          .userId(key.userId())
          .apiSource(apiSource(project))
          .quantity(BigDecimal.valueOf(quantity))
          .quantityUnit(unit)
          .build());
    }

    private String apiSource(Project project) {
      return project == agentsProject ? "agents_api" : "unlabeled";
    }

    /** The support bot's routing decisions (Decisions API), and what they cost. */
    private void decisions(Project project, List<ApiKey> keys, long hour, double activity) {
      if (decisionsRandom.nextDouble() >= 0.6 * activity) {
        return;
      }
      ApiKey key = keys.get(decisionsRandom.nextInt(keys.size()));
      long requests = Math.max(1, Math.round((10 + decisionsRandom.nextInt(90)) * activity));
      long input = requests * (200 + decisionsRandom.nextInt(600));
      long cached = input * decisionsRandom.nextInt(40) / 100;
      long cacheWrite = input * decisionsRandom.nextInt(6) / 100;
      long twelveHours = cacheWrite / 4;
      long output = requests * (20 + decisionsRandom.nextInt(80));
      long time = hour + decisionsRandom.nextInt((int) HOUR);
      add(time, TestData.decisions()
          .inputTokens(input)
          .inputCachedTokens(cached)
          .inputCacheWriteTokens(cacheWrite)
          .inputCacheWrite12hTokens(twelveHours)
          .inputCacheWrite30mTokens(cacheWrite - twelveHours)
          .inputUncachedTokens(input - cached - cacheWrite)
          .outputTokens(output)
          .numModelRequests(requests)
          .projectId(project.id())
          .userId(key.userId())
          .apiKeyId(key.id())
          .model(GPT_4O_MINI.name)
          .batch(false)
          .serviceTier("default")
          .apiSource("agents_api")
          .build());
      cost(time, project, key, GPT_4O_MINI.name + ", decisions input",
          perMillion(input - cached, GPT_4O_MINI.input), input - cached, "tokens");
      cost(time, project, key, GPT_4O_MINI.name + ", decisions output",
          perMillion(output, GPT_4O_MINI.output), output, "tokens");
    }

    private void add(long time, UsageResult result) {
      records.add(UsageRecord.of(time, result));
    }

    private static CostsAmount usd(BigDecimal value) {
      return CostsAmount.builder().value(value).currency("usd").build();
    }

    private static BigDecimal perMillion(long tokens, BigDecimal price) {
      return dividedByPowerOfTen(price.multiply(BigDecimal.valueOf(tokens)), 6);
    }

    private static BigDecimal perThousand(long calls, BigDecimal price) {
      return dividedByPowerOfTen(price.multiply(BigDecimal.valueOf(calls)), 3);
    }

    private boolean chance(double probability) {
      return random.nextDouble() < probability;
    }

    /** A whole number in [low, high], scaled by {@code activity} (at least 1). */
    private long between(long low, long high, double activity) {
      long value = low + (long) (random.nextDouble() * (high - low + 1));
      return Math.max(1, Math.round(value * activity));
    }

    private long time(long hour) {
      return hour + random.nextInt((int) HOUR);
    }

    private <T> T pick(List<T> list) {
      return list.get(random.nextInt(list.size()));
    }

    private <T> T pick(T[] array) {
      return array[random.nextInt(array.length)];
    }

    private String id(int length) {
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      StringBuilder id = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return id.toString();
    }
  }
}
