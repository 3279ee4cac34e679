package dev.usagekit.model;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How Jackson reads a value of this package: straight into its Immutables builder, whose setters carry the
 * accessors' {@code @JsonProperty} names (no intermediate holder, one object less per value). Only annotated
 * setters bind; {@code object} is the type's constant, never an additional property.
 */
@JacksonAnnotationsInside
@JsonPOJOBuilder(withPrefix = "")
@JsonAutoDetect(setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties("object")
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface JsonBuilder {}
