package dev.hermod.sieve.internal;

/** A run of a script failed (RFC 5228 §2.10.6): the result is an error and the message is kept. */
final class SieveRuntimeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SieveRuntimeException(String message) {
        super(message);
    }
}
