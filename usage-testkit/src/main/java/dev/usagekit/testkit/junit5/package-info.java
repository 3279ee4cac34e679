/**
 * JUnit 5 glue for the testkit: {@link dev.usagekit.testkit.junit5.FakeUsageServerExtension}. Kept apart from
 * {@code dev.usagekit.testkit} so that the core does not need JUnit 5 (the dependency is optional).
 */
@ParametersAreNonnullByDefault
package dev.usagekit.testkit.junit5;

import javax.annotation.ParametersAreNonnullByDefault;
