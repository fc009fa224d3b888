package dev.hermod.store.postgresql.internal;

import dev.hermod.api.mail.TemporaryFailureException;

/**
 * A pooled connection died under a transaction (server restart, network cut, session terminated). The
 * outcome of a commit in flight is unknown, and the API allows running the function again.
 */
final class LostConnectionException extends TemporaryFailureException {

    private static final long serialVersionUID = 1L;

    LostConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
