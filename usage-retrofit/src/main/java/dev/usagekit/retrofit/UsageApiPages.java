package dev.usagekit.retrofit;

import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageQuery;
import dev.usagekit.model.UsageResponse;
import io.reactivex.rxjava3.core.Observable;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;
import retrofit2.http.Query;
import retrofit2.http.QueryMap;

/**
 * Fetches one page of a {@link UsageQuery} through the generated {@link UsageApi}, calling the method of the
 * query's endpoint with the query's parameters.
 *
 * <pre>{@code
 * UsageApi api = UsageApiFactory.create(adminKey);
 * UsageQuery<CostsResult> query = UsageQuery.costs().startTime(1730419200L).limit(30).build();
 * UsageResponse first = UsageApiPages.fetch(api, query, null).blockingFirst();
 * UsageResponse second = UsageApiPages.fetch(api, query, first.nextPage()).blockingFirst();
 * }</pre>
 *
 * <p>The method is the one named for the endpoint's {@link UsageEndpoint#operationId() operationId}
 * ({@code usage-completions} is {@code usageCompletions}); each of its parameters is filled from the query's
 * {@link UsageQuery#toQueryParameters(String) wire form} by the name of its {@code @Query} annotation. Parameters
 * of the wire form that the method does not have (a filter newer than this release's spec) go to the method's
 * {@code additionalQueryParameters} (a {@code @QueryMap}), in order, a name repeated for each of its values, so
 * that they still reach the server. Nothing here names an endpoint or a
 * filter: a new operation in the spec needs no change.
 *
 * <p>To follow every page, use {@code UsageStreams} in {@code usage-rx}.
 */
public final class UsageApiPages {
  /** One dispatch per endpoint, found on first use. Copy-on-write: reads take no lock. */
  private static volatile Map<UsageEndpoint, Dispatch> dispatches = new EnumMap<>(UsageEndpoint.class);

  private UsageApiPages() {}

  /**
   * The page of {@code query} that starts at {@code cursor} ({@code null} for the first page).
   * The returned {@link Observable} makes the HTTP call when subscribed and emits exactly one page.
   *
   * @throws NullPointerException if {@code api} or {@code query} is null
   * @throws IllegalStateException if {@link UsageApi} has no usable method for the query's endpoint (the message
   *     names its operationId): usage-retrofit was generated from a spec without that operation
   */
  public static Observable<UsageResponse> fetch(UsageApi api, UsageQuery<?> query, @Nullable String cursor) {
    Objects.requireNonNull(api, "api == null");
    Objects.requireNonNull(query, "query == null");
    return dispatch(query.endpoint()).call(api, query.toQueryParameters(cursor));
  }

  /** How to call the method of {@code endpoint}; found by reflection once, then cached. */
  static Dispatch dispatch(UsageEndpoint endpoint) {
    Dispatch dispatch = dispatches.get(endpoint);
    if (dispatch == null) {
      dispatch = Dispatch.of(endpoint);
      synchronized (UsageApiPages.class) {
        Map<UsageEndpoint, Dispatch> copy = new EnumMap<>(dispatches);
        copy.put(endpoint, dispatch);
        dispatches = copy;
      }
    }
    return dispatch;
  }

  /** The Java name the generator gives an operationId: {@code "usage-audio-speeches"} is {@code usageAudioSpeeches}. */
  static String methodName(String operationId) {
    StringBuilder name = new StringBuilder(operationId.length());
    boolean upper = false;
    for (int i = 0; i < operationId.length(); i++) {
      char c = operationId.charAt(i);
      if (c == '-' || c == '_' || c == ' ' || c == '.') {
        upper = name.length() > 0;
      } else {
        name.append(upper ? Character.toUpperCase(c) : name.length() == 0 ? Character.toLowerCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }

  /** A method of {@link UsageApi} and, for each of its parameters, where its value comes from. */
  static final class Dispatch {
    private final UsageEndpoint endpoint;
    private final Method method;
    /** The wire name of each parameter; {@code null} for the additional (encoded) parameters. */
    private final String[] names;
    private final Class<?>[] types;
    private final int additional;

    private Dispatch(UsageEndpoint endpoint, Method method, String[] names, Class<?>[] types, int additional) {
      this.endpoint = endpoint;
      this.method = method;
      this.names = names;
      this.types = types;
      this.additional = additional;
    }

    Method method() {
      return method;
    }

    static Dispatch of(UsageEndpoint endpoint) {
      return of(UsageApi.class, endpoint);
    }

    /** The dispatch to the method of {@code apiType} (UsageApi, or another type in tests) for {@code endpoint}. */
    static Dispatch of(Class<?> apiType, UsageEndpoint endpoint) {
      String name = methodName(endpoint.operationId());
      Method found = null;
      for (Method candidate : apiType.getMethods()) {
        if (candidate.getName().equals(name) && Observable.class.equals(candidate.getReturnType())
            && (found == null || candidate.getParameterCount() > found.getParameterCount())) {
          found = candidate;
        }
      }
      if (found == null) {
        throw new IllegalStateException(apiType.getSimpleName() + " has no method " + name + " for operationId \""
            + endpoint.operationId() + "\" (UsageEndpoint." + endpoint + "): usage-retrofit was generated from a "
            + "spec without that operation");
      }
      Annotation[][] annotations = found.getParameterAnnotations();
      Type[] generic = found.getGenericParameterTypes();
      String[] names = new String[annotations.length];
      Class<?>[] types = found.getParameterTypes();
      int additional = -1;
      for (int i = 0; i < annotations.length; i++) {
        for (Annotation annotation : annotations[i]) {
          if (annotation instanceof Query) {
            names[i] = ((Query) annotation).value();
          } else if (annotation instanceof QueryMap && !((QueryMap) annotation).encoded()) {
            additional = i;
          }
        }
        boolean supported = names[i] != null
            ? types[i] == Long.class || types[i] == Integer.class || types[i] == Boolean.class
                || types[i] == String.class || isStringList(generic[i])
            : i == additional && isStringMap(generic[i]);
        if (!supported) {
          throw new IllegalStateException("UsageApi." + name + " (operationId \"" + endpoint.operationId()
              + "\") has parameter " + i + " of type " + generic[i] + " that is neither a @Query of Long, Integer, "
              + "Boolean, String or List<String> nor the @QueryMap Map<String, String>: regenerate usage-retrofit "
              + "with its own template");
        }
      }
      return new Dispatch(endpoint, found, names, types, additional);
    }

    private static boolean isStringMap(Type type) {
      return type instanceof ParameterizedType && ((ParameterizedType) type).getRawType() == Map.class
          && Arrays.equals(((ParameterizedType) type).getActualTypeArguments(),
              new Type[] {String.class, String.class});
    }

    private static boolean isStringList(Type type) {
      return type instanceof ParameterizedType && ((ParameterizedType) type).getRawType() == List.class
          && ((ParameterizedType) type).getActualTypeArguments()[0] == String.class;
    }

    @SuppressWarnings("unchecked") // every method of UsageApi returns Observable<UsageResponse>
    Observable<UsageResponse> call(UsageApi api, Map<String, List<String>> parameters) {
      Object[] args = new Object[names.length];
      Map<String, List<String>> left = new LinkedHashMap<>(parameters);
      for (int i = 0; i < names.length; i++) {
        if (names[i] != null) {
          List<String> values = left.remove(names[i]);
          args[i] = values == null || values.isEmpty() ? null : convert(names[i], types[i], values);
        }
      }
      if (additional >= 0) {
        args[additional] = left.isEmpty() ? Collections.<String, String>emptyMap() : new QueryPairs(left);
      } else if (!left.isEmpty()) {
        throw new IllegalStateException("UsageApi." + method.getName() + " (operationId \""
            + endpoint.operationId() + "\") has no parameter for " + left.keySet());
      }
      try {
        return (Observable<UsageResponse>) method.invoke(api, args);
      } catch (IllegalAccessException e) {
        throw new AssertionError(e); // a public method of a public interface
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw new IllegalStateException("UsageApi." + method.getName() + " failed", cause);
      }
    }

    private Object convert(String name, Class<?> type, List<String> values) {
      if (type == List.class) {
        return values;
      }
      if (values.size() != 1) {
        throw new IllegalArgumentException("query parameter " + name + " takes one value, but has " + values.size()
            + ": " + values);
      }
      String value = values.get(0);
      try {
        if (type == Long.class) {
          return Long.valueOf(value);
        }
        if (type == Integer.class) {
          return Integer.valueOf(value);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("query parameter " + name + " must be "
            + (type == Long.class ? "a long" : "an int") + ", but is \"" + value + "\"");
      }
      if (type == Boolean.class) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
          throw new IllegalArgumentException("query parameter " + name + " must be true or false, but is \""
              + value + "\"");
        }
        return Boolean.valueOf(lower);
      }
      return value;
    }

    @Override
    public String toString() {
      return "UsageApiPages.Dispatch(" + endpoint + " -> " + method.getName() + ")";
    }
  }

  /**
   * Query parameters in their order, a name once per value, as the entries of a {@code @QueryMap}: Retrofit sends
   * one parameter per entry, so a name with several values goes on the wire as repeated keys, like the {@code
   * List} parameters. A read-only view for Retrofit to iterate; unlike a plain {@link Map}, its entries may repeat
   * a key ({@link #get} finds the first).
   */
  static final class QueryPairs extends AbstractMap<String, String> {
    private final List<Map.Entry<String, String>> pairs = new ArrayList<>();

    QueryPairs(Map<String, List<String>> parameters) {
      for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
        for (String value : parameter.getValue()) {
          pairs.add(new SimpleImmutableEntry<>(parameter.getKey(), value));
        }
      }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      return new AbstractSet<Map.Entry<String, String>>() {
        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
          return Collections.unmodifiableList(pairs).iterator();
        }

        @Override
        public int size() {
          return pairs.size();
        }
      };
    }
  }
}
