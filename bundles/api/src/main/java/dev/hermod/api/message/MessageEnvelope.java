package dev.hermod.api.message;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The header facts of a message that IMAP's ENVELOPE (RFC 9051 §7.5.2), JMAP's convenience properties
 * (RFC 8621 §4.1.2.3) and threading use.
 *
 * <p>Each field comes from the <em>first</em> header field of its name (RFC 5322 §3.6 allows only one);
 * the full list of the top-level header is in {@link MessageSummary#headers()} for the JMAP
 * {@code header:Name:all} forms. A component is {@code null} when its header field is absent; an address
 * or identifier list is empty when the field is present but holds nothing usable.
 *
 * <p>IMAP fills a missing Sender or Reply-To with From (RFC 9051 §7.5.2); this record does not, so that
 * JMAP sees what the message says: the IMAP encoder applies that rule.
 *
 * @param dateRaw      the Date field's value, unfolded and trimmed, for IMAP's ENVELOPE
 * @param date         the Date field parsed leniently (RFC 5322 §3.3 and §4.3 obsolete forms), keeping its
 *                     UTC offset for JMAP {@code sentAt}; seconds precision; {@code null} when absent or
 *                     unparseable
 * @param subjectRaw   the Subject field's value, unfolded, leading white space removed, encoded words
 *                     not decoded, for IMAP's ENVELOPE
 * @param subject      the subject as text (RFC 8621 §4.1.2.2 "Text"): unfolded, RFC 2047 encoded words
 *                     decoded, control characters dropped, NFC
 * @param from         the From addresses
 * @param sender       the Sender addresses
 * @param replyTo      the Reply-To addresses
 * @param to           the To addresses
 * @param cc           the Cc addresses
 * @param bcc          the Bcc addresses
 * @param messageIdRaw the Message-ID field's value, unfolded and trimmed, for IMAP's ENVELOPE
 * @param inReplyToRaw the In-Reply-To field's value, unfolded and trimmed, for IMAP's ENVELOPE
 * @param messageIds   the Message-ID field's message identifiers without angle brackets (JMAP
 *                     {@code asMessageIds}); an identifier written without brackets is kept when it has an
 *                     {@code @}
 * @param inReplyTo    the In-Reply-To field's message identifiers without angle brackets
 * @param references   the References field's message identifiers without angle brackets, in order
 */
public record MessageEnvelope(String dateRaw, OffsetDateTime date, String subjectRaw, String subject,
                              List<MailAddress> from, List<MailAddress> sender, List<MailAddress> replyTo,
                              List<MailAddress> to, List<MailAddress> cc, List<MailAddress> bcc,
                              String messageIdRaw, String inReplyToRaw, List<String> messageIds,
                              List<String> inReplyTo, List<String> references) {

    /** An envelope of a message with none of these header fields. */
    public static final MessageEnvelope EMPTY = new MessageEnvelope(null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null);

    /**
     * Copies the lists; {@code null} lists stay {@code null}.
     *
     * @param dateRaw      see the record description; nullable
     * @param date         see the record description; nullable
     * @param subjectRaw   see the record description; nullable
     * @param subject      see the record description; nullable
     * @param from         see the record description; nullable, copied
     * @param sender       see the record description; nullable, copied
     * @param replyTo      see the record description; nullable, copied
     * @param to           see the record description; nullable, copied
     * @param cc           see the record description; nullable, copied
     * @param bcc          see the record description; nullable, copied
     * @param messageIdRaw see the record description; nullable
     * @param inReplyToRaw see the record description; nullable
     * @param messageIds   see the record description; nullable, copied
     * @param inReplyTo    see the record description; nullable, copied
     * @param references   see the record description; nullable, copied
     */
    public MessageEnvelope {
        from = copy(from);
        sender = copy(sender);
        replyTo = copy(replyTo);
        to = copy(to);
        cc = copy(cc);
        bcc = copy(bcc);
        messageIds = copy(messageIds);
        inReplyTo = copy(inReplyTo);
        references = copy(references);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }
}
