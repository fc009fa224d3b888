/**
 * The FoundationDB provider of {@link dev.hermod.api.store.KeyValueStore}; nothing is exported.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Keys live in a subspace: each key is prefixed with the tuple encoding of the configured name
 *       ({@code \x02hermod\x00} by default), readable in {@code fdbcli} and with {@code Tuple.fromBytes}.
 *       Not an integer tuple such as {@code \x15…}: the directory layer allocates its prefixes from
 *       integer tuples, so it could collide with another application on the cluster. The prefix counts
 *       against FoundationDB's 10,000-byte key limit, so a written key may be at most 10,000 bytes less the
 *       prefix (9,992 by default); an empty subspace gives the whole limit.</li>
 *   <li>The retry loop is FoundationDB's, written out ({@code onError} backs off and resets); the
 *       transaction timeout bounds a whole call, retries included, and read-only transactions read at
 *       one version with snapshot reads, so they never conflict.</li>
 *   <li>The component registers the store itself, once the client library is loaded and the database
 *       open: SCR would register a declared service before constructing the component.</li>
 *   <li>fdb-java is embedded whole (classes and its {@code lib/} JNI libraries): its native code calls
 *       back into classes that static analysis would not keep.</li>
 *   <li>One FoundationDB client per process: the API version is selected and the network started once
 *       ({@link dev.hermod.store.foundationdb.internal.FdbClient}); updating this bundle needs a restart.</li>
 * </ul>
 */
package dev.hermod.store.foundationdb.internal;
