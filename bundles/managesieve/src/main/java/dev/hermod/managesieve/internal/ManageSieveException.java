package dev.hermod.managesieve.internal;

/**
 * A command that fails with {@code NO} (RFC 5804 §1.2): the connection stays usable. The message is shown to
 * the client, so it must not reveal more than the client may know.
 */
final class ManageSieveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The response code without its parentheses (RFC 5804 §1.3), or {@code null}. */
    private final String code;

    private ManageSieveException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /**
     * @param code a response code such as {@code NONEXISTENT} or {@code QUOTA/MAXSIZE}, or {@code null}
     * @param message the human-readable text
     * @return the exception
     */
    static ManageSieveException no(String code, String message) {
        return new ManageSieveException(code, message);
    }

    /** @param message the human-readable text of a NO without a response code */
    static ManageSieveException no(String message) {
        return new ManageSieveException(null, message);
    }

    /** @return the response code without parentheses, or {@code null} */
    String code() {
        return code;
    }
}
