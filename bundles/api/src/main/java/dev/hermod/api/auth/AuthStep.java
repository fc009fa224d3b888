package dev.hermod.api.auth;

import dev.hermod.api.directory.Principal;
import java.util.Objects;

/**
 * One step of an authentication exchange: a challenge to send, or the outcome.
 */
public sealed interface AuthStep {

    /**
     * The server sends this challenge and waits for the client's next response.
     *
     * @param data the challenge bytes, before the protocol's base64 encoding; empty for an empty challenge
     */
    record Challenge(byte[] data) implements AuthStep {
        public Challenge {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * Authenticated.
     *
     * @param principal who logged in; its name is the account to open
     */
    record Success(Principal principal) implements AuthStep {
        public Success {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /**
     * Not authenticated.
     *
     * @param reason why, for the protocol's response code
     * @param message a short text safe to show the client (never says whether the user exists)
     */
    record Failure(Reason reason, String message) implements AuthStep {
        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why authentication failed; protocols map these to their codes. */
    enum Reason {
        /** Wrong name or secret, unknown or inactive user (IMAP {@code [AUTHENTICATIONFAILED]}, SMTP 535 5.7.8). */
        INVALID_CREDENTIALS,
        /** The client's response could not be parsed (IMAP BAD, SMTP 501 5.5.2). */
        MALFORMED,
        /** The mechanism is unknown or not offered on this connection (SMTP 504 5.5.4). */
        UNSUPPORTED_MECHANISM,
        /** A plain-text mechanism on a connection without TLS (IMAP {@code [PRIVACYREQUIRED]}, SMTP 538 5.7.11). */
        ENCRYPTION_REQUIRED,
        /** Too many failures from this address or for this account; try later (SMTP 454 4.7.0, IMAP {@code [UNAVAILABLE]}). */
        TOO_MANY_FAILURES,
        /** The client cancelled the exchange with {@code *} (RFC 4422 §3.5). */
        CANCELLED,
        /** The directory is unavailable; try later (SMTP 454 4.7.0, IMAP {@code [UNAVAILABLE]}). */
        TEMPORARY_FAILURE
    }
}
