package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.FDBException;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.StoreLimitException.Limit;
import dev.hermod.api.store.StoreLimits;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps FoundationDB error codes (fdbclient's {@code error_definitions.h}) to the store API's exceptions.
 * Pure Java: FDB's own predicates ({@code isRetryable}) need the native library.
 */
final class FdbErrors {

    static final int TIMED_OUT = 1004;
    static final int TRANSACTION_TOO_OLD = 1007;
    static final int NOT_COMMITTED = 1020;
    static final int TRANSACTION_CANCELLED = 1025;
    static final int TRANSACTION_TIMED_OUT = 1031;
    static final int TRANSACTION_TOO_LARGE = 2101;
    static final int KEY_TOO_LARGE = 2102;
    static final int VALUE_TOO_LARGE = 2103;

    /** What the store does with an error. */
    enum Kind {
        /** Hand it to FoundationDB's {@code onError}, which backs off and retries, or rethrows it. */
        RETRY,
        /** The transaction timeout ran out (cluster unavailable or overloaded): temporary failure, no retry. */
        TIMEOUT,
        /** A size limit: {@link dev.hermod.api.store.StoreLimitException}, no retry. */
        LIMIT,
        /** An invalid call (2000–2099) or a cancelled transaction: a bug in the provider. */
        MISUSE
    }

    private FdbErrors() {
    }

    static Kind kind(int code) {
        return switch (code) {
            case TIMED_OUT, TRANSACTION_TIMED_OUT -> Kind.TIMEOUT;
            case TRANSACTION_TOO_LARGE, KEY_TOO_LARGE, VALUE_TOO_LARGE -> Kind.LIMIT;
            case TRANSACTION_CANCELLED -> Kind.MISUSE;
            default -> code >= 2000 && code < 2100 ? Kind.MISUSE : Kind.RETRY;
        };
    }

    /** @return the store limit a {@link Kind#LIMIT} code stands for */
    static Limit limit(int code) {
        return switch (code) {
            case KEY_TOO_LARGE -> Limit.KEY_SIZE;
            case VALUE_TOO_LARGE -> Limit.VALUE_SIZE;
            case TRANSACTION_TOO_LARGE -> Limit.TRANSACTION_SIZE;
            default -> throw new IllegalArgumentException("not a limit: " + code);
        };
    }

    /** Waits for a future of an operation inside a function, translating its failure. */
    static <T> T await(CompletableFuture<T> future, WriteBudget budget) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw translate(e, budget);
        }
    }

    /** Waits for a future of the retry loop itself (commit, onError), unwrapping its failure. */
    static <T> T awaitRaw(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Translates the failure of an operation inside a transaction function.
     *
     * @param budget the attempt's write budget, {@code null} in a read-only transaction
     */
    static RuntimeException translate(Throwable failure, WriteBudget budget) {
        Throwable cause = unwrap(failure);
        if (cause instanceof Error error) {
            throw error;
        }
        if (!(cause instanceof FDBException e)) {
            return cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        }
        return kind(e.getCode()) == Kind.RETRY ? new RetryableFdbException(e) : terminal(e, budget);
    }

    /** The exception a caller gets for an error that is not retried, or that {@code onError} rethrew. */
    static RuntimeException terminal(FDBException e, WriteBudget budget) {
        return switch (kind(e.getCode())) {
            case TIMEOUT -> new TemporaryFailureException("FoundationDB did not finish the transaction within"
                    + " store.foundationdb transaction.timeout (" + describe(e) + "): the cluster is unavailable,"
                    + " overloaded or unreachable from this node; check it with 'fdbcli --exec status'", e);
            case LIMIT -> budget != null ? budget.exceeded(limit(e.getCode()), 0) : misuse(e);
            case MISUSE -> misuse(e);
            case RETRY -> new TemporaryFailureException("FoundationDB failed: " + describe(e)
                    + "; the request may be retried later", e);
        };
    }

    /** The exception a caller gets when {@code retries} retries did not help. */
    static TemporaryFailureException exhausted(FDBException last, int retries) {
        String why = switch (last.getCode()) {
            case NOT_COMMITTED -> "still conflicted with concurrent transactions";
            case TRANSACTION_TOO_OLD -> "still ran longer than FoundationDB's limit of "
                    + StoreLimits.MAX_TRANSACTION_MILLIS + " ms";
            default -> "still failed with " + describe(last);
        };
        return new TemporaryFailureException("the transaction " + why + " after " + retries
                + " retries; the request may be retried later", last);
    }

    static String describe(FDBException e) {
        return e.getMessage() + " (FoundationDB error " + e.getCode() + ")";
    }

    private static IllegalStateException misuse(FDBException e) {
        return new IllegalStateException("FoundationDB rejected an operation of the store, a bug in Hermod: "
                + describe(e), e);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
