/**
 * The FoundationDB provider of {@link dev.hermod.api.store.KeyValueStore}; nothing is exported.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Keys live in a subspace: each key is prefixed with the tuple encoding of the configured name
 *       ({@code \x02hermod\x00} by default), readable in {@code fdbcli} and {@code Tuple.fromBytes}. Not an
 *       integer tuple such as {@code \x15…}: the directory layer allocates its prefixes from integer
 *       tuples, so another application on the cluster could collide with it. The prefix counts against
 *       FoundationDB's 10,000-byte key limit, so a written key may be at most 10,000 minus the prefix
 *       length (9,992 by default); an empty subspace gives the full limit.</li>
 *   <li>fdb-java is embedded whole (classes and the {@code lib/} native libraries): its JNI code calls
 *       back into classes that static analysis would not keep.</li>
 *   <li>One FoundationDB client per process: the API version is selected and the network started once
 *       ({@link dev.hermod.store.foundationdb.internal.FdbClient}); updating this bundle needs a restart.</li>
 * </ul>
 */
package dev.hermod.store.foundationdb.internal;
