package dev.usagekit.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of this package, applied in {@code package-info.java}.
 *
 * <p>Each value is a public abstract class with a public nested {@code Builder} that extends the
 * generated builder; the generated {@code Immutable*} classes are package-private and {@code
 * build()} returns the abstract type, so users never see them. JDK collections only (no Guava).
 * JSON goes through Immutables' own Jackson integration: each type names its generated class in
 * {@code @JsonDeserialize(as = ...)}, and a plain {@code ObjectMapper} reads and writes it.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    jdkOnly = true,
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = false))
@interface UsageStyle {}
