/**
 * The metadata store SPI: an ordered, transactional store of byte keys and byte values, shaped like
 * FoundationDB so that the same data runs on every provider.
 *
 * <p>A provider registers a {@link dev.hermod.api.store.KeyValueStore} service with a
 * {@value dev.hermod.api.store.KeyValueStore#NAME} property. Hermod ships SQLite (the embedded default),
 * PostgreSQL and FoundationDB providers; anyone may add another, and the contract tests of
 * {@code bundles/tck} say what "correct" is.
 *
 * <h2>The model</h2>
 * <ul>
 *   <li>Keys and values are byte arrays; keys sort in unsigned lexicographic order
 *       ({@link dev.hermod.api.store.Keys#compare(byte[], byte[])}).</li>
 *   <li>All work happens inside a function passed to {@link dev.hermod.api.store.KeyValueStore#read} or
 *       {@link dev.hermod.api.store.KeyValueStore#write}. Writes are serializable: the provider runs the
 *       function again when a concurrent transaction conflicts with it, so functions must have no side
 *       effects outside the transaction.</li>
 *   <li>Every provider enforces the same {@linkplain dev.hermod.api.store.StoreLimits limits}: keys up to
 *       10 KB, values up to 100 KB, transactions up to 10 MB written and 5 seconds.</li>
 *   <li>Counters use {@link dev.hermod.api.store.Transaction#add(byte[], long)}, which never conflicts;
 *       ids are never allocated in memory, so several Hermod nodes can share one store.</li>
 * </ul>
 *
 * <h2>Keys</h2>
 * The core's key layout (one prefix byte per subspace, account id first, big-endian ids) is private to
 * the core; providers must treat keys as opaque bytes. Keys starting with byte {@code 0xFF} are reserved,
 * as in FoundationDB.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
