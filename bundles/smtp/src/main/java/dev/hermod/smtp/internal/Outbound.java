package dev.hermod.smtp.internal;

import dev.hermod.api.crypto.MessageSigner;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.api.outbound.OutboundQueue;

/**
 * The optional services mail from authenticated users goes through, as they are bound now: the outbound
 * queue for remote recipients, the DKIM signer for what leaves, and the mail store for the Sent copy. Each
 * may be missing; fields are volatile as DS binds and unbinds them from its own threads.
 */
final class Outbound {

    volatile OutboundQueue queue;
    volatile MessageSigner signer;
    volatile MailStore mailStore;
}
