package dev.hermod.imap.internal;

/**
 * Ends a command with a tagged NO or BAD (RFC 9051 §7.1): {@code code} is the response code without its
 * brackets (RFC 5530), or {@code null}.
 */
final class ImapException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean bad;
    private final String code;

    private ImapException(boolean bad, String code, String text) {
        super(text, null, false, false);
        this.bad = bad;
        this.code = code;
    }

    /** A syntax or protocol error: {@code tag BAD text}. */
    static ImapException bad(String text) {
        return new ImapException(true, null, text);
    }

    /** A command that cannot be done: {@code tag NO [code] text}. */
    static ImapException no(String code, String text) {
        return new ImapException(false, code, text);
    }

    boolean isBad() {
        return bad;
    }

    String code() {
        return code;
    }
}
