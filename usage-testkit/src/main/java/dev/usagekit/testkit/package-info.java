/**
 * Test support for the Usage and Costs API: canned responses ({@link dev.usagekit.testkit.UsageFixtures}),
 * builders with realistic defaults ({@link dev.usagekit.testkit.TestData}), a fake server that answers all
 * twelve endpoints like the real API ({@link dev.usagekit.testkit.FakeUsageServer}, on MockWebServer; {@link
 * dev.usagekit.testkit.FakeUsageApi}, the same fake without a socket or a test framework) and a synthetic
 * organisation to load it with ({@link dev.usagekit.testkit.SyntheticOrganization}).
 *
 * <p>The JUnit 5 glue lives apart, in {@code dev.usagekit.testkit.junit5}.
 */
@ParametersAreNonnullByDefault
package dev.usagekit.testkit;

import javax.annotation.ParametersAreNonnullByDefault;
