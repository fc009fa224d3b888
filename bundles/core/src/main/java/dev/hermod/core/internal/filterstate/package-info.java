/**
 * Filters' keys with an expiry ({@link dev.hermod.api.filter.FilterState}) in the metadata store. Keys, under
 * the prefix {@code 22} (the mail store keeps {@code 01}–{@code 1F}, the outbound queue {@code 20}, Sieve
 * scripts {@code 21}): {@code 22 <key UTF-8>} → 16 bytes, the creation time and the expiry in milliseconds
 * since the epoch, each a big-endian long.
 */
package dev.hermod.core.internal.filterstate;
