package dev.hermod.store.support;

import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimitException.Limit;
import dev.hermod.api.store.StoreLimits;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The state of one transaction attempt, which a provider's {@link dev.hermod.api.store.Transaction}
 * consults before each operation: whether it is still open, on its thread, within its time limit and
 * write budget, and allowed to write; and whether a failure seen during the attempt forbids the commit.
 *
 * <p>Each operation of the transaction starts with the matching {@code before...} method, which checks,
 * in this order: the state ({@link #checkUsable()}), that the transaction may write (for writes), the
 * arguments ({@link StoreLimits#checkKey(byte[])}, {@link StoreLimits#checkValue(byte[])}, a range's end
 * bound at most {@link StoreLimits#MAX_KEY_SIZE}, a non-negative limit), and last counts the bytes written
 * towards {@link StoreLimits#MAX_TRANSACTION_SIZE}. Before committing, the provider calls
 * {@link #checkCommit()}; when the attempt ends, committed or not, {@link #close()}.
 *
 * <p>Failures of the transaction as a whole are remembered: the write budget exceeded, the time limit
 * passed, and whatever the provider passes to {@link #fail(RuntimeException)} (a conflict or backend error
 * its operation met) are thrown again by {@link #checkCommit()}, so a function that catches them and
 * returns normally still does not commit. Invalid arguments are not remembered: they abort nothing.
 *
 * <p>Time limit, as the API says: a write transaction that runs longer than its limit fails with a
 * {@link StoreLimitException} ({@link Limit#TRANSACTION_TIME}, not retried); a read transaction that does
 * is a {@link ConflictException}, retried as FoundationDB's {@code transaction_too_old} is.
 *
 * <p>Not thread safe: one instance per attempt, used by the thread that created it (which the checks
 * enforce).
 */
public final class TransactionState {

    private final Thread owner = Thread.currentThread();
    private final boolean writable;
    private final long maxMillis;
    private final long start = System.nanoTime();
    private long written;
    private boolean open = true;
    private RuntimeException failure;

    /**
     * Starts the state of an attempt on the calling thread, which becomes its owner; its time runs from
     * now.
     *
     * @param writable  {@code true} for a write transaction, {@code false} for a read-only one
     * @param maxMillis the time limit in milliseconds, normally {@link StoreLimits#MAX_TRANSACTION_MILLIS}
     *                  (tests pass less)
     */
    public TransactionState(boolean writable, long maxMillis) {
        this.writable = writable;
        this.maxMillis = maxMillis;
    }

    /**
     * Whether the transaction may write.
     *
     * @return {@code true} for a write transaction
     */
    public boolean writable() {
        return writable;
    }

    /**
     * Checks that the transaction may still be used: it is open, the calling thread is its owner, and its
     * time limit has not passed. The {@code before...} methods call it; call it directly before any other
     * operation, e.g. each step of an iterator.
     *
     * @throws IllegalStateException if the transaction was closed (used after its function returned) or is
     *                               used from another thread
     * @throws StoreLimitException   if a write transaction is over its time limit
     * @throws ConflictException     if a read transaction is over its time limit
     */
    public void checkUsable() {
        if (!open) {
            throw new IllegalStateException("transaction used after its function returned; a transaction and"
                    + " its iterators must not escape the function");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("transaction used from thread " + Thread.currentThread().getName()
                    + "; only the thread running its function may use it");
        }
        checkDeadline();
    }

    /**
     * Checks a {@link dev.hermod.api.store.ReadTransaction#get(byte[]) get}.
     *
     * @param key the key to read
     * @throws IllegalStateException    as {@link #checkUsable()}
     * @throws NullPointerException     if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} starts with the reserved byte {@code 0xFF}
     * @throws StoreLimitException      if {@code key} is too long, or as {@link #checkUsable()}
     * @throws ConflictException        as {@link #checkUsable()}
     */
    public void beforeGet(byte[] key) {
        checkUsable();
        StoreLimits.checkKey(key);
    }

    /**
     * Checks a {@link dev.hermod.api.store.ReadTransaction#range(byte[], byte[], int, boolean) range}
     * read.
     *
     * @param from  the first key, inclusive
     * @param to    the end key, exclusive; may be {@code {0xFF}} or start with {@code 0xFF}
     * @param limit the most pairs to return, 0 for no limit
     * @throws IllegalArgumentException if {@code limit} is negative or {@code from} starts with {@code 0xFF}
     * @throws NullPointerException     if {@code from} or {@code to} is {@code null}
     * @throws StoreLimitException      if a bound is too long, or as {@link #checkUsable()}
     * @throws IllegalStateException    as {@link #checkUsable()}
     * @throws ConflictException        as {@link #checkUsable()}
     */
    public void beforeRange(byte[] from, byte[] to, int limit) {
        checkUsable();
        StoreLimits.checkKey(from);
        checkBound(to);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (none) or positive, not " + limit);
        }
    }

    /**
     * Checks a {@link dev.hermod.api.store.Transaction#set(byte[], byte[]) set} and counts the key and
     * value towards the transaction size.
     *
     * @param key   the key
     * @param value the value
     * @throws IllegalStateException    if the transaction is read-only, or as {@link #checkUsable()}
     * @throws NullPointerException     if {@code key} or {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code key} starts with {@code 0xFF}
     * @throws StoreLimitException      if the key, the value or the transaction is too large (the last
     *                                  remembered for {@link #checkCommit()}), or as {@link #checkUsable()}
     * @throws ConflictException        as {@link #checkUsable()}
     */
    public void beforeSet(byte[] key, byte[] value) {
        beforeWrite();
        StoreLimits.checkKey(key);
        StoreLimits.checkValue(value);
        countWrite((long) key.length + value.length);
    }

    /**
     * Checks a {@link dev.hermod.api.store.Transaction#clear(byte[]) clear} and counts the key towards
     * the transaction size.
     *
     * @param key the key
     * @throws IllegalStateException    if the transaction is read-only, or as {@link #checkUsable()}
     * @throws NullPointerException     if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} starts with {@code 0xFF}
     * @throws StoreLimitException      if the key or the transaction is too large, or as
     *                                  {@link #checkUsable()}
     * @throws ConflictException        as {@link #checkUsable()}
     */
    public void beforeClear(byte[] key) {
        beforeWrite();
        StoreLimits.checkKey(key);
        countWrite(key.length);
    }

    /**
     * Checks a {@link dev.hermod.api.store.Transaction#clearRange(byte[], byte[]) clearRange} and counts
     * both bounds towards the transaction size (even for an empty range, which then does nothing).
     *
     * @param from the first key removed, inclusive
     * @param to   the end key, exclusive
     * @throws IllegalStateException    if the transaction is read-only, or as {@link #checkUsable()}
     * @throws NullPointerException     if {@code from} or {@code to} is {@code null}
     * @throws IllegalArgumentException if {@code from} starts with {@code 0xFF}
     * @throws StoreLimitException      if a bound or the transaction is too large, or as
     *                                  {@link #checkUsable()}
     * @throws ConflictException        as {@link #checkUsable()}
     */
    public void beforeClearRange(byte[] from, byte[] to) {
        beforeWrite();
        StoreLimits.checkKey(from);
        checkBound(to);
        countWrite((long) from.length + to.length);
    }

    /**
     * Checks an {@link dev.hermod.api.store.Transaction#add(byte[], long) add} and counts the key towards
     * the transaction size.
     *
     * @param key the counter's key
     * @throws IllegalStateException    if the transaction is read-only, or as {@link #checkUsable()}
     * @throws NullPointerException     if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code key} starts with {@code 0xFF}
     * @throws StoreLimitException      if the key or the transaction is too large, or as
     *                                  {@link #checkUsable()}
     * @throws ConflictException        as {@link #checkUsable()}
     */
    public void beforeAdd(byte[] key) {
        beforeWrite();
        StoreLimits.checkKey(key);
        countWrite(key.length);
    }

    /**
     * Remembers a failure that forbids the commit, e.g. a conflict or an error the backend reported (after
     * which PostgreSQL, for one, aborts the transaction). Only the first failure is kept.
     *
     * @param e the failure; not {@code null}
     * @return {@code e}, for {@code throw state.fail(e)}
     */
    public RuntimeException fail(RuntimeException e) {
        if (failure == null) {
            failure = Objects.requireNonNull(e);
        }
        return e;
    }

    /**
     * Checks, just before committing, that the transaction may commit: a failure the function swallowed,
     * or the time limit, still aborts it.
     *
     * @throws RuntimeException    the first remembered failure, thrown again
     * @throws StoreLimitException if a write transaction is over its time limit
     * @throws ConflictException   if a read transaction is over its time limit
     */
    public void checkCommit() {
        if (failure != null) {
            throw failure;
        }
        checkDeadline();
    }

    /** Ends the attempt: from now on every check throws {@link IllegalStateException}. Idempotent. */
    public void close() {
        open = false;
    }

    private void beforeWrite() {
        checkUsable();
        if (!writable) {
            throw new IllegalStateException("a read transaction cannot write; use KeyValueStore.write");
        }
    }

    private void countWrite(long bytes) {
        written += bytes;
        if (written > StoreLimits.MAX_TRANSACTION_SIZE) {
            throw fail(new StoreLimitException(Limit.TRANSACTION_SIZE, written));
        }
    }

    private void checkDeadline() {
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (elapsed > maxMillis) {
            throw fail(writable
                    ? new StoreLimitException(Limit.TRANSACTION_TIME, elapsed)
                    : new ConflictException("read transaction ran " + elapsed + " ms, over the limit of "
                            + maxMillis + " ms; it is retried"));
        }
    }

    private static void checkBound(byte[] to) {
        Objects.requireNonNull(to, "to");
        if (to.length > StoreLimits.MAX_KEY_SIZE) {
            throw new StoreLimitException(Limit.KEY_SIZE, to.length);
        }
    }
}
