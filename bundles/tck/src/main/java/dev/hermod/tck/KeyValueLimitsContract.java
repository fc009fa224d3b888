package dev.hermod.tck;

import static dev.hermod.tck.TckSupport.END;
import static dev.hermod.tck.TckSupport.FIRST;
import static dev.hermod.tck.TckSupport.all;
import static dev.hermod.tck.TckSupport.bytes;
import static dev.hermod.tck.TckSupport.filled;
import static dev.hermod.tck.TckSupport.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadFunction;
import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimitException.Limit;
import dev.hermod.api.store.StoreLimits;
import dev.hermod.api.store.WriteFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link StoreLimits}: keys up to 10,000 bytes, values up to 100,000 bytes, transactions up to
 * 10,000,000 bytes written are accepted; anything larger is rejected with a {@link StoreLimitException}
 * naming the limit, nothing is committed and nothing is retried. Keys starting with {@code 0xFF} are
 * reserved ({@link IllegalArgumentException}); {@code null} arrays are rejected.
 *
 * <p>Implement {@link KeyValueStoreContract} to run this with every other store contract.
 */
public interface KeyValueLimitsContract extends KeyValueStoreUnderTest {

    /**
     * A key of exactly the limit and a value of exactly the limit, both of incompressible bytes, are stored
     * and read back.
     */
    @Test
    default void keysAndValuesUpToTheLimitsAreAccepted() {
        KeyValueStore store = store();
        byte[] longKey = random(StoreLimits.MAX_KEY_SIZE, 1);
        byte[] bigValue = random(StoreLimits.MAX_VALUE_SIZE, 2);
        store.write(txn -> {
            txn.set(longKey, bigValue);
            return null;
        });
        store.read(txn -> {
            assertArrayEquals(bigValue, txn.get(longKey));
            assertArrayEquals(longKey, txn.range(FIRST, END).toList().get(0).key());
            assertEquals(1, txn.range(longKey, END).toList().size(), "a bound of the maximum length");
            return null;
        });
        byte[] longCounter = random(StoreLimits.MAX_KEY_SIZE, 9);
        store.write(txn -> {
            txn.add(longCounter, 5);
            txn.add(longCounter, 2);
            return null;
        });
        assertEquals(7, Keys.decodeLongLittleEndian(store.read(txn -> txn.get(longCounter))), "a long counter key");
    }

    /**
     * Long keys that share a long prefix sort by every byte, not by a truncated prefix or a hash; a proper
     * prefix sorts first.
     */
    @Test
    default void longKeysSortByEveryByte() {
        KeyValueStore store = store();
        byte[] common = random(4_000, 3);
        List<byte[]> sorted = List.of(
                common,
                Keys.concat(common, bytes(0x00), random(4_000, 4)),
                Keys.concat(common, bytes(0x01)),
                Keys.concat(common, bytes(0x01), random(4_990, 5)),
                Keys.concat(common, bytes(0x80), random(3_000, 6)),
                Keys.concat(common, bytes(0xFF), random(4_999, 7)));
        List<byte[]> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new Random(7));
        store.write(txn -> {
            for (byte[] k : shuffled) {
                txn.set(k, Keys.encodeInt(k.length));
            }
            return null;
        });
        store.read(txn -> {
            List<KeyValue> all = txn.range(FIRST, END).toList();
            assertEquals(sorted.size(), all.size());
            for (int i = 0; i < sorted.size(); i++) {
                assertArrayEquals(sorted.get(i), all.get(i).key(), "key " + i + " in order");
                assertArrayEquals(Keys.encodeInt(sorted.get(i).length), txn.get(sorted.get(i)), "get key " + i);
            }
            List<KeyValue> middle = txn.range(sorted.get(2), sorted.get(4)).toList();
            assertEquals(2, middle.size(), "[key 2, key 4) between long bounds");
            assertArrayEquals(sorted.get(3), middle.get(1).key());
            List<KeyValue> last = txn.range(sorted.get(1), END, 2, true).toList();
            assertArrayEquals(sorted.get(5), last.get(0).key(), "reverse from the end");
            assertArrayEquals(sorted.get(4), last.get(1).key());
            return null;
        });
        store.write(txn -> {
            txn.clearRange(sorted.get(1), sorted.get(3));
            txn.clear(sorted.get(5));
            return null;
        });
        List<KeyValue> left = all(store);
        assertEquals(3, left.size(), "cleared [key 1, key 3) and key 5");
        assertArrayEquals(sorted.get(0), left.get(0).key());
        assertArrayEquals(sorted.get(3), left.get(1).key());
        assertArrayEquals(sorted.get(4), left.get(2).key());
    }

    /** A key one byte over the limit is rejected by every method that takes a key. */
    @Test
    default void oversizedKeysAreRejected() {
        KeyValueStore store = store();
        byte[] tooLong = filled(StoreLimits.MAX_KEY_SIZE + 1, 3);
        tooLong[0] = 1;
        List<WriteFunction<Object>> uses = List.of(
                txn -> {
                    txn.set(tooLong, bytes(1));
                    return null;
                },
                txn -> {
                    txn.clear(tooLong);
                    return null;
                },
                txn -> {
                    txn.add(tooLong, 1);
                    return null;
                },
                txn -> {
                    txn.clearRange(tooLong, END);
                    return null;
                },
                txn -> {
                    txn.clearRange(FIRST, tooLong);
                    return null;
                });
        for (WriteFunction<Object> use : uses) {
            assertWriteRejected(store, Limit.KEY_SIZE, StoreLimits.MAX_KEY_SIZE + 1, use);
        }
        List<ReadFunction<Object>> reads = List.of(
                txn -> txn.get(tooLong),
                txn -> txn.range(tooLong, END),
                txn -> txn.range(FIRST, tooLong));
        for (ReadFunction<Object> read : reads) {
            StoreLimitException e = assertThrows(StoreLimitException.class, () -> store.read(read));
            assertEquals(Limit.KEY_SIZE, e.limit());
        }
    }

    /** A value one byte over the limit is rejected. */
    @Test
    default void oversizedValuesAreRejected() {
        assertWriteRejected(store(), Limit.VALUE_SIZE, StoreLimits.MAX_VALUE_SIZE + 1, txn -> {
            txn.set(key("v"), new byte[StoreLimits.MAX_VALUE_SIZE + 1]);
            return null;
        });
    }

    /** A transaction writing more than 10 MB is rejected; one writing 9 MB commits. */
    @Test
    default void transactionsOverTheSizeLimitAreRejected() {
        KeyValueStore store = store();
        byte[] value = new byte[StoreLimits.MAX_VALUE_SIZE];
        assertWriteRejected(store, Limit.TRANSACTION_SIZE, -1, txn -> {
            for (int i = 0; i <= StoreLimits.MAX_TRANSACTION_SIZE / value.length; i++) {
                txn.set(Keys.concat(key("big/"), Keys.encodeInt(i)), value);
            }
            return null;
        });
        int count = 90;
        store.write(txn -> {
            for (int i = 0; i < count; i++) {
                txn.set(Keys.concat(key("big/"), Keys.encodeInt(i)), value);
            }
            return null;
        });
        assertEquals(count, (int) store.read(txn -> txn.prefix(key("big/"), 0, false).toList().size()),
                "a transaction of " + count * value.length + " bytes commits");
    }

    /** Keys starting with 0xFF are reserved; {@code {0xFF}} is still a valid exclusive end. */
    @Test
    default void reservedKeysAreRejected() {
        KeyValueStore store = store();
        byte[] reserved = bytes(0xFF, 1);
        List<WriteFunction<Object>> uses = List.of(
                txn -> {
                    txn.set(END, bytes(1));
                    return null;
                },
                txn -> {
                    txn.set(reserved, bytes(1));
                    return null;
                },
                txn -> {
                    txn.clear(reserved);
                    return null;
                },
                txn -> {
                    txn.add(reserved, 1);
                    return null;
                },
                txn -> {
                    txn.clearRange(reserved, bytes(0xFF, 2));
                    return null;
                },
                txn -> txn.get(reserved),
                txn -> txn.range(reserved, bytes(0xFF, 2)));
        for (WriteFunction<Object> use : uses) {
            assertThrows(IllegalArgumentException.class, () -> store.write(use));
        }
        assertThrows(IllegalArgumentException.class, () -> store.read(txn -> txn.get(END)));
        assertEquals(List.of(), all(store), "nothing written");
        store.write(txn -> {
            txn.set(bytes(0xFE, 0xFF), bytes(1));
            txn.clearRange(bytes(0xFE, 0xFF, 0xFF), END);
            return null;
        });
        assertEquals(1, all(store).size(), "0xFE 0xFF is an ordinary key and 0xFF an ordinary end");
    }

    /** {@code null} keys and values are rejected with {@link NullPointerException}. */
    @Test
    default void nullArraysAreRejected() {
        KeyValueStore store = store();
        assertThrows(NullPointerException.class, () -> store.write(txn -> {
            txn.set(null, bytes(1));
            return null;
        }));
        assertThrows(NullPointerException.class, () -> store.write(txn -> {
            txn.set(key("k"), null);
            return null;
        }));
        assertThrows(NullPointerException.class, () -> store.read(txn -> txn.get(null)));
        assertEquals(List.of(), all(store), "nothing written");
    }

    /** Incompressible bytes, never starting with the reserved 0xFF. */
    private static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        b[0] = (byte) (b[0] & 0x7F);
        return b;
    }

    /**
     * Runs {@code use} after a valid set in the same transaction and asserts the limit error reaches the
     * caller, once, with nothing committed.
     */
    private static void assertWriteRejected(KeyValueStore store, Limit limit, long size, WriteFunction<Object> use) {
        AtomicInteger attempts = new AtomicInteger();
        StoreLimitException e = assertThrows(StoreLimitException.class, () -> store.write(txn -> {
            attempts.incrementAndGet();
            txn.set(key("before"), bytes(1));
            return use.apply(txn);
        }));
        assertEquals(limit, e.limit(), e.getMessage());
        if (size >= 0) {
            assertEquals(size, e.size(), e.getMessage());
        }
        assertEquals(1, attempts.get(), "a limit error is not retried");
        assertEquals(List.of(), all(store), "nothing was committed");
    }
}
