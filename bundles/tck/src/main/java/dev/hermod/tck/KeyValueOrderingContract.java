package dev.hermod.tck;

import static dev.hermod.tck.TckSupport.END;
import static dev.hermod.tck.TckSupport.FIRST;
import static dev.hermod.tck.TckSupport.all;
import static dev.hermod.tck.TckSupport.assertKeys;
import static dev.hermod.tck.TckSupport.bytes;
import static dev.hermod.tck.TckSupport.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Contract of single-threaded reads and writes: {@code get}, {@code set}, {@code clear},
 * {@code clearRange}, and the order, bounds, limits and direction of range reads.
 *
 * <p>Keys sort as unsigned bytes, a proper prefix first ({@link Keys#compare(byte[], byte[])}); ranges
 * include {@code from} and exclude {@code to}; a reverse range returns the same keys descending and its
 * {@code limit} counts from the end.
 *
 * <p>Implement {@link KeyValueStoreContract} to run this with every other store contract.
 */
public interface KeyValueOrderingContract extends KeyValueStoreUnderTest {

    /** A key reads back as set; overwriting replaces; empty values stay empty; arrays are the caller's. */
    @Test
    default void getReturnsWhatWasSet() {
        KeyValueStore store = store();
        store.write(txn -> {
            txn.set(key("a"), bytes(1, 2, 3));
            txn.set(key("b"), bytes());
            return null;
        });
        assertArrayEquals(bytes(1, 2, 3), store.read(txn -> txn.get(key("a"))));
        byte[] empty = store.read(txn -> txn.get(key("b")));
        assertNotNull(empty, "an empty value is a value, not a missing key");
        assertEquals(0, empty.length);
        assertNull(store.read(txn -> txn.get(key("c"))), "a key never set reads as null");

        store.write(txn -> {
            txn.set(key("a"), bytes(9));
            return null;
        });
        byte[] read = store.read(txn -> txn.get(key("a")));
        assertArrayEquals(bytes(9), read, "set replaces the previous value");

        read[0] = 42;
        assertArrayEquals(bytes(9), store.read(txn -> txn.get(key("a"))),
                "changing a returned array does not change the store");
        byte[] value = bytes(7, 7);
        store.write(txn -> {
            txn.set(key("d"), value);
            return null;
        });
        value[0] = 0;
        assertArrayEquals(bytes(7, 7), store.read(txn -> txn.get(key("d"))),
                "changing an array after the transaction committed does not change the store");
    }

    /** Keys come back in unsigned byte order, whatever the order they were written in. */
    @Test
    default void keysSortAsUnsignedBytes() {
        List<byte[]> sorted = List.of(
                bytes(),
                bytes(0x00),
                bytes(0x00, 0x00),
                bytes(0x00, 0x01),
                bytes(0x01),
                bytes(0x01, 0x00),
                bytes(0x01, 0xFF),
                key("a"),
                bytes('a', 0x00),
                key("ab"),
                key("b"),
                bytes(0x7F),
                bytes(0x7F, 0xFF, 0xFF),
                bytes(0x80),
                bytes(0x80, 0x00),
                bytes(0xC3, 0xA9),
                bytes(0xFE),
                bytes(0xFE, 0x00),
                bytes(0xFE, 0xFF),
                bytes(0xFE, 0xFF, 0xFF));
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(Keys.compare(sorted.get(i - 1), sorted.get(i)) < 0, "fixture is sorted");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(42));
        KeyValueStore store = store();
        store.write(txn -> {
            for (int i : order) {
                txn.set(sorted.get(i), Keys.encodeInt(i));
            }
            return null;
        });

        List<KeyValue> pairs = all(store);
        assertKeys(sorted, pairs, "ascending order is unsigned lexicographic, prefixes first");
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(i, Keys.decodeInt(pairs.get(i).value(), 0), "value of " + pairs.get(i));
        }
        List<byte[]> descending = new ArrayList<>(sorted);
        Collections.reverse(descending);
        assertKeys(descending, store.read(txn -> txn.range(FIRST, END, 0, true).toList()),
                "reverse order is exactly descending");
        for (int i = 0; i < sorted.size(); i++) {
            int index = i;
            assertArrayEquals(Keys.encodeInt(i), store.read(txn -> txn.get(sorted.get(index))),
                    "get " + Keys.printable(sorted.get(i)));
        }
    }

    /** {@code from} is inclusive, {@code to} exclusive; empty and inverted ranges are empty. */
    @Test
    default void rangeIncludesFromAndExcludesTo() {
        KeyValueStore store = store();
        List<byte[]> keys = tenKeys(store);
        store.read(txn -> {
            assertKeys(keys.subList(2, 5), txn.range(key("k2"), key("k5")).toList(), "[k2, k5)");
            assertKeys(keys.subList(3, 6), txn.range(bytes('k', '2', 0), bytes('k', '5', 0)).toList(),
                    "[k2\\x00, k5\\x00)");
            assertKeys(keys.subList(0, 10), txn.range(key("a"), key("z")).toList(), "bounds between keys");
            assertKeys(keys, txn.range(FIRST, END).toList(), "every key");
            assertKeys(List.of(), txn.range(key("k5"), key("k5")).toList(), "from == to is empty");
            assertKeys(List.of(), txn.range(key("k6"), key("k3")).toList(), "from > to is empty");
            assertKeys(List.of(), txn.range(key("k6"), key("k3"), 0, true).toList(),
                    "from > to is empty in reverse too");
            assertKeys(List.of(), txn.range(key("l"), END).toList(), "nothing after the last key");
            return null;
        });
    }

    /** A limit keeps the first pairs; in reverse it keeps the last ones, in descending order. */
    @Test
    default void limitAndReverse() {
        KeyValueStore store = store();
        List<byte[]> keys = tenKeys(store);
        List<byte[]> descending = new ArrayList<>(keys);
        Collections.reverse(descending);
        store.read(txn -> {
            assertKeys(keys.subList(0, 3), txn.range(FIRST, END, 3, false).toList(), "first 3");
            assertKeys(descending, txn.range(FIRST, END, 0, true).toList(), "all, descending");
            assertKeys(descending.subList(0, 3), txn.range(FIRST, END, 3, true).toList(),
                    "reverse limit counts from the end");
            assertKeys(List.of(keys.get(6), keys.get(5)), txn.range(key("k2"), key("k7"), 2, true).toList(),
                    "last 2 of [k2, k7), descending");
            assertKeys(List.of(keys.get(4)), txn.range(key("k0"), key("k5"), 1, true).toList(),
                    "range(a, b, 1, true) is the last key before b");
            assertKeys(keys.subList(4, 10), txn.range(key("k4"), END, 100, false).toList(),
                    "a limit above the count returns them all");
            assertKeys(keys.subList(4, 5), txn.range(key("k4"), END, 1, false).toList(), "limit 1");
            assertThrows(IllegalArgumentException.class, () -> txn.range(FIRST, END, -1, false),
                    "a negative limit is rejected");
            return null;
        });
    }

    /** {@code prefix} reads exactly the keys that start with the prefix, including 0xFF continuations. */
    @Test
    default void prefixReadsExactlyThePrefix() {
        KeyValueStore store = store();
        List<byte[]> inside = List.of(key("p"), bytes('p', 0x00), key("pa"), bytes('p', 0xFF),
                bytes('p', 0xFF, 0xFF));
        store.write(txn -> {
            for (byte[] k : List.of(key("o"), bytes('o', 0xFF), key("q"), bytes('q', 0x00))) {
                txn.set(k, bytes(0));
            }
            for (byte[] k : inside) {
                txn.set(k, bytes(1));
            }
            return null;
        });
        store.read(txn -> {
            assertKeys(inside, txn.prefix(key("p"), 0, false).toList(), "prefix p");
            assertKeys(inside.subList(3, 5), txn.prefix(bytes('p', 0xFF), 0, false).toList(),
                    "prefix p\\xff");
            assertKeys(List.of(inside.get(4), inside.get(3)), txn.prefix(key("p"), 2, true).toList(),
                    "last two with prefix p");
            assertEquals(9, txn.prefix(FIRST, 0, false).toList().size(), "the empty prefix is every key");
            return null;
        });
    }

    /** {@code clear} removes one key; clearing a missing key does nothing. */
    @Test
    default void clearRemovesOneKey() {
        KeyValueStore store = store();
        List<byte[]> keys = tenKeys(store);
        store.write(txn -> {
            txn.clear(key("k3"));
            txn.clear(key("missing"));
            return null;
        });
        assertNull(store.read(txn -> txn.get(key("k3"))));
        List<byte[]> expected = new ArrayList<>(keys);
        expected.remove(3);
        assertKeys(expected, all(store), "all but k3");
    }

    /** {@code clearRange} removes {@code [from, to)}, nothing for an empty range, everything for all. */
    @Test
    default void clearRangeRemovesTheHalfOpenRange() {
        KeyValueStore store = store();
        List<byte[]> keys = tenKeys(store);
        store.write(txn -> {
            txn.clearRange(key("k2"), key("k5"));
            txn.clearRange(key("k7"), key("k7"));
            txn.clearRange(key("k9"), key("k8"));
            return null;
        });
        List<byte[]> expected = new ArrayList<>(keys.subList(0, 2));
        expected.addAll(keys.subList(5, 10));
        assertKeys(expected, all(store), "[k2, k5) removed; empty and inverted ranges remove nothing");

        store.write(txn -> {
            txn.clearRange(bytes('k', '8', 0), END);
            return null;
        });
        expected.remove(expected.size() - 1);
        assertKeys(expected, all(store), "k9 removed by [k8\\x00, 0xFF)");

        store.write(txn -> {
            txn.clearRange(FIRST, END);
            return null;
        });
        assertEquals(List.of(), all(store), "[\"\", 0xFF) removes every key");
    }

    /** The iterator follows {@link java.util.Iterator}'s protocol and closes idempotently. */
    @Test
    default void iteratorFollowsTheIteratorProtocol() {
        KeyValueStore store = store();
        tenKeys(store);
        store.read(txn -> {
            KeyValueIterator it = txn.range(key("k0"), key("k2"));
            assertTrue(it.hasNext());
            assertTrue(it.hasNext(), "hasNext does not consume");
            assertArrayEquals(key("k0"), it.next().key());
            assertArrayEquals(key("k1"), it.next().key(), "next works without hasNext");
            assertFalse(it.hasNext());
            assertThrows(NoSuchElementException.class, it::next);
            assertThrows(UnsupportedOperationException.class, it::remove);
            it.close();
            it.close();

            KeyValueIterator empty = txn.range(key("x"), key("y"));
            assertFalse(empty.hasNext());
            assertThrows(NoSuchElementException.class, empty::next);
            empty.close();

            try (KeyValueIterator early = txn.range(FIRST, END)) {
                assertArrayEquals(key("k0"), early.next().key());
            }
            List<KeyValue> rest = txn.range(key("k8"), END).toList();
            assertEquals(2, rest.size(), "toList reads what is left");
            assertArrayEquals(bytes(8), rest.get(0).value());
            return null;
        });
    }

    /** Values in range results match what {@code get} returns. */
    @Test
    default void rangeValuesMatchGet() {
        KeyValueStore store = store();
        store.write(txn -> {
            for (int i = 0; i < 300; i++) {
                txn.set(Keys.concat(key("r"), Keys.encodeInt(i)), TckSupport.filled(i, i));
            }
            return null;
        });
        store.read(txn -> {
            int i = 0;
            try (KeyValueIterator it = txn.prefix(key("r"), 0, false)) {
                while (it.hasNext()) {
                    KeyValue pair = it.next();
                    assertArrayEquals(Keys.concat(key("r"), Keys.encodeInt(i)), pair.key());
                    assertArrayEquals(TckSupport.filled(i, i), pair.value(), "value " + i);
                    assertArrayEquals(pair.value(), txn.get(pair.key()));
                    i++;
                }
            }
            assertEquals(300, i, "300 pairs, across any batch boundary");
            return null;
        });
    }

    /** Writes {@code k0..k9} with values {@code 0..9}; returns the keys in order. */
    private List<byte[]> tenKeys(KeyValueStore store) {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(key("k" + i));
        }
        store.write(txn -> {
            for (int i = 9; i >= 0; i--) {
                txn.set(keys.get(i), bytes(i));
            }
            return null;
        });
        return keys;
    }
}
