package dev.usagekit.retrofit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usagekit.model.BucketWidth;
import dev.usagekit.model.GroupByField;
import dev.usagekit.model.ProjectListResponse;
import dev.usagekit.model.SpendAlertListResponse;
import dev.usagekit.model.SpendLimit;
import dev.usagekit.model.UsageEndpoint;
import dev.usagekit.model.UsageFilter;
import dev.usagekit.model.UsageResponse;
import io.reactivex.rxjava3.core.Observable;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import retrofit2.http.GET;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.QueryMap;

/**
 * The generated {@link UsageApi} and the endpoint table {@link UsageEndpoint} against the spec the
 * generator read: after a spec change, this fails until the spec, the generated interface and the
 * table agree.
 */
class UsageApiMatchesSpecTest {

  /** Parameters every operation has; the others are filters. */
  private static final Set<String> NOT_FILTERS =
      Set.of("start_time", "end_time", "bucket_width", "group_by", "limit", "page");

  private static Map<String, Object> spec;

  @BeforeAll
  static void loadSpec() throws IOException {
    spec = loadSpecFile();
  }

  private static Map<String, Object> loadSpecFile() throws IOException {
    String path = System.getProperty("usagekit.spec", "../openapi/src/main/resources/openapi.yaml");
    String text = Files.readString(Paths.get(path), StandardCharsets.UTF_8);
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
  }

  /**
   * The class each schema an operation answers with maps to (usage-retrofit's pom, {@code schemaMappings}): the
   * usage and costs pages, and the operations that are no rows of the endpoint table (the projects, users and
   * project API keys listings that reports use for names, the spend limits and alerts).
   */
  private static final Map<String, Class<?>> ANSWERS = Map.of(
      "UsageResponse", UsageResponse.class,
      "ProjectListResponse", ProjectListResponse.class,
      "OrganizationSpendLimitResource", SpendLimit.class,
      "ProjectSpendLimitResource", SpendLimit.class,
      "OrganizationSpendAlertListResource", SpendAlertListResponse.class,
      "ProjectSpendAlertListResource", SpendAlertListResponse.class,
      "UserListResponse", dev.usagekit.model.UserListResponse.class,
      "ProjectApiKeyListResponse", dev.usagekit.model.ProjectApiKeyListResponse.class);

  static Stream<String> operationIds() throws IOException {
    return operations(loadSpecFile()).keySet().stream();
  }

  @Test
  void usageApiHasOneMethodPerOperation() {
    Set<String> methods = Arrays.stream(UsageApi.class.getDeclaredMethods())
        .map(Method::getName)
        .collect(Collectors.toSet());

    assertThat(methods).containsExactlyInAnyOrderElementsOf(
        operations(spec).keySet().stream().map(UsageApiMatchesSpecTest::methodName).collect(Collectors.toList()));
    assertThat(methods).hasSize(UsageEndpoint.values().length + notUsageOperations().size()).contains("listProjects");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operationIds")
  void methodCallsThePathOfTheOperationAndReturnsObservableUsageResponse(String operationId) {
    Method method = method(operationId);

    assertThat(method.getAnnotation(GET.class).value()).isEqualTo(path(operationId).substring(1));
    Type returnType = method.getGenericReturnType();
    assertThat(returnType).isInstanceOf(ParameterizedType.class);
    assertThat(((ParameterizedType) returnType).getRawType()).isEqualTo(Observable.class);
    assertThat(((ParameterizedType) returnType).getActualTypeArguments())
        .containsExactly(ANSWERS.get(answerSchema(operationId)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operationIds")
  void methodTakesTheQueryParametersOfTheOperationInOrder(String operationId) {
    Method method = method(operationId);
    List<String> queryNames = new ArrayList<>();
    Annotation[][] all = method.getParameterAnnotations();
    for (Annotation[] annotations : Arrays.copyOf(all, all.length - 1)) {
      Path path = Arrays.stream(annotations).filter(a -> a instanceof Path).map(a -> (Path) a)
          .findFirst().orElse(null);
      queryNames.add(path != null ? path.value() : annotation(annotations, Query.class).value());
    }

    assertThat(queryNames).containsExactlyElementsOf(
        parameters(operationId).stream().map(p -> (String) p.get("name")).collect(Collectors.toList()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operationIds")
  void methodEndsWithAQueryMapForAdditionalParameters(String operationId) {
    Method method = method(operationId);
    int last = method.getParameterCount() - 1;
    Annotation[] annotations = method.getParameterAnnotations()[last];

    assertThat(method.getParameters()[last].getName()).isIn("additionalQueryParameters", "arg" + last);
    assertThat(method.getGenericParameterTypes()[last].getTypeName())
        .isEqualTo("java.util.Map<java.lang.String, java.lang.String>");
    assertThat(annotation(annotations, QueryMap.class).encoded()).isFalse();
    assertThat(annotations).noneMatch(a -> a instanceof Nullable);
    assertThat(method.getParameterCount()).isEqualTo(parameters(operationId).size() + 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operationIds")
  void parameterTypesFollowTheSchemas(String operationId) {
    Method method = method(operationId);
    List<Map<String, Object>> parameters = parameters(operationId);
    Type[] types = method.getGenericParameterTypes();

    for (int i = 0; i < types.length - 1; i++) {
      Map<String, Object> schema = child(parameters.get(i), "schema");
      assertThat(types[i].getTypeName()).as("%s %s", operationId, parameters.get(i).get("name"))
          .isEqualTo(javaType(schema));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operationIds")
  void optionalParametersAreNullableAndRequiredOnesAreNot(String operationId) {
    Method method = method(operationId);
    List<Map<String, Object>> parameters = parameters(operationId);
    Annotation[][] annotations = method.getParameterAnnotations();

    for (int i = 0; i < annotations.length - 1; i++) {
      boolean required = Boolean.TRUE.equals(parameters.get(i).get("required"));
      boolean nullable = Arrays.stream(annotations[i]).anyMatch(a -> a instanceof Nullable);
      assertThat(nullable).as("%s %s is @Nullable", operationId, parameters.get(i).get("name"))
          .isEqualTo(!required);
    }
  }

  @Test
  void endpointTableHasOneRowPerOperation() {
    assertThat(Arrays.stream(UsageEndpoint.values()).map(UsageEndpoint::operationId))
        .containsExactlyInAnyOrderElementsOf(operations(spec).keySet().stream()
            .filter(operationId -> !notUsageOperations().contains(operationId)).collect(Collectors.toList()));
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void endpointPathIsTheSpecs(UsageEndpoint endpoint) {
    assertThat("/" + endpoint.path()).isEqualTo(path(endpoint.operationId()));
    assertThat(UsageEndpoint.forPath(endpoint.path())).isEqualTo(endpoint);
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void endpointGroupByFieldsAreTheSpecsInOrder(UsageEndpoint endpoint) {
    Map<String, Object> groupBy = parameter(endpoint.operationId(), "group_by");

    assertThat(endpoint.groupByFields().stream().map(GroupByField::wireValue))
        .containsExactlyElementsOf(itemEnum(groupBy));
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void endpointFiltersAreTheSpecsInOrder(UsageEndpoint endpoint) {
    List<Map<String, Object>> filters = parameters(endpoint.operationId()).stream()
        .filter(p -> !NOT_FILTERS.contains((String) p.get("name")))
        .collect(Collectors.toList());

    assertThat(endpoint.filters().stream().map(UsageFilter::wireValue))
        .containsExactlyElementsOf(filters.stream().map(p -> (String) p.get("name")).collect(Collectors.toList()));
    for (UsageFilter filter : endpoint.filters()) {
      Map<String, Object> parameter = parameter(endpoint.operationId(), filter.wireValue());
      assertThat(filter.isBoolean()).as(filter.wireValue())
          .isEqualTo("boolean".equals(child(parameter, "schema").get("type")));
      assertThat(filter.allowedValues()).as(filter.wireValue())
          .containsExactlyInAnyOrderElementsOf(filter.isBoolean() ? List.of() : itemEnum(parameter));
    }
  }

  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void endpointBucketWidthsAreTheSpecs(UsageEndpoint endpoint) {
    Map<String, Object> schema = child(parameter(endpoint.operationId(), "bucket_width"), "schema");

    assertThat(endpoint.bucketWidths().stream().map(BucketWidth::wireValue))
        .containsExactlyInAnyOrderElementsOf(strings(schema.get("enum")));
    assertThat(endpoint.defaultBucketWidth().wireValue()).isEqualTo(schema.get("default"));
  }

  /** The limits are only in the descriptions of {@code limit}: read them from there. */
  @ParameterizedTest
  @EnumSource(UsageEndpoint.class)
  void endpointLimitsAreThoseTheSpecDescribes(UsageEndpoint endpoint) {
    Map<String, Object> limit = parameter(endpoint.operationId(), "limit");
    String description = (String) limit.get("description");
    Map<String, int[]> described = new LinkedHashMap<>();
    Matcher perWidth = Pattern.compile("bucket_width=(\\w+)`: default: (\\d+), max: (\\d+)").matcher(description);
    while (perWidth.find()) {
      described.put(perWidth.group(1),
          new int[] {Integer.parseInt(perWidth.group(2)), Integer.parseInt(perWidth.group(3))});
    }
    Matcher range = Pattern.compile("between 1 and (\\d+), and the default is (\\d+)").matcher(description);
    if (range.find()) {
      Set<String> widths = new LinkedHashSet<>(strings(child(parameter(endpoint.operationId(), "bucket_width"), "schema").get("enum")));
      for (String width : widths) {
        described.put(width, new int[] {Integer.parseInt(range.group(2)), Integer.parseInt(range.group(1))});
      }
    }

    assertThat(described.keySet()).as("widths with limits in the description")
        .containsExactlyInAnyOrderElementsOf(
            endpoint.bucketWidths().stream().map(BucketWidth::wireValue).collect(Collectors.toList()));
    for (BucketWidth width : endpoint.bucketWidths()) {
      int[] defaultAndMax = described.get(width.wireValue());
      assertThat(endpoint.defaultLimit(width)).as("default limit for %s", width).isEqualTo(defaultAndMax[0]);
      assertThat(endpoint.maxLimit(width)).as("max limit for %s", width).isEqualTo(defaultAndMax[1]);
    }
    if (limit.containsKey("schema") && child(limit, "schema").containsKey("default")) {
      assertThat(endpoint.defaultLimit(endpoint.defaultBucketWidth()))
          .isEqualTo(child(limit, "schema").get("default"));
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  /** operationId to the operation's GET object and path, in spec order. */
  private static Map<String, Map.Entry<String, Map<String, Object>>> operations(Map<String, Object> document) {
    Map<String, Map.Entry<String, Map<String, Object>>> result = new LinkedHashMap<>();
    child(document, "paths").forEach((path, item) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> get = child((Map<String, Object>) item, "get");
      result.put((String) get.get("operationId"), Map.entry(path, get));
    });
    return result;
  }

  /** The schema of the operation's 200 answer. */
  private static String answerSchema(String operationId) {
    Map<String, Object> schema = child(child(child(child(child(operations(spec).get(operationId).getValue(),
        "responses"), "200"), "content"), "application/json"), "schema");
    String ref = (String) schema.get("$ref");
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  /** The operations that answer something else than a usage page: no rows of the endpoint table. */
  private static List<String> notUsageOperations() {
    return operations(spec).keySet().stream().filter(id -> !"UsageResponse".equals(answerSchema(id)))
        .collect(Collectors.toList());
  }

  private static String path(String operationId) {
    return operations(spec).get(operationId).getKey();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parameters(String operationId) {
    return (List<Map<String, Object>>) operations(spec).get(operationId).getValue().get("parameters");
  }

  private static Map<String, Object> parameter(String operationId, String name) {
    return parameters(operationId).stream()
        .filter(p -> name.equals(p.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(operationId + " has no parameter " + name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> node, String key) {
    Object value = node.get(key);
    assertThat(value).as(key).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static List<String> itemEnum(Map<String, Object> arrayParameter) {
    Map<String, Object> items = child(child(arrayParameter, "schema"), "items");
    return items.containsKey("enum") ? strings(items.get("enum")) : Collections.emptyList();
  }

  private static List<String> strings(Object list) {
    return ((List<?>) list).stream().map(String::valueOf).collect(Collectors.toList());
  }

  /** The Java type openapi-generator 7.25.0 (java, retrofit2) gives a query parameter schema. */
  private static String javaType(Map<String, Object> schema) {
    switch ((String) schema.get("type")) {
      case "integer":
        return "int64".equals(schema.get("format")) ? "java.lang.Long" : "java.lang.Integer";
      case "boolean":
        return "java.lang.Boolean";
      case "string":
        return "java.lang.String";
      case "array":
        return "java.util.List<" + javaType(child(schema, "items")) + ">";
      default:
        throw new AssertionError("no expected Java type for " + schema);
    }
  }

  private static String methodName(String operationId) {
    StringBuilder name = new StringBuilder();
    for (String word : operationId.split("-")) {
      name.append(name.length() == 0 ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1));
    }
    return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1); // Getorganizationspendlimit
  }

  private static Method method(String operationId) {
    return Arrays.stream(UsageApi.class.getDeclaredMethods())
        .filter(m -> m.getName().equals(methodName(operationId)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("UsageApi has no method " + methodName(operationId)));
  }

  private static <A extends Annotation> A annotation(Annotation[] annotations, Class<A> type) {
    return Arrays.stream(annotations)
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no @" + type.getSimpleName()));
  }
}
