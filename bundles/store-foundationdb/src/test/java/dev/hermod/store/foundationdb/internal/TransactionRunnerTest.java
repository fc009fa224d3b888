package dev.hermod.store.foundationdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimitException.Limit;
import dev.hermod.api.store.StoreLimits;
import dev.hermod.api.store.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry loop and the transaction wrappers, over an in-memory stand-in for the cluster. */
class TransactionRunnerTest {

    private static final byte[] FF = {(byte) 0xFF};

    private FakeCluster cluster;
    private TransactionRunner runner;

    @BeforeEach
    void start() {
        cluster = new FakeCluster();
        runner = runner(StoreLimits.MAX_RETRIES);
    }

    private TransactionRunner runner(int retries) {
        return new TransactionRunner(cluster::newTransaction, KeyPrefix.of("t"), 5000, retries);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void put(String... keys) {
        runner.write(txn -> {
            for (String key : keys) {
                txn.set(b(key), b("v" + key));
            }
            return null;
        });
    }

    private List<String> keys(byte[] from, byte[] to, int limit, boolean reverse) {
        return runner.read(txn -> txn.range(from, to, limit, reverse).toList().stream()
                .map(kv -> new String(kv.key(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void writesCommitUnderThePrefixAndReadBack() {
        put("a", "b");
        assertArrayEquals(b("va"), cluster.data.get(b("\u0002t\u0000a")));
        assertEquals(2, cluster.data.size());
        assertArrayEquals(b("vb"), runner.read(txn -> txn.get(b("b"))));
        assertNull(runner.read(txn -> txn.get(b("c"))));
        assertEquals(List.of(new KeyValue(b("a"), b("va")), new KeyValue(b("b"), b("vb"))),
                runner.read(txn -> txn.prefix(new byte[0], 0, false).toList()));
        assertEquals(5000, cluster.timeoutOption);
    }

    @Test
    void keysOutsideTheSubspaceAreNotSeen() {
        cluster.data.put(b("other"), b("x"));
        cluster.data.put(b("\u0002u\u0000a"), b("x"));
        put("a");
        assertEquals(List.of("a"), keys(new byte[0], FF, 0, false));
    }

    @Test
    void rangesHonourBoundsLimitAndDirection() {
        put("a", "b", "c", "d");
        assertEquals(List.of("b", "c"), keys(b("b"), b("d"), 0, false));
        assertEquals(List.of("a", "b"), keys(new byte[0], FF, 2, false));
        assertEquals(List.of("c"), keys(b("a"), b("d"), 1, true));
        assertEquals(List.of("d", "c", "b", "a"), keys(new byte[0], new byte[] {(byte) 0xFF, (byte) 0xFF}, 0, true));
        assertEquals(List.of(), keys(b("c"), b("c"), 0, false));
        assertEquals(List.of(), keys(b("d"), b("a"), 0, false));
        assertThrows(IllegalArgumentException.class, () -> keys(b("a"), b("b"), -1, false));
        assertThrows(IllegalArgumentException.class, () -> keys(FF, FF, 0, false));
    }

    @Test
    void aWriteSeesItsOwnWritesAlsoThroughItsSnapshot() {
        put("a");
        assertEquals(List.of("a", "b"), runner.write(txn -> {
            txn.set(b("b"), b("1"));
            ReadTransaction snapshot = txn.snapshot();
            assertArrayEquals(b("1"), snapshot.get(b("b")));
            return snapshot.range(new byte[0], FF).toList().stream().map(kv -> new String(kv.key())).toList();
        }));
    }

    @Test
    void addIsLittleEndianAndVisibleToLaterReads() {
        byte[] counter = b("n");
        assertEquals(Long.valueOf(3), runner.<Long>write(txn -> {
            txn.add(counter, 5);
            txn.add(counter, -2);
            return Keys.decodeLongLittleEndian(txn.get(counter));
        }));
        runner.write(txn -> {
            txn.add(counter, 1);
            return null;
        });
        assertArrayEquals(Keys.encodeLongLittleEndian(4), runner.read(txn -> txn.get(counter)));
    }

    @Test
    void clearAndClearRange() {
        put("a", "b", "c", "d");
        runner.write(txn -> {
            txn.clear(b("a"));
            txn.clear(b("missing"));
            txn.clearRange(b("b"), b("d"));
            txn.clearRange(b("d"), b("a"));
            return null;
        });
        assertEquals(List.of("d"), keys(new byte[0], FF, 0, false));
        runner.write(txn -> {
            txn.clearRange(new byte[0], FF);
            return null;
        });
        assertEquals(0, cluster.data.size());
    }

    @Test
    void aFunctionsConflictIsRetriedThenATemporaryFailure() {
        AtomicInteger attempts = new AtomicInteger();
        TemporaryFailureException e = assertThrows(TemporaryFailureException.class, () -> runner.write(txn -> {
            attempts.incrementAndGet();
            txn.set(b("a"), b("1"));
            throw new ConflictException();
        }));
        assertFalse(e instanceof ConflictException, "callers never see ConflictException");
        assertTrue(e.getMessage().contains("conflicted") && e.getMessage().contains("after 10 retries"),
                e.getMessage());
        assertEquals(StoreLimits.MAX_RETRIES + 1, attempts.get());
        assertEquals(StoreLimits.MAX_RETRIES, cluster.onErrors.size());
        assertTrue(cluster.onErrors.stream().allMatch(code -> code == FdbErrors.NOT_COMMITTED));
        assertEquals(0, cluster.commits);
        assertTrue(cluster.data.isEmpty());
    }

    @Test
    void aConflictAtCommitRunsTheFunctionAgainOnAFreshTransaction() {
        cluster.commitFailures.add(1020);
        cluster.commitFailures.add(1021);
        AtomicInteger attempts = new AtomicInteger();
        assertEquals(Integer.valueOf(3), runner.<Integer>write(txn -> {
            txn.add(b("n"), 1);
            return attempts.incrementAndGet();
        }));
        assertEquals(List.of(1020, 1021), cluster.onErrors);
        assertEquals(3, cluster.transactions);
        assertArrayEquals(Keys.encodeLongLittleEndian(1), cluster.data.get(b("\u0002t\u0000n")));
    }

    @Test
    void aTooOldReadIsRetried() {
        put("a");
        cluster.readFailures.add(FdbErrors.TRANSACTION_TOO_OLD);
        assertArrayEquals(b("va"), runner.read(txn -> txn.get(b("a"))));
        assertEquals(List.of(FdbErrors.TRANSACTION_TOO_OLD), cluster.onErrors);
    }

    @Test
    void aFailingRangeIsRetriedToo() {
        put("a");
        cluster.readFailures.add(FdbErrors.TRANSACTION_TOO_OLD);
        assertEquals(List.of("a"), keys(new byte[0], FF, 0, false));
    }

    @Test
    void aTimeoutIsATemporaryFailureWithoutRetry() {
        cluster.readFailures.add(FdbErrors.TRANSACTION_TIMED_OUT);
        TemporaryFailureException e = assertThrows(TemporaryFailureException.class,
                () -> runner.read(txn -> txn.get(b("a"))));
        assertFalse(e instanceof ConflictException);
        assertTrue(cluster.onErrors.isEmpty());
    }

    @Test
    void aTimeoutDuringBackOffEndsTheRetries() {
        cluster.commitFailures.add(1020);
        cluster.onErrorFailures.add(FdbErrors.TRANSACTION_TIMED_OUT);
        TemporaryFailureException e = assertThrows(TemporaryFailureException.class, () -> runner.write(txn -> {
            txn.set(b("a"), b("1"));
            return null;
        }));
        assertTrue(e.getMessage().contains("transaction.timeout"), e.getMessage());
        assertEquals(0, cluster.commits);
    }

    @Test
    void aTooLargeTransactionAtCommitIsAStoreLimitAndNotRetried() {
        cluster.commitFailures.add(FdbErrors.TRANSACTION_TOO_LARGE);
        cluster.approximateSize = 10_000_123;
        StoreLimitException e = assertThrows(StoreLimitException.class, () -> runner.write(txn -> {
            txn.set(b("a"), new byte[10]);
            return null;
        }));
        assertEquals(Limit.TRANSACTION_SIZE, e.limit());
        assertEquals(10_000_123, e.size());
        assertTrue(cluster.onErrors.isEmpty());
    }

    @Test
    void limitsAreCheckedUpFront() {
        assertLimit(Limit.KEY_SIZE, txn -> txn.set(new byte[StoreLimits.MAX_KEY_SIZE + 1], new byte[0]));
        assertLimit(Limit.KEY_SIZE, txn -> txn.get(new byte[StoreLimits.MAX_KEY_SIZE + 1]));
        assertLimit(Limit.KEY_SIZE, txn -> txn.range(new byte[0], new byte[StoreLimits.MAX_KEY_SIZE + 1]));
        assertLimit(Limit.VALUE_SIZE, txn -> txn.set(b("k"), new byte[StoreLimits.MAX_VALUE_SIZE + 1]));
        assertLimit(Limit.KEY_SIZE, txn -> txn.add(new byte[StoreLimits.MAX_KEY_SIZE + 1], 1));
        assertLimit(Limit.TRANSACTION_SIZE, txn -> {
            for (int i = 0; i <= 100; i++) {
                txn.set(Keys.encodeInt(i), new byte[StoreLimits.MAX_VALUE_SIZE - 4]);
            }
        });
        runner.write(txn -> {
            txn.set(new byte[StoreLimits.MAX_KEY_SIZE - 3], new byte[StoreLimits.MAX_VALUE_SIZE]);
            txn.get(new byte[StoreLimits.MAX_KEY_SIZE]);
            txn.clear(new byte[StoreLimits.MAX_KEY_SIZE]);
            return null;
        });
        assertEquals(1, cluster.data.size());
        assertEquals(1, cluster.commits);
    }

    private void assertLimit(Limit limit, java.util.function.Consumer<Transaction> body) {
        int commits = cluster.commits;
        StoreLimitException e = assertThrows(StoreLimitException.class, () -> runner.write(txn -> {
            body.accept(txn);
            return null;
        }));
        assertEquals(limit, e.limit());
        assertEquals(commits, cluster.commits, "nothing is committed");
        assertTrue(cluster.onErrors.isEmpty(), "not retried");
    }

    @Test
    void reservedKeysAreRefused() {
        byte[] reserved = {(byte) 0xFF, 1};
        assertThrows(IllegalArgumentException.class, () -> runner.write(txn -> {
            txn.set(reserved, new byte[0]);
            return null;
        }));
        assertThrows(IllegalArgumentException.class, () -> runner.write(txn -> {
            txn.add(reserved, 1);
            return null;
        }));
        assertThrows(IllegalArgumentException.class, () -> runner.write(txn -> {
            txn.clearRange(reserved, FF);
            return null;
        }));
        assertThrows(IllegalArgumentException.class, () -> runner.read(txn -> txn.get(reserved)));
        assertEquals(0, cluster.commits);
    }

    @Test
    void aFunctionsExceptionPropagatesUnchangedAndNothingCommits() {
        IllegalStateException thrown = new IllegalStateException("mine");
        assertSame(thrown, assertThrows(IllegalStateException.class, () -> runner.write(txn -> {
            txn.set(b("a"), b("1"));
            throw thrown;
        })));
        assertEquals(0, cluster.commits);
        assertTrue(cluster.onErrors.isEmpty());
        TemporaryFailureException outage = new TemporaryFailureException("blob store down");
        assertSame(outage, assertThrows(TemporaryFailureException.class, () -> runner.read(txn -> {
            throw outage;
        })));
    }

    @Test
    void aTransactionAndItsIteratorsDieWithTheFunction() {
        put("a", "b");
        AtomicReference<Transaction> kept = new AtomicReference<>();
        AtomicReference<KeyValueIterator> iterator = new AtomicReference<>();
        AtomicReference<ReadTransaction> snapshot = new AtomicReference<>();
        runner.write(txn -> {
            kept.set(txn);
            snapshot.set(txn.snapshot());
            iterator.set(txn.range(new byte[0], FF));
            iterator.get().next();
            return null;
        });
        assertThrows(IllegalStateException.class, () -> kept.get().get(b("a")));
        assertThrows(IllegalStateException.class, () -> kept.get().set(b("a"), b("2")));
        assertThrows(IllegalStateException.class, () -> snapshot.get().get(b("a")));
        assertThrows(IllegalStateException.class, () -> iterator.get().hasNext());
        assertThrows(IllegalStateException.class, () -> iterator.get().next());
        iterator.get().close();
        assertEquals(1, cluster.cancelledIterators, "open iterators are cancelled when the function returns");

        AtomicReference<ReadTransaction> read = new AtomicReference<>();
        runner.read(txn -> {
            read.set(txn);
            return null;
        });
        assertThrows(IllegalStateException.class, () -> read.get().get(b("a")));
    }

    @Test
    void aReadTransactionCannotWrite() {
        assertFalse(runner.<Boolean>read(txn -> txn instanceof Transaction));
    }

    @Test
    void closedIteratorsAreReleasedAtOnce() {
        put("a", "b");
        runner.read(txn -> {
            try (KeyValueIterator it = txn.range(new byte[0], FF)) {
                it.next();
            }
            assertEquals(1, cluster.cancelledIterators);
            return null;
        });
        assertEquals(1, cluster.cancelledIterators);
    }

    @Test
    void transactionsDoNotNest() {
        assertThrows(IllegalStateException.class, () -> runner.write(txn -> runner.read(inner -> null)));
        assertEquals(List.of(), keys(new byte[0], FF, 0, false), "the runner is usable afterwards");
    }

    @Test
    void aRetryLimitOfZeroTriesOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(TemporaryFailureException.class, () -> runner(0).read(txn -> {
            attempts.incrementAndGet();
            throw new ConflictException();
        }));
        assertEquals(1, attempts.get());
    }

    @Test
    void aClosedDatabaseIsATemporaryFailure() {
        TransactionRunner closed = new TransactionRunner(() -> {
            throw new IllegalStateException("Cannot access closed object");
        }, KeyPrefix.of("t"), 5000, 10);
        TemporaryFailureException e = assertThrows(TemporaryFailureException.class, () -> closed.read(txn -> null));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(List.of(), keys(new byte[0], FF, 0, false), "no transaction is left marked as running");
    }
}
