package dev.usagekit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public surface of the values: abstract types with a nested Builder whose build() returns the
 * abstract type; the generated Immutable* classes stay package-private and nothing outside this
 * package can subclass a value.
 */
class ValueTypesTest {

  static List<Class<?>> valueTypes() {
    return Arrays.asList(
        UsageResponse.class,
        UsageTimeBucket.class,
        UsageCompletionsResult.class,
        UsageEmbeddingsResult.class,
        UsageModerationsResult.class,
        UsageImagesResult.class,
        UsageAudioSpeechesResult.class,
        UsageAudioTranscriptionsResult.class,
        UsageVectorStoresResult.class,
        UsageCodeInterpreterSessionsResult.class,
        UsageFileSearchCallsResult.class,
        UsageWebSearchCallsResult.class,
        CostsResult.class,
        CostsAmount.class,
        UnknownUsageResult.class,
        ErrorResponse.class,
        ApiError.class);
  }

  @ParameterizedTest
  @MethodSource("valueTypes")
  void generatedImplementationIsPackagePrivate(Class<?> type) throws Exception {
    Class<?> implementation = Class.forName("dev.usagekit.model.Immutable" + type.getSimpleName());

    assertThat(Modifier.isPublic(implementation.getModifiers())).isFalse();
    assertThat(implementation.getSuperclass()).isEqualTo(type);
  }

  @ParameterizedTest
  @MethodSource("valueTypes")
  void valueIsAPublicAbstractClassNoOneElseCanExtend(Class<?> type) {
    assertThat(Modifier.isPublic(type.getModifiers())).isTrue();
    assertThat(Modifier.isAbstract(type.getModifiers())).isTrue();
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      assertThat(constructor.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("valueTypes")
  void builderIsPublicNestedAndBuildsTheAbstractType(Class<?> type) throws Exception {
    Method builder = type.getMethod("builder");
    Class<?> builderType = builder.getReturnType();

    assertThat(Modifier.isStatic(builder.getModifiers())).isTrue();
    assertThat(builderType.getEnclosingClass()).isEqualTo(type);
    assertThat(builderType.getSimpleName()).isEqualTo("Builder");
    assertThat(Modifier.isPublic(builderType.getModifiers())).isTrue();
    assertThat(builderType.getMethod("build").getReturnType()).isEqualTo(type);
  }

  @ParameterizedTest
  @MethodSource("valueTypes")
  void builderSettersReturnThePublicBuilder(Class<?> type) throws Exception {
    Class<?> builderType = type.getMethod("builder").getReturnType();

    for (Method method : builderType.getMethods()) {
      if (method.getDeclaringClass() != Object.class && !method.getName().equals("build")) {
        assertThat(method.getReturnType()).as(method.toString()).isEqualTo(builderType);
      }
    }
  }

  @Test
  void builderWithoutARequiredCountFailsNamingIt() {
    UsageCompletionsResult.Builder builder =
        UsageCompletionsResult.builder().inputTokens(1).numModelRequests(1);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Missing required property 'output_tokens' of UsageCompletionsResult");
    assertThatThrownBy(() -> UsageTimeBucket.builder().build())
        .hasMessage("Missing required property 'start_time', 'end_time' of UsageTimeBucket");
    assertThatThrownBy(() -> UnknownUsageResult.builder().build())
        .hasMessage("Missing required property 'object' of UnknownUsageResult");
  }

  @Test
  void builderRejectsNullForANonNullField() {
    assertThatThrownBy(() -> ApiError.builder().message(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void valuesCopyTheirLists() {
    UsageTimeBucket bucket = UsageTimeBucket.builder().startTime(1).endTime(2).build();

    assertThatThrownBy(
            () -> bucket.results().add(UsageVectorStoresResult.builder().usageBytes(1).build()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builderCopiesAValue() {
    UsageResponse page = UsageResponse.builder().hasMore(true).nextPage("page_2").build();

    UsageResponse copy = UsageResponse.builder().from(page).hasMore(false).build();

    assertThat(copy.nextPage()).isEqualTo("page_2");
    assertThat(copy.hasMore()).isFalse();
  }

  @Test
  void equalValuesAreEqualAndHashAlike() {
    CostsResult a = CostsResult.builder().lineItem("x").build();
    CostsResult b = CostsResult.builder().lineItem("x").build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(CostsResult.builder().build());
  }

  @Test
  void knownResultsReportTheirObjectConstant() {
    assertThat(UsageVectorStoresResult.builder().usageBytes(1).build().object())
        .isEqualTo("organization.usage.vector_stores.result");
    assertThat(CostsResult.builder().build().object()).isEqualTo("organization.costs.result");
    assertThat(UsageResponse.builder().hasMore(false).build().object()).isEqualTo("page");
    assertThat(UsageTimeBucket.builder().startTime(1).endTime(2).build().object())
        .isEqualTo("bucket");
  }
}
