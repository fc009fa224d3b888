package dev.hermod.milter.internal;

import java.io.IOException;

/** The milter broke the protocol: an unexpected reply, a malformed packet, a refused negotiation. */
final class MilterException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for the log */
    MilterException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for the log
     * @param cause   the underlying error
     */
    MilterException(String message, Throwable cause) {
        super(message, cause);
    }
}
