package dev.usagekit.rx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usagekit.model.CostsAmount;
import dev.usagekit.model.CostsResult;
import dev.usagekit.model.UnknownUsageResult;
import dev.usagekit.model.UsageAudioSpeechesResult;
import dev.usagekit.model.UsageAudioTranscriptionsResult;
import dev.usagekit.model.UsageCodeInterpreterSessionsResult;
import dev.usagekit.model.UsageCompletionsResult;
import dev.usagekit.model.UsageEmbeddingsResult;
import dev.usagekit.model.UsageFileSearchCallsResult;
import dev.usagekit.model.UsageImagesResult;
import dev.usagekit.model.UsageModerationsResult;
import dev.usagekit.model.UsageResult;
import dev.usagekit.model.UsageTimeBucket;
import dev.usagekit.model.UsageVectorStoresResult;
import dev.usagekit.model.UsageWebSearchCallsResult;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/** The mutable accumulator behind {@link UsageSummary}. Not thread-safe: fed by one thread, or serially. */
final class UsageAggregator {
  private long buckets;
  private long unknownResults;
  private final Tally total = new Tally();
  private final Map<String, Tally> byModel = new TreeMap<>();
  private final Map<String, Tally> byProject = new TreeMap<>();
  private final Map<String, Tally> byUser = new TreeMap<>();
  private final Map<String, Tally> byApiKey = new TreeMap<>();
  private final Map<String, Tally> byLineItem = new TreeMap<>();
  private final Map<Long, Tally> byBucket = new TreeMap<>();

  void addBucket(UsageTimeBucket bucket) {
    buckets++;
    Tally tally = tallyOf(byBucket, bucket.startTime());
    for (UsageResult result : bucket.results()) {
      addResult(result, tally);
    }
  }

  void addResult(UsageResult result, @Nullable Tally bucket) {
    Facts facts = Facts.of(result);
    if (result instanceof UnknownUsageResult) {
      unknownResults++;
    }
    facts.addTo(total);
    if (bucket != null) {
      facts.addTo(bucket);
    }
    if (facts.model != null) {
      facts.addTo(tallyOf(byModel, facts.model));
    }
    if (facts.projectId != null) {
      facts.addTo(tallyOf(byProject, facts.projectId));
    }
    if (facts.userId != null) {
      facts.addTo(tallyOf(byUser, facts.userId));
    }
    if (facts.apiKeyId != null) {
      facts.addTo(tallyOf(byApiKey, facts.apiKeyId));
    }
    if (facts.lineItem != null) {
      facts.addTo(tallyOf(byLineItem, facts.lineItem));
    }
  }

  UsageSummary summary() {
    return new UsageSummary(buckets, unknownResults, total.totals(), totals(byModel), totals(byProject),
        totals(byUser), totals(byApiKey), totals(byLineItem), totals(byBucket));
  }

  private static <K> Tally tallyOf(Map<K, Tally> map, K key) {
    Tally tally = map.get(key);
    if (tally == null) {
      tally = new Tally();
      map.put(key, tally);
    }
    return tally;
  }

  private static <K> Map<K, UsageTotals> totals(Map<K, Tally> tallies) {
    Map<K, UsageTotals> totals = new TreeMap<>();
    for (Map.Entry<K, Tally> e : tallies.entrySet()) {
      totals.put(e.getKey(), e.getValue().totals());
    }
    return totals;
  }

  /** Running sums of one group. */
  static final class Tally {
    private long results;
    private final EnumMap<UsageMetric, Long> counts = new EnumMap<>(UsageMetric.class);
    private final TreeMap<String, BigDecimal> costs = new TreeMap<>();

    UsageTotals totals() {
      return new UsageTotals(results, counts, costs);
    }
  }

  /** What one result contributes, and to which groups. */
  static final class Facts {
    final EnumMap<UsageMetric, Long> counts = new EnumMap<>(UsageMetric.class);
    @Nullable String currency;
    @Nullable BigDecimal cost;
    @Nullable String model;
    @Nullable String projectId;
    @Nullable String userId;
    @Nullable String apiKeyId;
    @Nullable String lineItem;

    void addTo(Tally tally) {
      tally.results++;
      for (Map.Entry<UsageMetric, Long> e : counts.entrySet()) {
        Long sum = tally.counts.get(e.getKey());
        tally.counts.put(e.getKey(), sum == null ? e.getValue() : Math.addExact(sum, e.getValue()));
      }
      if (cost != null && currency != null) {
        BigDecimal sum = tally.costs.get(currency);
        if (sum == null) {
          tally.costs.put(currency, cost.signum() == 0 ? BigDecimal.ZERO : cost);
        } else if (cost.signum() != 0) {
          // A zero adds nothing, not even its scale: the API sends zero as "0E-6176", whose scale would
          // otherwise make every later sum carry 6,176 decimal places.
          tally.costs.put(currency, sum.add(cost));
        }
      }
    }

    private void count(UsageMetric metric, @Nullable Long value) {
      if (value != null) {
        counts.put(metric, value);
      }
    }

    private void groups(@Nullable String model, @Nullable String projectId, @Nullable String userId,
        @Nullable String apiKeyId) {
      this.model = model;
      this.projectId = projectId;
      this.userId = userId;
      this.apiKeyId = apiKeyId;
    }

    private void amount(@Nullable CostsAmount amount) {
      if (amount != null) {
        cost(amount.value(), amount.currency());
      }
    }

    private void cost(BigDecimal value, String currency) {
      this.cost = value;
      this.currency = currency.toLowerCase(Locale.ROOT);
    }

    static Facts of(UsageResult result) {
      Facts f = new Facts();
      if (result instanceof UsageCompletionsResult) {
        UsageCompletionsResult r = (UsageCompletionsResult) result;
        f.count(UsageMetric.INPUT_TOKENS, r.inputTokens());
        f.count(UsageMetric.INPUT_CACHED_TOKENS, r.inputCachedTokens());
        f.count(UsageMetric.INPUT_CACHE_WRITE_TOKENS, r.inputCacheWriteTokens());
        f.count(UsageMetric.INPUT_UNCACHED_TOKENS, r.inputUncachedTokens());
        f.count(UsageMetric.OUTPUT_TOKENS, r.outputTokens());
        f.count(UsageMetric.INPUT_TEXT_TOKENS, r.inputTextTokens());
        f.count(UsageMetric.OUTPUT_TEXT_TOKENS, r.outputTextTokens());
        f.count(UsageMetric.INPUT_CACHED_TEXT_TOKENS, r.inputCachedTextTokens());
        f.count(UsageMetric.INPUT_AUDIO_TOKENS, r.inputAudioTokens());
        f.count(UsageMetric.INPUT_CACHED_AUDIO_TOKENS, r.inputCachedAudioTokens());
        f.count(UsageMetric.OUTPUT_AUDIO_TOKENS, r.outputAudioTokens());
        f.count(UsageMetric.INPUT_IMAGE_TOKENS, r.inputImageTokens());
        f.count(UsageMetric.INPUT_CACHED_IMAGE_TOKENS, r.inputCachedImageTokens());
        f.count(UsageMetric.OUTPUT_IMAGE_TOKENS, r.outputImageTokens());
        f.count(UsageMetric.NUM_MODEL_REQUESTS, r.numModelRequests());
        f.groups(r.model(), r.projectId(), r.userId(), r.apiKeyId());
      } else if (result instanceof UsageEmbeddingsResult) {
        UsageEmbeddingsResult r = (UsageEmbeddingsResult) result;
        f.count(UsageMetric.INPUT_TOKENS, r.inputTokens());
        f.count(UsageMetric.NUM_MODEL_REQUESTS, r.numModelRequests());
        f.groups(r.model(), r.projectId(), r.userId(), r.apiKeyId());
      } else if (result instanceof UsageModerationsResult) {
        UsageModerationsResult r = (UsageModerationsResult) result;
        f.count(UsageMetric.INPUT_TOKENS, r.inputTokens());
        f.count(UsageMetric.NUM_MODEL_REQUESTS, r.numModelRequests());
        f.groups(r.model(), r.projectId(), r.userId(), r.apiKeyId());
      } else if (result instanceof UsageImagesResult) {
        UsageImagesResult r = (UsageImagesResult) result;
        f.count(UsageMetric.IMAGES, r.images());
        f.count(UsageMetric.NUM_MODEL_REQUESTS, r.numModelRequests());
        f.groups(r.model(), r.projectId(), r.userId(), r.apiKeyId());
      } else if (result instanceof UsageAudioSpeechesResult) {
        UsageAudioSpeechesResult r = (UsageAudioSpeechesResult) result;
        f.count(UsageMetric.CHARACTERS, r.characters());
        f.count(UsageMetric.NUM_MODEL_REQUESTS, r.numModelRequests());
        f.groups(r.model(), r.projectId(), r.userId(), r.apiKeyId());
      } else if (result instanceof UsageAudioTranscriptionsResult) {
        UsageAudioTranscriptionsResult r = (UsageAudioTranscriptionsResult) result;
        f.count(UsageMetric.SECONDS, r.seconds());
        f.count(UsageMetric.NUM_MODEL_REQUESTS, r.numModelRequests());
        f.groups(r.model(), r.projectId(), r.userId(), r.apiKeyId());
      } else if (result instanceof UsageVectorStoresResult) {
        UsageVectorStoresResult r = (UsageVectorStoresResult) result;
        f.count(UsageMetric.USAGE_BYTES, r.usageBytes());
        f.groups(null, r.projectId(), null, null);
      } else if (result instanceof UsageCodeInterpreterSessionsResult) {
        UsageCodeInterpreterSessionsResult r = (UsageCodeInterpreterSessionsResult) result;
        f.count(UsageMetric.NUM_SESSIONS, r.numSessions());
        f.groups(null, r.projectId(), null, null);
      } else if (result instanceof UsageFileSearchCallsResult) {
        UsageFileSearchCallsResult r = (UsageFileSearchCallsResult) result;
        f.count(UsageMetric.NUM_REQUESTS, r.numRequests());
        f.groups(null, r.projectId(), r.userId(), r.apiKeyId());
      } else if (result instanceof UsageWebSearchCallsResult) {
        UsageWebSearchCallsResult r = (UsageWebSearchCallsResult) result;
        f.count(UsageMetric.NUM_MODEL_REQUESTS, r.numModelRequests());
        f.count(UsageMetric.NUM_REQUESTS, r.numRequests());
        f.groups(r.model(), r.projectId(), r.userId(), r.apiKeyId());
      } else if (result instanceof CostsResult) {
        CostsResult r = (CostsResult) result;
        f.amount(r.amount());
        f.groups(null, r.projectId(), null, r.apiKeyId());
        f.lineItem = r.lineItem();
      } else if (result instanceof UnknownUsageResult) {
        f.unknown(((UnknownUsageResult) result).fields());
      }
      return f;
    }

    /** A result of a type this version does not know: its fields named like the known ones. */
    private void unknown(Map<String, JsonNode> fields) {
      for (UsageMetric metric : UsageMetric.values()) {
        JsonNode node = fields.get(metric.wireValue());
        if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
          counts.put(metric, node.longValue());
        }
      }
      groups(text(fields, "model"), text(fields, "project_id"), text(fields, "user_id"), text(fields, "api_key_id"));
      lineItem = text(fields, "line_item");
      JsonNode amount = fields.get("amount");
      if (amount != null && amount.isObject()) {
        JsonNode value = amount.get("value");
        String currency = text(amount, "currency");
        BigDecimal decimal = value == null ? null : decimal(value);
        if (decimal != null && currency != null) {
          cost(decimal, currency);
        }
      }
    }

    private static @Nullable String text(Map<String, JsonNode> fields, String name) {
      JsonNode node = fields.get(name);
      return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static @Nullable String text(JsonNode object, String name) {
      JsonNode node = object.get(name);
      return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static @Nullable BigDecimal decimal(JsonNode value) {
      if (value.isBigDecimal() || value.isIntegralNumber()) {
        return value.decimalValue();
      }
      if (value.isTextual()) {
        try {
          return new BigDecimal(value.textValue());
        } catch (NumberFormatException notANumber) {
          return null;
        }
      }
      return null; // a double node would not be exact; the model's reader never makes one
    }
  }
}
