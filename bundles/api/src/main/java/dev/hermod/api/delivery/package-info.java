/**
 * Local delivery: checking recipients while an SMTP or LMTP transaction is open, and storing an accepted
 * message into the recipients' mailboxes.
 *
 * <p>The core registers one {@link dev.hermod.api.delivery.Delivery} service. Protocol bundles (the SMTP
 * MTA, submission and LMTP listeners) use it in two steps:
 * <ol>
 *   <li>at each {@code RCPT TO}, {@link dev.hermod.api.delivery.Delivery#check check} the recipient through
 *       the directory in use and answer from the {@link dev.hermod.api.delivery.RecipientCheck};</li>
 *   <li>after the message data has been received in full, {@link dev.hermod.api.delivery.Delivery#deliver
 *       deliver} it to the accepted local recipients, and reply {@code 250} (SMTP) or one reply per
 *       recipient (LMTP) only once it has returned: the message is then durable.</li>
 * </ol>
 *
 * <p>Messages are streamed: neither the protocol layer nor the delivery service ever holds a whole message
 * in memory, whatever its size.
 *
 * <p>Outbound delivery (the queue for non-local recipients) is not part of this version.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.delivery;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
