/**
 * Support classes generated with {@link dev.usagekit.retrofit.UsageApi} ({@code CollectionFormats},
 * {@code StringUtil}): the generated interface imports them. Not part of the API; they may change or
 * disappear in any release.
 *
 * <p>Unlike every hand-written usagekit package, this one declares no non-null default: the
 * generated code accepts and returns {@code null} without saying so.
 */
package dev.usagekit.retrofit.internal;
