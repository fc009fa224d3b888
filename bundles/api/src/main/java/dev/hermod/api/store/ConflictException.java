package dev.hermod.api.store;

import dev.hermod.api.mail.TemporaryFailureException;

/**
 * The transaction cannot commit because of a concurrent transaction and should be run again.
 *
 * <p>Providers throw it from any transaction method or from the commit when their backend reports a
 * serialization failure (FoundationDB {@code not_committed}, PostgreSQL SQLSTATE {@code 40001}/{@code 40P01},
 * SQLite {@code SQLITE_BUSY}); a function may throw it too, to ask for a retry. Either way the
 * {@link KeyValueStore} catches it and retries the function, up to {@link StoreLimits#MAX_RETRIES} times;
 * callers of {@code read}/{@code write} never see it, but a {@link TemporaryFailureException} when retries
 * run out. Functions must let it propagate, never catch it.
 */
public class ConflictException extends TemporaryFailureException {

    private static final long serialVersionUID = 1L;

    /** A conflict with no further detail. */
    public ConflictException() {
        super("transaction conflicted with a concurrent transaction; it is retried");
    }

    /**
     * @param message what conflicted, not {@code null}
     */
    public ConflictException(String message) {
        super(message);
    }

    /**
     * @param message what conflicted, not {@code null}
     * @param cause   the backend's error, may be {@code null}
     */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
