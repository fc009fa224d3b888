package dev.hermod.tck;

import dev.hermod.api.store.KeyValueStore;

/**
 * The one thing a {@link dev.hermod.api.store.KeyValueStore} contract needs from the provider's test
 * class: the store to test. Every contract interface of this package extends it.
 */
public interface KeyValueStoreUnderTest {

    /**
     * The store under test.
     *
     * <p>At the start of every test the store must hold no user keys (nothing in {@code ["", 0xFF)}):
     * return a new store per test (e.g. a database file in a JUnit {@code @TempDir}), or a shared one
     * that a {@code @BeforeEach} method of the test class empties, e.g. with
     * {@code store.write(txn -> { txn.clearRange(new byte[0], new byte[] {(byte) 0xFF}); return null; })}.
     * A test may call this method several times and from several threads; it must return the same
     * store throughout one test.
     *
     * @return the store, never {@code null}
     */
    KeyValueStore store();
}
