package dev.hermod.smtp.internal;

import dev.hermod.api.crypto.MessageSigner;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.api.outbound.OutboundQueue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a submitted message beyond local delivery: DKIM-signed for its sender's domain when the
 * signer has a key for it, queued for its remote recipients, and copied to the sender's Sent mailbox when
 * the listener is configured to.
 */
final class OutboundSubmission {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundSubmission.class);

    private OutboundSubmission() {
    }

    /**
     * Queues the message, with this server's Received field and any DKIM signatures on top.
     *
     * @return the queue's id
     * @throws TemporaryFailureException if no queue is running
     */
    static String enqueue(Outbound outbound, Envelope envelope, MessageSpool message, String received)
            throws IOException {
        OutboundQueue queue = outbound.queue;
        if (queue == null) {
            throw new TemporaryFailureException("the outbound queue is not running");
        }
        byte[] trace = received == null ? new byte[0] : received.getBytes(StandardCharsets.UTF_8);
        byte[] signatures = signatures(outbound.signer, envelope, trace, message);
        try (InputStream in = concat(signatures, trace, message.open())) {
            return queue.enqueue(envelope, in);
        }
    }

    /** DKIM-Signature fields for the envelope sender's domain, each with CRLF; empty when not signing. */
    private static byte[] signatures(MessageSigner signer, Envelope envelope, byte[] trace, MessageSpool message)
            throws IOException {
        if (signer == null || envelope.reversePath().mailbox().isEmpty()) {
            return new byte[0];
        }
        String domain = envelope.reversePath().mailbox().get().domain().toLowerCase(Locale.ROOT);
        if (!signer.canSign(domain)) {
            return new byte[0];
        }
        List<String> fields;
        try (InputStream in = concat(new byte[0], trace, message.open())) {
            fields = signer.sign(domain, in);
        }
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            b.append(f).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends the message, marked seen, to the Sent mailbox of the account; a failure is logged only. */
    static void saveSent(Outbound outbound, String account, MessageSpool message) {
        MailStore store = outbound.mailStore;
        if (store == null) {
            LOG.warn("No mail store bound: the Sent copy of a message from {} is not kept", account);
            return;
        }
        try (InputStream in = message.open()) {
            MailAccount mail = store.account(account);
            var sent = mail.mailbox(MailboxRole.SENT).orElseThrow();
            mail.append(sent.id(), in, Set.of(Keywords.SEEN), null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Keeping the Sent copy of a message from {} failed: {}", account, e.toString());
        }
    }

    private static InputStream concat(byte[] a, byte[] b, InputStream rest) {
        return new SequenceInputStream(new ByteArrayInputStream(a),
                new SequenceInputStream(new ByteArrayInputStream(b), rest));
    }
}
