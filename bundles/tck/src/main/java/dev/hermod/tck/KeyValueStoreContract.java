package dev.hermod.tck;

/**
 * The full contract of a {@link dev.hermod.api.store.KeyValueStore} provider, as JUnit 5 tests: a
 * provider's test class implements this interface and returns its store from {@link #store()}; the
 * default {@code @Test} methods inherited from the contracts below then run against it.
 *
 * <pre>{@code
 * class MyStoreTest implements KeyValueStoreContract {
 *     @TempDir Path dir;
 *     MyStore store;
 *
 *     @BeforeEach void open() { store = MyStore.open(dir); }   // a new, empty store per test
 *     @AfterEach void close() { store.close(); }
 *     @Override public KeyValueStore store() { return store; }
 * }
 * }</pre>
 *
 * <p>What it checks:
 * <ul>
 *   <li>{@link KeyValueOrderingContract} — get/set/clear/clearRange, unsigned key order, range bounds,
 *       limits and reverse ranges, prefixes, the iterator protocol;</li>
 *   <li>{@link KeyValueTransactionContract} — results, read-your-writes, aborts on exceptions,
 *       retries on {@link dev.hermod.api.store.ConflictException} and their bound, transactions and
 *       iterators unusable after their function;</li>
 *   <li>{@link KeyValueIsolationContract} — read snapshots, invisible uncommitted writes, no lost updates,
 *       no write skew, serializable concurrent read-modify-writes;</li>
 *   <li>{@link KeyValueCounterContract} — atomic little-endian {@code add}, alone and from 16 threads;</li>
 *   <li>{@link KeyValueLimitsContract} — key, value and transaction size limits, reserved {@code 0xFF}
 *       keys, {@code null} arrays;</li>
 *   <li>{@link KeyValueStreamingContract} — a 50 MB range streamed lazily, in batches.</li>
 * </ul>
 * A provider may implement only some of them while it is being written; a release implements this one.
 * The tests are self-contained (each starts from an empty store, see {@link #store()}), use at most 16
 * threads, and together take a few seconds to about twenty on a small machine. They do not test
 * {@link dev.hermod.api.store.StoreLimits#MAX_TRANSACTION_MILLIS}, which would take seconds per test:
 * providers test their deadline themselves.
 */
public interface KeyValueStoreContract extends KeyValueOrderingContract, KeyValueTransactionContract,
        KeyValueIsolationContract, KeyValueCounterContract, KeyValueLimitsContract, KeyValueStreamingContract {
}
