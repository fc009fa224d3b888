package dev.hermod.pop3.internal;

/**
 * A command failed: the session answers {@code -ERR}, with the RFC 2449 §8 response code when there is one.
 */
final class Pop3Exception extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    private Pop3Exception(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** A failure without a response code. */
    static Pop3Exception err(String message) {
        return new Pop3Exception(null, message);
    }

    /** A failure with a response code such as {@code AUTH} or {@code SYS/TEMP} (RFC 3206). */
    static Pop3Exception err(String code, String message) {
        return new Pop3Exception(code, message);
    }

    /** @return the response code without brackets, or {@code null} */
    String code() {
        return code;
    }

    /** @return the {@code -ERR} line without CRLF */
    String line() {
        return "-ERR " + (code == null ? "" : "[" + code + "] ") + getMessage();
    }
}
