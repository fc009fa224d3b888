package dev.hermod.tck;

import static dev.hermod.tck.TckSupport.bytes;
import static dev.hermod.tck.TckSupport.concurrently;
import static dev.hermod.tck.TckSupport.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Contract of {@link dev.hermod.api.store.Transaction#add(byte[], long)}: 8-byte little-endian two's
 * complement counters, a missing key counting as 0, wrapping on overflow, read-your-writes, and exact
 * totals under many concurrent transactions.
 *
 * <p>Implement {@link KeyValueStoreContract} to run this with every other store contract.
 */
public interface KeyValueCounterContract extends KeyValueStoreUnderTest {

    /** Adding to a missing key starts from 0 and writes 8 little-endian bytes. */
    @Test
    default void addToAMissingKeyStartsAtZero() {
        KeyValueStore store = store();
        store.write(txn -> {
            txn.add(key("n"), 5);
            return null;
        });
        assertArrayEquals(bytes(5, 0, 0, 0, 0, 0, 0, 0), store.read(txn -> txn.get(key("n"))));
        store.write(txn -> {
            txn.add(key("n"), 300);
            return null;
        });
        assertArrayEquals(bytes(0x31, 0x01, 0, 0, 0, 0, 0, 0), store.read(txn -> txn.get(key("n"))),
                "305, little-endian");
    }

    /** Values are little-endian two's complement: carries, negative deltas and overflow wrap. */
    @Test
    default void addIsLittleEndianTwosComplement() {
        KeyValueStore store = store();
        store.write(txn -> {
            txn.set(key("le"), Keys.encodeLongLittleEndian(0x0102030405060708L));
            txn.set(key("carry"), bytes(0xFF, 0xFF, 0, 0, 0, 0, 0, 0));
            txn.set(key("max"), Keys.encodeLongLittleEndian(Long.MAX_VALUE));
            txn.set(key("min"), Keys.encodeLongLittleEndian(Long.MIN_VALUE));
            return null;
        });
        store.write(txn -> {
            txn.add(key("le"), 1);
            txn.add(key("carry"), 1);
            txn.add(key("minus"), -1);
            txn.add(key("max"), 1);
            txn.add(key("min"), -1);
            txn.add(key("cross"), 10);
            txn.add(key("cross"), -25);
            return null;
        });
        store.read(txn -> {
            assertArrayEquals(bytes(9, 7, 6, 5, 4, 3, 2, 1), txn.get(key("le")), "byte 0 is least significant");
            assertArrayEquals(bytes(0, 0, 1, 0, 0, 0, 0, 0), txn.get(key("carry")), "carry propagates");
            assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), txn.get(key("minus")),
                    "0 - 1 = -1, all ones");
            assertEquals(Long.MIN_VALUE, Keys.decodeLongLittleEndian(txn.get(key("max"))), "MAX + 1 wraps");
            assertEquals(Long.MAX_VALUE, Keys.decodeLongLittleEndian(txn.get(key("min"))), "MIN - 1 wraps");
            assertEquals(-15, Keys.decodeLongLittleEndian(txn.get(key("cross"))));
            return null;
        });
    }

    /** Adds in one transaction accumulate and are read back; set and clear replace earlier adds. */
    @Test
    default void addsInOneTransactionAccumulate() {
        KeyValueStore store = store();
        store.write(txn -> {
            txn.add(key("n"), 2);
            txn.add(key("n"), 3);
            assertEquals(5, Keys.decodeLongLittleEndian(txn.get(key("n"))), "adds accumulate");
            txn.set(key("n"), Keys.encodeLongLittleEndian(100));
            txn.add(key("n"), 1);
            assertEquals(101, Keys.decodeLongLittleEndian(txn.get(key("n"))), "add after set");
            txn.clear(key("n"));
            txn.add(key("n"), 7);
            txn.add(key("m"), 5);
            txn.set(key("m"), Keys.encodeLongLittleEndian(1));
            txn.add(key("o"), 5);
            txn.clearRange(key("o"), key("p"));
            return null;
        });
        store.read(txn -> {
            assertEquals(7, Keys.decodeLongLittleEndian(txn.get(key("n"))), "add after clear starts at 0");
            assertEquals(1, Keys.decodeLongLittleEndian(txn.get(key("m"))), "set after add wins");
            assertEquals(null, txn.get(key("o")), "clearRange after add wins");
            return null;
        });
    }

    /** 16 threads adding concurrently to shared counters get exact totals, and none gives up. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    default void concurrentAddsAreExact() {
        KeyValueStore store = store();
        int threads = 16;
        int adds = 25;
        concurrently(threads, thread -> {
            for (int i = 0; i < adds; i++) {
                store.write(txn -> {
                    txn.add(key("total"), 1);
                    txn.add(key("negative"), -2);
                    txn.add(Keys.concat(key("thread/"), Keys.encodeInt(thread)), 1);
                    return null;
                });
            }
        });
        store.read(txn -> {
            assertEquals(threads * adds, Keys.decodeLongLittleEndian(txn.get(key("total"))));
            assertEquals(-2L * threads * adds, Keys.decodeLongLittleEndian(txn.get(key("negative"))));
            for (int t = 0; t < threads; t++) {
                assertEquals(adds, Keys.decodeLongLittleEndian(txn.get(Keys.concat(key("thread/"), Keys.encodeInt(t)))));
            }
            return null;
        });
    }
}
