package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.FDBException;
import com.apple.foundationdb.Transaction;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.ReadFunction;
import dev.hermod.api.store.WriteFunction;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * FoundationDB's retry loop, written out: run the function, commit, and on a retryable error let
 * {@code onError} back off and reset the transaction, up to the retry limit. The transaction timeout
 * (set once, not reset by {@code onError} since API version 610) bounds the whole call.
 */
final class TransactionRunner {

    private static final ThreadLocal<Boolean> RUNNING = new ThreadLocal<>();

    private final Supplier<Transaction> transactions;
    private final KeyPrefix prefix;
    private final long timeoutMillis;
    private final int retryLimit;

    TransactionRunner(Supplier<Transaction> transactions, KeyPrefix prefix, long timeoutMillis, int retryLimit) {
        this.transactions = transactions;
        this.prefix = prefix;
        this.timeoutMillis = timeoutMillis;
        this.retryLimit = retryLimit;
    }

    /** Reads at one read version with snapshot reads: a read-only transaction never conflicts. */
    <T> T read(ReadFunction<T> function) {
        Objects.requireNonNull(function, "function");
        return run(false, (tr, scope, budget) -> function.apply(new FdbReadView(tr.snapshot(), prefix, scope, null)));
    }

    <T> T write(WriteFunction<T> function) {
        Objects.requireNonNull(function, "function");
        return run(true, (tr, scope, budget) -> function.apply(new FdbWriteTransaction(tr, prefix, scope, budget)));
    }

    private interface Attempt<T> {
        T apply(Transaction tr, Scope scope, WriteBudget budget);
    }

    private <T> T run(boolean commit, Attempt<T> attempt) {
        if (RUNNING.get() != null) {
            throw new IllegalStateException("read and write must not be called inside a transaction function:"
                    + " transactions do not nest");
        }
        RUNNING.set(Boolean.TRUE);
        Transaction tr = null;
        try {
            tr = open();
            tr.options().setTimeout(timeoutMillis);
            for (int retries = 0; ; retries++) {
                Scope scope = new Scope();
                WriteBudget budget = new WriteBudget(prefix.length());
                FDBException failure;
                try {
                    T result = attempt.apply(tr, scope, budget);
                    scope.close();
                    if (commit) {
                        FdbErrors.awaitRaw(tr.commit());
                    }
                    return result;
                } catch (RetryableFdbException e) {
                    failure = e.fdbCause();
                } catch (ConflictException e) {
                    failure = new FDBException("the function asked for a retry", FdbErrors.NOT_COMMITTED);
                } catch (FDBException e) {
                    failure = retryable(e, tr, budget);
                } finally {
                    scope.close();
                }
                if (retries >= retryLimit) {
                    throw FdbErrors.exhausted(failure, retries);
                }
                tr = retry(tr, failure, budget);
            }
        } finally {
            if (tr != null) {
                tr.close();
            }
            RUNNING.remove();
        }
    }

    private Transaction open() {
        try {
            return transactions.get();
        } catch (IllegalStateException e) {
            throw new TemporaryFailureException("the FoundationDB store is stopped; the request may be retried"
                    + " once a store is available again", e);
        }
    }

    /** A commit's error: returned if retryable, else thrown as the caller's exception. */
    private static FDBException retryable(FDBException e, Transaction tr, WriteBudget budget) {
        FdbErrors.Kind kind = FdbErrors.kind(e.getCode());
        if (kind == FdbErrors.Kind.RETRY) {
            return e;
        }
        if (kind == FdbErrors.Kind.LIMIT) {
            throw budget.exceeded(FdbErrors.limit(e.getCode()), approximateSize(tr));
        }
        throw FdbErrors.terminal(e, budget);
    }

    private static Transaction retry(Transaction tr, FDBException failure, WriteBudget budget) {
        try {
            return FdbErrors.awaitRaw(tr.onError(failure));
        } catch (FDBException e) {
            throw FdbErrors.terminal(e, budget);
        }
    }

    private static long approximateSize(Transaction tr) {
        try {
            return FdbErrors.awaitRaw(tr.getApproximateSize());
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
