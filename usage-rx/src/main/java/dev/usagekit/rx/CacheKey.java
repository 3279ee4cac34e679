package dev.usagekit.rx;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * What a {@link BucketStore} keeps buckets under: everything that changes the buckets a query returns (the server,
 * endpoint, bucket width, {@code group_by}, filters and additional parameters, and which organisation's key asked),
 * and nothing that does not (the window and the page size).
 *
 * <pre>{@code
 * CacheKey key = CacheKey.of(query, "https://api.openai.com/v1/", System.getenv("OPENAI_ADMIN_KEY"));
 * String fileName = key.id() + ".json";     // 64 hex digits, safe anywhere
 * }</pre>
 *
 * <p>The server is the base URL the {@code UsageApi} calls (as given to {@code UsageApiFactory.Builder.baseUrl}):
 * another server's buckets, a proxy's or a test server's, are never served for it. The admin key itself is never
 * kept: only {@link #account()}, the first 16 hex digits of a salted SHA-256 of it, which tells two keys apart and
 * gives nothing back; the base URL only goes into {@link #id()}'s hash. Immutable.
 */
public final class CacheKey {
  /** Changes whenever what a store holds under a key changes meaning: old entries then simply miss. */
  static final String FORMAT = "usagekit-bucket-cache/2";
  private static final String SALT = "usagekit cache key salt 2026-12\n";

  private final String account;
  private final UsageEndpoint endpoint;
  private final BucketWidth bucketWidth;
  private final Map<String, List<String>> parameters;
  private final String id;

  private CacheKey(String server, String account, UsageEndpoint endpoint, BucketWidth bucketWidth,
      Map<String, List<String>> parameters) {
    this.account = account;
    this.endpoint = endpoint;
    this.bucketWidth = bucketWidth;
    this.parameters = parameters;
    StringBuilder canonical = new StringBuilder(FORMAT).append('\n').append(server.length()).append(':')
        .append(server).append('\n').append(account).append('\n')
        .append(endpoint.path()).append('\n').append(bucketWidth.wireValue()).append('\n');
    for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
      for (String value : e.getValue()) {
        canonical.append(e.getKey().length()).append(':').append(e.getKey()).append('=')
            .append(value.length()).append(':').append(value).append('\n');
      }
    }
    this.id = sha256Hex(canonical.toString());
  }

  /**
   * The key of {@code query}'s buckets from the server at {@code baseUrl}, as seen with {@code adminKey}.
   *
   * @param baseUrl the base URL the {@code UsageApi} calls, such as {@code "https://api.openai.com/v1/"} (a
   *     missing trailing slash is added, as {@code UsageApiFactory} does)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code baseUrl} is not an http or https URL
   */
  public static CacheKey of(UsageQuery<?> query, String baseUrl, String adminKey) {
    Objects.requireNonNull(query, "query == null");
    return of(query.endpoint(), query, serverOf(baseUrl), accountOf(Objects.requireNonNull(adminKey,
        "adminKey == null")));
  }

  static CacheKey of(UsageEndpoint endpoint, UsageQuery<?> query, String server, String account) {
    Map<String, List<String>> parameters = new LinkedHashMap<>(query.toQueryParameters(null));
    parameters.remove("start_time");
    parameters.remove("end_time");
    parameters.remove("limit");
    parameters.remove("bucket_width"); // kept as the effective width: absent and the default are the same
    return new CacheKey(server, account, endpoint, query.effectiveBucketWidth(), parameters);
  }

  /**
   * {@code baseUrl} in the canonical form OkHttp gives it (scheme and host lower case, default port left out),
   * ending in a slash.
   *
   * @throws IllegalArgumentException if it is not an http or https URL
   */
  static String serverOf(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl == null");
    HttpUrl url = HttpUrl.parse(baseUrl.trim());
    if (url == null) {
      throw new IllegalArgumentException("baseUrl is not an http or https URL: " + baseUrl);
    }
    String server = url.newBuilder().query(null).fragment(null).build().toString();
    return server.endsWith("/") ? server : server + "/";
  }

  /** The first 16 hex digits of a salted SHA-256 of {@code adminKey}. */
  static String accountOf(String adminKey) {
    return sha256Hex(SALT + adminKey).substring(0, 16);
  }

  /** 64 hex digits that differ between any two keys: a file name or a database key. */
  public String id() {
    return id;
  }

  /** Who asked: 16 hex digits derived from the admin key, never the key. */
  public String account() {
    return account;
  }

  /** The endpoint. */
  public UsageEndpoint endpoint() {
    return endpoint;
  }

  /** The bucket width of the buckets (the API's default when the query named none). */
  public BucketWidth bucketWidth() {
    return bucketWidth;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CacheKey && ((CacheKey) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "CacheKey{" + endpoint.path() + " " + bucketWidth.wireValue() + " " + parameters + ", account "
        + account + "}";
  }

  private static String sha256Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(digest.length * 2);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
  }
}
