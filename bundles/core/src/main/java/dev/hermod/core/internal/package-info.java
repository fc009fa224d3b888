/**
 * The core's implementation. Nothing here is exported: other bundles see the core only through the
 * services it registers under {@code dev.hermod.api}.
 *
 * <p>{@link dev.hermod.core.internal.ProviderRegistry} binds every provider of every SPI dynamically and
 * greedily, so providers come and go at run time without restarting the core; each SPI has a
 * {@link dev.hermod.core.internal.ProviderSlot} that keeps its providers ordered and picks the one in use.
 */
package dev.hermod.core.internal;
