package dev.hermod.api.message;

import java.util.Objects;

/**
 * The message carried in a {@code message/rfc822} or {@code message/global} part: what IMAP's
 * BODYSTRUCTURE reports for such a part (RFC 9051 §7.5.2, body-type-msg), beside the part's own fields.
 *
 * <p>{@code body().headerStart()} equals the enclosing part's {@link BodyPart#bodyStart()} and
 * {@code body().bodyStart()} ends the embedded header, so {@code BODY[n.HEADER]} is the range
 * {@code [body().headerStart(), body().bodyStart())} and {@code BODY[n.TEXT]} is
 * {@code [body().bodyStart(), body().bodyEnd())}.
 *
 * @param envelope the embedded message's envelope; never {@code null}
 * @param body     the embedded message's body structure: a multipart whose parts are numbered
 *                 {@code n.1}, {@code n.2}, … or a single part numbered {@code n.1}; never {@code null}
 */
public record EmbeddedMessage(MessageEnvelope envelope, BodyPart body) {

    /**
     * Checks the components.
     *
     * @param envelope the envelope; not {@code null}
     * @param body     the body structure; not {@code null}
     */
    public EmbeddedMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(body, "body");
    }
}
