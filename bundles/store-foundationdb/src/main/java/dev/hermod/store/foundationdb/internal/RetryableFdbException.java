package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.FDBException;
import dev.hermod.api.store.ConflictException;

/** A FoundationDB error that its retry loop ({@code onError}) may retry: the function sees a conflict. */
final class RetryableFdbException extends ConflictException {

    private static final long serialVersionUID = 1L;

    RetryableFdbException(FDBException cause) {
        super("FoundationDB: " + FdbErrors.describe(cause) + "; the transaction is retried", cause);
    }

    FDBException fdbCause() {
        return (FDBException) getCause();
    }
}
