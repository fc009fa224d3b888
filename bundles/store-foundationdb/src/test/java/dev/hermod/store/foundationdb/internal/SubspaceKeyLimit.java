package dev.hermod.store.foundationdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimits;
import java.util.Arrays;

/**
 * Where a store in a subspace departs from the contract: FoundationDB's 10,000-byte key limit includes
 * the subspace prefix, so a written key may be at most 10,000 minus the prefix length. Replaces the
 * contract's {@code keysAndValuesUpToTheLimitsAreAccepted} until the API leaves room for a prefix.
 */
final class SubspaceKeyLimit {

    private SubspaceKeyLimit() {
    }

    static void assertKeysFitUpToTheLimitLessThePrefix(KeyValueStore store, int prefixLength) {
        byte[] longest = new byte[StoreLimits.MAX_KEY_SIZE - prefixLength];
        Arrays.fill(longest, (byte) 1);
        byte[] value = new byte[StoreLimits.MAX_VALUE_SIZE];
        Arrays.fill(value, (byte) 2);
        store.write(txn -> {
            txn.set(longest, value);
            return null;
        });
        store.read(txn -> {
            assertArrayEquals(value, txn.get(longest));
            assertArrayEquals(longest, txn.range(new byte[0], new byte[] {(byte) 0xFF}).toList().get(0).key());
            return null;
        });

        byte[] contractLongest = new byte[StoreLimits.MAX_KEY_SIZE];
        Arrays.fill(contractLongest, (byte) 1);
        StoreLimitException e = assertThrows(StoreLimitException.class, () -> store.write(txn -> {
            txn.set(contractLongest, value);
            return null;
        }));
        assertEquals(StoreLimitException.Limit.KEY_SIZE, e.limit());
        assertEquals(StoreLimits.MAX_KEY_SIZE + prefixLength, e.size(), "the stored length is reported");
        assertNull(store.read(txn -> txn.get(contractLongest)), "reads take keys up to the contract's limit");
        store.read(txn -> {
            assertEquals(1, txn.range(new byte[0], contractLongest).toList().size(), "and so do range ends");
            assertEquals(0, txn.range(contractLongest, new byte[] {(byte) 0xFF}).toList().size(),
                    "and range starts");
            return null;
        });
    }
}
