package dev.hermod.api.mail;

/**
 * Base of the failures that Hermod's SPIs report. Every failure is either {@linkplain #temporary()
 * temporary} (retry later) or permanent; there is no third kind, so this class is sealed to
 * {@link TemporaryFailureException} and {@link PermanentFailureException}, which plug-ins may extend.
 *
 * <p>Messages are read by administrators and, in SMTP replies, by remote users: say what happened and
 * what to do, and never include secrets (passwords, tokens, keys).
 */
public abstract sealed class HermodException extends RuntimeException
        permits TemporaryFailureException, PermanentFailureException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and what to do, never {@code null}
     */
    protected HermodException(String message) {
        super(message);
    }

    /**
     * @param message what happened and what to do, never {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    protected HermodException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the same request may succeed when retried later.
     *
     * @return {@code true} for a {@link TemporaryFailureException}, {@code false} for a
     *         {@link PermanentFailureException}
     */
    public abstract boolean temporary();
}
