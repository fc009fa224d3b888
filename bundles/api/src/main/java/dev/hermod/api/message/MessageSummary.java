package dev.hermod.api.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What Hermod keeps of a message after parsing it once at ingest, so that IMAP FETCH, SEARCH and SORT,
 * JMAP {@code Email/get} and threading need not read the raw message again (they still range-read it for
 * body content). Produced at ingest by Hermod's parser ({@code dev.hermod.message.MessageParser}) and kept
 * in the metadata store ({@code dev.hermod.message.SummaryCodec}); read through
 * {@link dev.hermod.api.mailbox.MailAccount#summary(dev.hermod.api.mail.MessageId)}.
 *
 * @param size             the raw message's size in octets (IMAP {@code RFC822.SIZE}, JMAP {@code size})
 * @param headerLength     the top-level header's length in octets including the empty line that ends it
 *                         ({@code BODY[HEADER]} is {@code [0, headerLength)}, {@code BODY[TEXT]} the rest)
 * @param envelope         the top-level envelope; never {@code null}
 * @param baseSubject      the subject reduced by RFC 5256 §2.1 for SORT and THREAD (case kept; compare
 *                         with the {@code i;unicode-casemap} collation); never {@code null}, empty when there
 *                         is no subject
 * @param headers          the top-level header fields in order; unmodifiable, never {@code null}
 * @param headersTruncated {@code true} when the header was larger than the parser's header limit
 *                         ({@code ParserLimits.maxHeaderBytes}, the {@code mailstore} configuration's
 *                         {@code parser.max.header.bytes}) and {@code headers} lacks its later fields: read
 *                         {@code [0, headerLength)} of the raw message instead
 * @param body             the top-level entity's structure; never {@code null}
 * @param preview          up to 256 characters of the first text part (RFC 8621 §4.1.4 {@code preview},
 *                         RFC 8970 IMAP PREVIEW): HTML tags dropped, white space runs collapsed to one
 *                         space, no line breaks; never {@code null}
 * @param hasAttachment    JMAP {@code hasAttachment}: some part in {@code attachments} is not
 *                         {@code Content-Disposition: inline}
 * @param textBody         part numbers of JMAP {@code textBody} (RFC 8621 §4.1.4 algorithm); never
 *                         {@code null}
 * @param htmlBody         part numbers of JMAP {@code htmlBody}; never {@code null}
 * @param attachments      part numbers of JMAP {@code attachments}; never {@code null}
 */
public record MessageSummary(long size, long headerLength, MessageEnvelope envelope, String baseSubject,
                             List<HeaderField> headers, boolean headersTruncated, BodyPart body,
                             String preview, boolean hasAttachment, List<String> textBody,
                             List<String> htmlBody, List<String> attachments) {

    /**
     * Checks the components and copies the lists.
     *
     * @param size             see the record description
     * @param headerLength     see the record description
     * @param envelope         see the record description
     * @param baseSubject      see the record description
     * @param headers          see the record description
     * @param headersTruncated see the record description
     * @param body             see the record description
     * @param preview          see the record description
     * @param hasAttachment    see the record description
     * @param textBody         see the record description
     * @param htmlBody         see the record description
     * @param attachments      see the record description
     */
    public MessageSummary {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(baseSubject, "baseSubject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(preview, "preview");
        headers = List.copyOf(headers);
        textBody = List.copyOf(textBody);
        htmlBody = List.copyOf(htmlBody);
        attachments = List.copyOf(attachments);
        if (size < 0 || headerLength < 0 || headerLength > size) {
            throw new IllegalArgumentException("bad sizes: size " + size + ", header " + headerLength);
        }
    }

    /**
     * The top-level header fields of one name, in order (JMAP {@code header:Name:all}).
     *
     * @param name the field name, any case; not {@code null}
     * @return the matching fields, possibly empty
     */
    public List<HeaderField> headers(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<HeaderField> out = new ArrayList<>();
        for (HeaderField field : headers) {
            if (field.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                out.add(field);
            }
        }
        return out;
    }

    /**
     * Finds an entity by section number, including those of embedded messages.
     *
     * @param partId a section number such as {@code 2.1}; not {@code null}
     * @return the entity, or empty when there is none with that number
     * @see BodyPart#find(String)
     */
    public Optional<BodyPart> part(String partId) {
        return body.find(partId);
    }
}
