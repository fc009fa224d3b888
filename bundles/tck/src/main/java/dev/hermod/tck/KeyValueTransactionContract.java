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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import dev.hermod.api.store.StoreLimits;
import dev.hermod.api.store.Transaction;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Contract of the transaction lifecycle as seen by one caller: results, read-your-writes, aborts on
 * exceptions, retries on {@link ConflictException}, and the end of a transaction's validity when its
 * function returns.
 *
 * <p>Implement {@link KeyValueStoreContract} to run this with every other store contract.
 */
public interface KeyValueTransactionContract extends KeyValueStoreUnderTest {

    /** The function's result, {@code null} included, is what {@code read} and {@code write} return. */
    @Test
    default void functionResultsAreReturned() {
        KeyValueStore store = store();
        assertEquals("written", store.write(txn -> {
            txn.set(key("a"), bytes(1));
            return "written";
        }));
        assertEquals("read", store.read(txn -> txn.get(key("a")) != null ? "read" : "missing"));
        assertNull(store.write(txn -> null));
        assertNull(store.read(txn -> null));
    }

    /** A write transaction reads its own sets, clears, cleared ranges and adds, by key and by range. */
    @Test
    default void writeTransactionsSeeTheirOwnWrites() {
        KeyValueStore store = store();
        store.write(txn -> {
            for (String k : List.of("b", "d", "f", "h")) {
                txn.set(key(k), key(k));
            }
            return null;
        });
        store.write(txn -> {
            txn.set(key("a"), key("A"));
            assertArrayEquals(key("A"), txn.get(key("a")), "get sees a set");
            txn.set(key("d"), key("D"));
            assertArrayEquals(key("D"), txn.get(key("d")), "get sees an overwrite");
            txn.clear(key("b"));
            assertNull(txn.get(key("b")), "get sees a clear");
            txn.set(key("e"), key("e"));
            assertKeys(List.of(key("a"), key("d"), key("e"), key("f"), key("h")), txn.range(FIRST, END).toList(),
                    "range merges this transaction's writes with committed keys");
            assertKeys(List.of(key("h"), key("f"), key("e")), txn.range(FIRST, END, 3, true).toList(),
                    "reverse range with limit sees them too");
            txn.clearRange(key("e"), key("g"));
            assertNull(txn.get(key("f")), "get sees a cleared range");
            assertKeys(List.of(key("a"), key("d"), key("h")), txn.range(FIRST, END).toList(),
                    "range sees a cleared range");
            txn.set(key("f"), key("F"));
            assertArrayEquals(key("F"), txn.get(key("f")), "a set after clearRange is visible");
            txn.add(key("n"), 5);
            assertArrayEquals(Keys.encodeLongLittleEndian(5), txn.get(key("n")), "get sees an add");
            assertArrayEquals(key("A"), txn.snapshot().get(key("a")), "the snapshot view sees the writes too");
            return null;
        });
        assertKeys(List.of(key("a"), key("d"), key("f"), key("h"), key("n")), all(store),
                "all of it committed");
        assertArrayEquals(key("F"), store.read(txn -> txn.get(key("f"))));
    }

    /** An exception from a write function aborts the transaction and reaches the caller unchanged, once. */
    @Test
    default void exceptionsAbortWritesAndPropagateUnchanged() {
        KeyValueStore store = store();
        store.write(txn -> {
            txn.set(key("x"), key("old"));
            return null;
        });
        IllegalStateException boom = new IllegalStateException("boom from the function");
        AtomicInteger attempts = new AtomicInteger();
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> store.write(txn -> {
            attempts.incrementAndGet();
            txn.set(key("x"), key("new"));
            txn.set(key("y"), key("new"));
            txn.add(key("z"), 1);
            txn.clearRange(FIRST, key("x"));
            throw boom;
        }));
        assertSame(boom, thrown, "the function's exception, not a wrapper");
        assertEquals(1, attempts.get(), "not retried");
        assertArrayEquals(key("old"), store.read(txn -> txn.get(key("x"))), "nothing was written");
        assertKeys(List.of(key("x")), all(store), "nothing was written");

        UnsupportedOperationException fromRead = new UnsupportedOperationException("boom from a read");
        assertSame(fromRead, assertThrows(RuntimeException.class, () -> store.read(txn -> {
            txn.get(key("x"));
            throw fromRead;
        })));
    }

    /** A {@link ConflictException} thrown by the function runs it again; only the last attempt commits. */
    @Test
    default void conflictExceptionsFromTheFunctionAreRetried() {
        KeyValueStore store = store();
        AtomicInteger attempts = new AtomicInteger();
        String result = store.write(txn -> {
            int attempt = attempts.incrementAndGet();
            txn.set(key("attempt-" + attempt), bytes(attempt));
            txn.add(key("count"), 1);
            if (attempt < 3) {
                throw new ConflictException("asked for a retry by the test");
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(3, attempts.get(), "run until it did not conflict");
        assertKeys(List.of(key("attempt-3"), key("count")), all(store), "only the last attempt committed");
        assertEquals(1, Keys.decodeLongLittleEndian(store.read(txn -> txn.get(key("count")))));

        AtomicInteger reads = new AtomicInteger();
        assertEquals(2, (int) store.read(txn -> {
            if (reads.incrementAndGet() < 2) {
                throw new ConflictException("asked for a retry by the test");
            }
            return reads.get();
        }), "read functions are retried too");
    }

    /**
     * A function that always conflicts is given up after at most {@link StoreLimits#MAX_RETRIES} retries,
     * with a {@link TemporaryFailureException} that is not a {@link ConflictException}.
     */
    @Test
    default void retriesAreBounded() {
        KeyValueStore store = store();
        AtomicInteger attempts = new AtomicInteger();
        TemporaryFailureException failure = assertThrows(TemporaryFailureException.class, () -> store.write(txn -> {
            attempts.incrementAndGet();
            txn.set(key("never"), bytes(1));
            throw new ConflictException("always conflicts");
        }));
        assertFalse(failure instanceof ConflictException, "callers never see ConflictException: " + failure);
        assertTrue(attempts.get() >= 2 && attempts.get() <= StoreLimits.MAX_RETRIES + 1,
                "retried, at most " + StoreLimits.MAX_RETRIES + " times: " + attempts.get() + " attempts");
        assertNull(store.read(txn -> txn.get(key("never"))));

        AtomicInteger reads = new AtomicInteger();
        TemporaryFailureException readFailure = assertThrows(TemporaryFailureException.class, () -> store.read(txn -> {
            reads.incrementAndGet();
            throw new ConflictException("always conflicts");
        }));
        assertFalse(readFailure instanceof ConflictException, "callers never see ConflictException");
        assertTrue(reads.get() >= 2 && reads.get() <= StoreLimits.MAX_RETRIES + 1, reads.get() + " attempts");
    }

    /** A write transaction and its iterators throw {@link IllegalStateException} once the function returned. */
    @Test
    default void writeTransactionsEndWithTheirFunction() {
        KeyValueStore store = store();
        store.write(txn -> {
            for (int i = 0; i < 10; i++) {
                txn.set(key("k" + i), bytes(i));
            }
            return null;
        });
        AtomicReference<Transaction> escaped = new AtomicReference<>();
        AtomicReference<KeyValueIterator> iterator = new AtomicReference<>();
        store.write(txn -> {
            escaped.set(txn);
            KeyValueIterator it = txn.range(FIRST, END);
            it.next();
            iterator.set(it);
            return null;
        });
        Transaction txn = escaped.get();
        assertAllThrowIllegalState(txn, iterator.get());
        assertThrows(IllegalStateException.class, () -> txn.set(key("a"), bytes(1)), "set");
        assertThrows(IllegalStateException.class, () -> txn.clear(key("a")), "clear");
        assertThrows(IllegalStateException.class, () -> txn.clearRange(key("a"), key("b")), "clearRange");
        assertThrows(IllegalStateException.class, () -> txn.add(key("a"), 1), "add");
        assertKeys(List.of(key("k0"), key("k1"), key("k2"), key("k3"), key("k4"), key("k5"), key("k6"),
                key("k7"), key("k8"), key("k9")), all(store), "nothing changed");

        AtomicReference<Transaction> thrownFrom = new AtomicReference<>();
        assertThrows(ArithmeticException.class, () -> store.write(txn2 -> {
            thrownFrom.set(txn2);
            throw new ArithmeticException("abort");
        }));
        assertThrows(IllegalStateException.class, () -> thrownFrom.get().get(key("k1")),
                "also after the function threw");
    }

    /** A read transaction and its iterators throw {@link IllegalStateException} once the function returned. */
    @Test
    default void readTransactionsEndWithTheirFunction() {
        KeyValueStore store = store();
        store.write(txn -> {
            for (int i = 0; i < 10; i++) {
                txn.set(key("k" + i), bytes(i));
            }
            return null;
        });
        AtomicReference<ReadTransaction> escaped = new AtomicReference<>();
        AtomicReference<KeyValueIterator> iterator = new AtomicReference<>();
        store.read(txn -> {
            escaped.set(txn);
            KeyValueIterator it = txn.range(FIRST, END);
            it.next();
            iterator.set(it);
            return null;
        });
        assertAllThrowIllegalState(escaped.get(), iterator.get());
    }

    private static void assertAllThrowIllegalState(ReadTransaction txn, KeyValueIterator it) {
        List<Executable> uses = List.of(
                () -> txn.get(key("k1")),
                () -> txn.range(FIRST, END),
                () -> txn.prefix(key("k"), 0, false),
                it::hasNext,
                it::next);
        for (Executable use : uses) {
            assertThrows(IllegalStateException.class, use, "use after the function returned");
        }
        it.close();
    }
}
