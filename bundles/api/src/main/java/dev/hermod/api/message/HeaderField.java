package dev.hermod.api.message;

import java.util.Objects;

/**
 * One header field of the message's top-level header, as written, for the JMAP {@code header:Name:asRaw}
 * forms and IMAP {@code HEADER.FIELDS}.
 *
 * @param name   the field name as written (case kept), without the colon; never {@code null}
 * @param value  the raw value: everything after the colon up to, not including, the field's final line
 *               break, with folding line breaks kept (RFC 8621 §4.1.2.1 "Raw"); decoded from UTF-8, or from
 *               windows-1252 where the octets are not valid UTF-8; never {@code null}
 * @param offset the offset of the field's first octet in the raw message
 * @param length the field's length in octets, including its final line break when it has one
 */
public record HeaderField(String name, String value, long offset, int length) {

    /**
     * Checks the components.
     *
     * @param name   the field name; not {@code null}
     * @param value  the raw value; not {@code null}
     * @param offset the offset in the raw message; not negative
     * @param length the length in octets; not negative
     */
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
    }
}
