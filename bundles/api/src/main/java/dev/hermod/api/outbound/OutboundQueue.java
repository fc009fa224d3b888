package dev.hermod.api.outbound;

import dev.hermod.api.mail.Envelope;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The core's durable queue of mail for other servers. Registered by the core; thread safe.
 *
 * <p>A message is enqueued once with all its remote recipients; the queue keeps a status per recipient,
 * hands the message per destination domain to the {@link OutboundTransport} in use, retries temporary
 * failures on a schedule with backoff until an expiry, sends a delay notice and, on permanent failure or
 * expiry, a delivery status notification (RFC 3464) to the reverse-path (none for {@code <>}). Entries
 * live in the metadata store and the message in the blob store, so an accepted message survives a crash
 * and a restart; when several nodes share one store, a lease lets one node at a time work on an entry.
 */
@ProviderType
public interface OutboundQueue {

    /**
     * Stores a message for delivery. When this returns, the message is durable (as for local delivery) and
     * the sender may be told it was accepted.
     *
     * @param envelope the reverse-path, the remote recipients and the ESMTP parameters, not {@code null}
     * @param message  the message (already signed, if signing is on), read to its end, not closed
     * @return the new entry's id, never {@code null}
     * @throws IOException if reading {@code message} fails; nothing is queued
     * @throws dev.hermod.api.mail.TemporaryFailureException if the stores are unavailable
     */
    String enqueue(Envelope envelope, InputStream message) throws IOException;

    /**
     * @return every entry, oldest first, never {@code null}
     */
    List<QueueEntry> list();

    /**
     * @param id an entry's id
     * @return the entry, or empty if there is none (delivered, bounced or removed)
     */
    Optional<QueueEntry> get(String id);

    /**
     * Makes every waiting entry due now, as if its next retry time had come.
     *
     * @return how many entries were made due
     */
    int flush();

    /**
     * Removes an entry without delivering it and without a notice to the sender.
     *
     * @param id an entry's id
     * @return {@code true} if there was such an entry
     */
    boolean remove(String id);
}
