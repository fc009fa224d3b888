package dev.hermod.api.outbound;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.ReversePath;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message to deliver to recipients of one domain.
 *
 * @param id             the queue's id of the message, for logs and the remote's reply, never {@code null}
 * @param from           the reverse-path ({@code <>} for bounces), never {@code null}
 * @param domain         the recipients' domain, lower case, never {@code null}
 * @param recipients     the recipients, all in {@code domain}, not empty; copied
 * @param mailParameters ESMTP parameters of the original {@code MAIL FROM} to carry on where the remote
 *                       side supports them ({@code BODY}, {@code SMTPUTF8}, {@code RET}, {@code ENVID});
 *                       upper-case names; copied
 * @param size           the message's size in octets
 * @param eightBit       whether the message has 8-bit content (RFC 6152): a remote side without 8BITMIME
 *                       gets it only after conversion or not at all (the transport decides, and says so)
 * @param smtpUtf8       whether the envelope or header needs SMTPUTF8 (RFC 6531 §3.4: a remote side
 *                       without it is a permanent failure, {@code 5.6.7} / {@code 553 5.6.7})
 * @param content        opens the message from its first byte (already DKIM-signed if signing is on)
 */
public record OutboundMessage(String id, ReversePath from, String domain, List<Address> recipients,
                              Map<String, String> mailParameters, long size, boolean eightBit, boolean smtpUtf8,
                              Content content) {

    /** Opens the message's bytes; may be called more than once (a retry on another MX host). */
    @FunctionalInterface
    public interface Content {
        /**
         * @return a new stream over the whole message, CRLF line ends, not dot-stuffed; the caller closes it
         * @throws IOException if the queued message cannot be read
         */
        InputStream open() throws IOException;
    }

    /**
     * Checks and copies the components.
     *
     * @param id             the queue's id
     * @param from           the reverse-path
     * @param domain         the recipients' domain
     * @param recipients     the recipients
     * @param mailParameters the ESMTP parameters to carry on
     * @param size           the size in octets
     * @param eightBit       8-bit content
     * @param smtpUtf8       needs SMTPUTF8
     * @param content        the message's bytes
     * @throws NullPointerException     if a component is {@code null}
     * @throws IllegalArgumentException if there is no recipient
     */
    public OutboundMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(content, "content");
        recipients = List.copyOf(recipients);
        mailParameters = Map.copyOf(mailParameters);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
    }
}
