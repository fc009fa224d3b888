package dev.hermod.store.postgresql.internal;

import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimitException.Limit;
import dev.hermod.api.store.StoreLimits;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Validity, owner thread, deadline and write budget of one transaction attempt.
 *
 * <p>A limit or conflict error is remembered, so that a function that catches it and returns normally
 * still does not commit.
 */
final class TxnState {

    private static final ThreadLocal<Boolean> IN_FUNCTION = new ThreadLocal<>();

    private final Thread owner = Thread.currentThread();
    private final boolean writable;
    private final long maxMillis;
    private final long start = System.nanoTime();
    private long written;
    private boolean open = true;
    private RuntimeException failure;

    TxnState(boolean writable, long maxMillis) {
        this.writable = writable;
        this.maxMillis = maxMillis;
    }

    /** Throws if the calling thread is already inside a transaction function: transactions do not nest. */
    static void checkNotNested() {
        if (IN_FUNCTION.get() != null) {
            throw new IllegalStateException("read/write called inside a transaction function: transactions do not"
                    + " nest; do all the work in the one function");
        }
    }

    static void enterFunction() {
        IN_FUNCTION.set(Boolean.TRUE);
    }

    static void exitFunction() {
        IN_FUNCTION.remove();
    }

    boolean writable() {
        return writable;
    }

    /** Before every operation: the transaction is still open, on its thread, and within its time. */
    void checkUsable() {
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

    void requireWritable() {
        if (!writable) {
            throw new IllegalStateException("a read transaction cannot write; use KeyValueStore.write");
        }
    }

    /** Counts bytes towards {@link StoreLimits#MAX_TRANSACTION_SIZE}. */
    void countWrite(long bytes) {
        written += bytes;
        if (written > StoreLimits.MAX_TRANSACTION_SIZE) {
            throw fail(new StoreLimitException(Limit.TRANSACTION_SIZE, written));
        }
    }

    /** Remembers a failure that forbids the commit; returns it for throwing. */
    RuntimeException fail(RuntimeException e) {
        if (failure == null) {
            failure = Objects.requireNonNull(e);
        }
        return e;
    }

    /** Before commit: a failure the function swallowed, or the deadline, still aborts. */
    void checkCommit() {
        if (failure != null) {
            throw failure;
        }
        checkDeadline();
    }

    void close() {
        open = false;
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    // Per the API: a write over the limit fails (StoreLimitException, not retried); a read is retried as a
    // conflict, as FoundationDB's transaction_too_old is.
    private void checkDeadline() {
        long elapsed = elapsedMillis();
        if (elapsed > maxMillis) {
            throw fail(writable
                    ? new StoreLimitException(Limit.TRANSACTION_TIME, elapsed)
                    : new ConflictException("read transaction ran " + elapsed + " ms, over the limit of "
                            + maxMillis + " ms; it is retried"));
        }
    }
}
