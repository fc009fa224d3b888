package dev.hermod.api.mail;

/**
 * A request that cannot succeed as made, however often it is retried: data over a limit, a missing
 * blob, a malformed request that passed syntax checks.
 *
 * <p>Protocols map it to SMTP {@code 554 5.3.0} (or a more specific 5xx), IMAP {@code NO} and JMAP
 * {@code serverFail} unless a subclass warrants a more specific answer.
 */
public non-sealed class PermanentFailureException extends HermodException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and what to do, never {@code null}
     */
    public PermanentFailureException(String message) {
        super(message);
    }

    /**
     * @param message what happened and what to do, never {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public PermanentFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @return always {@code false} */
    @Override
    public final boolean temporary() {
        return false;
    }
}
