package dev.hermod.sieve.internal;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * What a script sees of a message and its delivery. {@link MimeSieveMessage} reads it from the message bytes.
 */
public interface SieveMessage {

    /**
     * One header field.
     *
     * @param name  the name as written
     * @param value the value: unfolded, leading white space removed, RFC 2047 encoded words not decoded
     */
    record HeaderField(String name, String value) {
    }

    /**
     * One leaf MIME part, for the {@code body} test (RFC 5173).
     *
     * @param contentType the media type, lower case, e.g. {@code text/plain}
     * @param text        the content, transfer encoding removed and, for text types, decoded with its charset
     */
    record BodyPart(String contentType, String text) {
    }

    /** @return the header fields, top first */
    List<HeaderField> headers();

    /** @return the message size in octets (RFC 5228 §5.9) */
    long size();

    /** @return the envelope sender ({@code MAIL FROM}), empty for the null reverse-path */
    String envelopeFrom();

    /** @return the envelope recipient as given in {@code RCPT TO}, sub-address included */
    String envelopeTo();

    /** @return the leaf MIME parts, in order */
    List<BodyPart> bodyParts();

    /** @return the body as sent: after the blank line ending the header, transfer encodings not removed */
    String rawBody();

    /** @return the current time in the server's time zone, for {@code currentdate} and as the local zone */
    ZonedDateTime now();
}
