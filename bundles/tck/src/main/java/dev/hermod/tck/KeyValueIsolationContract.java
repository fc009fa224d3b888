package dev.hermod.tck;

import static dev.hermod.tck.TckSupport.END;
import static dev.hermod.tck.TckSupport.FIRST;
import static dev.hermod.tck.TckSupport.all;
import static dev.hermod.tck.TckSupport.assertKeys;
import static dev.hermod.tck.TckSupport.await;
import static dev.hermod.tck.TckSupport.bytes;
import static dev.hermod.tck.TckSupport.concurrently;
import static dev.hermod.tck.TckSupport.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import dev.hermod.tck.TckSupport.Worker;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Contract of isolation between concurrent transactions: read transactions see one snapshot, uncommitted
 * writes are invisible, and write transactions are serializable (no lost update, no write skew), whether
 * the provider serializes writers or detects conflicts and retries.
 *
 * <p>These tests coordinate two transactions with latches but never wait unboundedly for the other
 * transaction inside a function: a provider with a single writer blocks the second writer until the
 * first commits, and that must not deadlock the test. They do assume that readers and writers do not
 * wait for each other: a read transaction runs while a write transaction is open, and a write commits
 * while a read transaction holds its snapshot (a provider that blocks there fails these tests after a
 * timeout, reported as a possible deadlock).
 *
 * <p>Implement {@link KeyValueStoreContract} to run this with every other store contract.
 */
public interface KeyValueIsolationContract extends KeyValueStoreUnderTest {

    /** A read transaction keeps its snapshot while another transaction commits. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void readSnapshotsIgnoreConcurrentCommits() {
        KeyValueStore store = store();
        store.write(txn -> {
            txn.set(key("k"), key("before"));
            txn.set(key("gone"), key("before"));
            return null;
        });
        store.read(txn -> {
            assertArrayEquals(key("before"), txn.get(key("k")));
            Worker writer = new Worker("concurrent-writer", () -> store.write(w -> {
                w.set(key("k"), key("after"));
                w.set(key("new"), key("after"));
                w.clear(key("gone"));
                return null;
            }));
            writer.join();
            assertArrayEquals(key("before"), txn.get(key("k")), "a concurrent commit is not seen");
            assertNull(txn.get(key("new")), "a key added concurrently is not seen");
            assertArrayEquals(key("before"), txn.get(key("gone")), "a key removed concurrently is still seen");
            assertKeys(List.of(key("gone"), key("k")), txn.range(FIRST, END).toList(),
                    "range reads see the same snapshot");
            return null;
        });
        assertArrayEquals(key("after"), store.read(txn -> txn.get(key("k"))), "a new read sees the commit");
    }

    /** Writes of a transaction are invisible to others until it commits. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void uncommittedWritesAreInvisible() {
        KeyValueStore store = store();
        AtomicReference<byte[]> seen = new AtomicReference<>(bytes(0));
        AtomicReference<List<KeyValue>> seenRange = new AtomicReference<>();
        store.write(txn -> {
            txn.set(key("k"), key("uncommitted"));
            txn.add(key("n"), 1);
            assertArrayEquals(key("uncommitted"), txn.get(key("k")), "visible to itself");
            Worker reader = new Worker("concurrent-reader", () -> {
                seen.set(store.read(r -> r.get(key("k"))));
                seenRange.set(store.read(r -> r.range(FIRST, END).toList()));
            });
            reader.join();
            return null;
        });
        assertNull(seen.get(), "another transaction did not see the uncommitted set");
        assertEquals(List.of(), seenRange.get(), "nor in a range read");
        assertArrayEquals(key("uncommitted"), store.read(txn -> txn.get(key("k"))), "visible once committed");
    }

    /**
     * Two read-modify-write transactions on one key that overlap: both updates survive (no lost update),
     * whether the provider makes the second wait or retries the first.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void lostUpdatesArePrevented() {
        KeyValueStore store = store();
        byte[] k = key("balance");
        store.write(txn -> {
            txn.set(k, Keys.encodeLong(0));
            return null;
        });
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        AtomicInteger firstAttempts = new AtomicInteger();
        Worker first = new Worker("first", () -> store.write(txn -> {
            firstAttempts.incrementAndGet();
            long v = Keys.decodeLong(txn.get(k));
            firstRead.countDown();
            // A single-writer provider blocks the second writer until this one ends: wait briefly only.
            await(secondDone, 500);
            txn.set(k, Keys.encodeLong(v + 1));
            return null;
        }));
        assertTrue(await(firstRead, 30_000), "first transaction started");
        Worker second = new Worker("second", () -> {
            store.write(txn -> {
                txn.set(k, Keys.encodeLong(Keys.decodeLong(txn.get(k)) + 10));
                return null;
            });
            secondDone.countDown();
        });
        first.join();
        second.join();
        assertEquals(11, Keys.decodeLong(store.read(txn -> txn.get(k))),
                "both increments applied (first ran " + firstAttempts.get() + " times)");
    }

    /**
     * The classic write skew: each transaction writes a key only if the other's key is absent. Snapshot
     * isolation would commit both; serializable transactions commit exactly one write.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void writeSkewIsPrevented() {
        KeyValueStore store = store();
        byte[] a = key("on-call/alice");
        byte[] b = key("on-call/bob");
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        Worker first = new Worker("alice", () -> store.write(txn -> {
            if (txn.get(b) == null) {
                firstRead.countDown();
                await(secondDone, 500);
                txn.set(a, bytes(1));
            }
            return null;
        }));
        assertTrue(await(firstRead, 30_000), "first transaction started");
        Worker second = new Worker("bob", () -> {
            store.write(txn -> {
                if (txn.get(a) == null) {
                    txn.set(b, bytes(1));
                }
                return null;
            });
            secondDone.countDown();
        });
        first.join();
        second.join();
        List<KeyValue> set = all(store);
        assertEquals(1, set.size(), "exactly one of the two writes committed: " + set);
    }

    /** Read-modify-write increments of one key from 8 threads add up exactly. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    default void concurrentReadModifyWritesAreSerializable() {
        KeyValueStore store = store();
        byte[] k = key("counter");
        int threads = 8;
        int increments = 20;
        concurrently(threads, thread -> {
            for (int i = 0; i < increments; i++) {
                store.write(txn -> {
                    byte[] v = txn.get(k);
                    txn.set(k, Keys.encodeLong((v == null ? 0 : Keys.decodeLong(v)) + 1));
                    return null;
                });
            }
        });
        assertEquals(threads * increments, Keys.decodeLong(store.read(txn -> txn.get(k))));
    }

    /**
     * Transfers between accounts by concurrent writers never show readers a total other than the invariant,
     * and the final total is unchanged.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    default void readersSeeConsistentSnapshotsDuringConcurrentTransfers() {
        KeyValueStore store = store();
        byte[] prefix = key("acct/");
        int accounts = 10;
        store.write(txn -> {
            for (int i = 0; i < accounts; i++) {
                txn.set(Keys.concat(prefix, Keys.encodeInt(i)), Keys.encodeLong(100));
            }
            return null;
        });
        int writers = 2;
        AtomicInteger writersDone = new AtomicInteger();
        ConcurrentLinkedQueue<Long> totals = new ConcurrentLinkedQueue<>();
        concurrently(writers + 2, thread -> {
            if (thread < writers) {
                for (int i = 0; i < 40; i++) {
                    store.write(txn -> {
                        List<KeyValue> all = txn.prefix(prefix, 0, false).toList();
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        int from = random.nextInt(accounts);
                        int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                        long amount = random.nextInt(20);
                        txn.set(all.get(from).key(), Keys.encodeLong(Keys.decodeLong(all.get(from).value()) - amount));
                        txn.set(all.get(to).key(), Keys.encodeLong(Keys.decodeLong(all.get(to).value()) + amount));
                        return null;
                    });
                }
                writersDone.incrementAndGet();
            } else {
                do {
                    totals.add(store.read(txn -> {
                        long total = 0;
                        for (KeyValue pair : txn.prefix(prefix, 0, false).toList()) {
                            total += Keys.decodeLong(pair.value());
                        }
                        return total;
                    }));
                } while (writersDone.get() < writers);
            }
        });
        assertTrue(totals.size() >= 2, "readers ran");
        for (long total : totals) {
            assertEquals(accounts * 100L, total, "every snapshot keeps the total");
        }
        long total = 0;
        for (KeyValue pair : all(store)) {
            total += Keys.decodeLong(pair.value());
        }
        assertEquals(accounts * 100L, total, "transfers were serializable");
    }
}
