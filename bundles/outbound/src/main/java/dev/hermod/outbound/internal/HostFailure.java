package dev.hermod.outbound.internal;

import dev.hermod.api.mail.SmtpReply;
import java.util.Objects;

/**
 * A host could not take the message at all (no connection, greeting refused, EHLO failed, TLS required and not
 * had, AUTH failed, connection lost before the transaction began): the next host of the route is tried. The
 * reply says what happened and whether it is worth retrying later (4xx) or not (5xx, when the server itself
 * refused the session with one).
 */
final class HostFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SmtpReply reply;

    /**
     * @param reply what to report if no other host takes the message, never {@code null}
     * @param cause the exception behind it, or {@code null}
     */
    HostFailure(SmtpReply reply, Throwable cause) {
        super(Objects.requireNonNull(reply, "reply").toString(), cause);
        this.reply = reply;
    }

    /** @return the reply to report */
    SmtpReply reply() {
        return reply;
    }

    /** A temporary failure {@code 451 <status> <text>}. */
    static HostFailure temporary(String status, String text, Throwable cause) {
        return new HostFailure(new SmtpReply(451, status, oneLine(text)), cause);
    }

    /** Keeps an exception message to one line. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n\\p{Cntrl}]+", " ").strip();
    }
}
