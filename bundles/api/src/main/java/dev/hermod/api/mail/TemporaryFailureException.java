package dev.hermod.api.mail;

/**
 * A backend is unavailable, overloaded or timed out, and the same request may succeed later.
 *
 * <p>Protocols map it to SMTP {@code 451 4.3.0} (or a more specific 4xx), IMAP {@code NO [UNAVAILABLE]},
 * POP3 {@code -ERR [SYS/TEMP]} and JMAP {@code serverUnavailable}. The core never loses mail it has
 * accepted because of it: queued messages stay queued and are retried.
 *
 * <p>Throw it whenever the answer is unknown because of an outage — a directory whose LDAP server is
 * down, a store whose database refuses connections, a stopped provider bundle — rather than a
 * "not found" or "no" answer that would be wrong.
 */
public non-sealed class TemporaryFailureException extends HermodException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is unavailable and what to do, never {@code null}
     */
    public TemporaryFailureException(String message) {
        super(message);
    }

    /**
     * @param message what is unavailable and what to do, never {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public TemporaryFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @return always {@code true} */
    @Override
    public final boolean temporary() {
        return true;
    }
}
