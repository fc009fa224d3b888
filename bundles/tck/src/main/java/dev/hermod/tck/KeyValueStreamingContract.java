package dev.hermod.tck;

import static dev.hermod.tck.TckSupport.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Contract of lazy range reads: a range of 50,000 keys of 1 KB (50 MB) streams in order within one
 * transaction, and taking only its first few pairs costs a small fraction of reading all of it, which a
 * provider that loads whole ranges cannot do.
 *
 * <p>Implement {@link KeyValueStoreContract} to run this with every other store contract.
 */
public interface KeyValueStreamingContract extends KeyValueStoreUnderTest {

    /** Number of keys in the large range. */
    int LARGE_RANGE_KEYS = 50_000;
    /** Size of each value in the large range, in bytes. */
    int LARGE_RANGE_VALUE_SIZE = 1_000;

    /** A 50 MB range streams in order; breaking off after a few keys is far cheaper than reading it all. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    default void largeRangesStreamInBatches() {
        KeyValueStore store = store();
        byte[] prefix = key("large/");
        int perTransaction = 5_000;
        for (int start = 0; start < LARGE_RANGE_KEYS; start += perTransaction) {
            int first = start;
            store.write(txn -> {
                for (int i = first; i < first + perTransaction; i++) {
                    txn.set(largeKey(prefix, i), largeValue(i));
                }
                return null;
            });
        }

        long full = System.nanoTime();
        int counted = store.read(txn -> {
            int n = 0;
            try (KeyValueIterator it = txn.prefix(prefix, 0, false)) {
                while (it.hasNext()) {
                    KeyValue pair = it.next();
                    if (!java.util.Arrays.equals(largeKey(prefix, n), pair.key())) {
                        throw new AssertionError("pair " + n + " is " + Keys.printable(pair.key()));
                    }
                    if (pair.value().length != LARGE_RANGE_VALUE_SIZE || pair.value()[0] != (byte) n) {
                        throw new AssertionError("value of pair " + n);
                    }
                    n++;
                }
            }
            return n;
        });
        full = System.nanoTime() - full;
        assertEquals(LARGE_RANGE_KEYS, counted, "every key streamed, in order");

        long few = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            int taken = store.read(txn -> {
                int n = 0;
                try (KeyValueIterator it = txn.prefix(prefix, 0, false)) {
                    while (n < 10 && it.hasNext()) {
                        it.next();
                        n++;
                    }
                }
                return n;
            });
            few = Math.min(few, System.nanoTime() - start);
            assertEquals(10, taken);
        }
        assertTrue(few * 4 < full, "taking 10 of " + LARGE_RANGE_KEYS + " keys took "
                + TimeUnit.NANOSECONDS.toMillis(few) + " ms, reading all took " + TimeUnit.NANOSECONDS.toMillis(full)
                + " ms: the provider seems to load whole ranges instead of fetching them in batches");

        store.read(txn -> {
            List<KeyValue> last = txn.prefix(prefix, 3, true).toList();
            assertEquals(3, last.size());
            assertArrayEquals(largeKey(prefix, LARGE_RANGE_KEYS - 1), last.get(0).key(), "reverse starts at the end");
            assertArrayEquals(largeKey(prefix, LARGE_RANGE_KEYS - 3), last.get(2).key());
            List<KeyValue> middle = txn.range(largeKey(prefix, 20_000), largeKey(prefix, 30_000), 1_000, false).toList();
            assertEquals(1_000, middle.size());
            assertArrayEquals(largeKey(prefix, 20_999), middle.get(999).key());
            return null;
        });
    }

    private static byte[] largeKey(byte[] prefix, int i) {
        return Keys.concat(prefix, Keys.encodeInt(i));
    }

    private static byte[] largeValue(int i) {
        byte[] value = TckSupport.filled(LARGE_RANGE_VALUE_SIZE, i);
        value[0] = (byte) i;
        return value;
    }
}
