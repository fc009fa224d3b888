/**
 * The durable outbound queue ({@link dev.hermod.api.outbound.OutboundQueue}): mail for other servers, and
 * delivery status notifications, kept in the metadata and blob stores until delivered, failed or expired.
 *
 * <h2>Key layout</h2>
 * Prefix {@code 20} (the mail store keeps {@code 01}–{@code 1F}); ids and times 8 bytes big-endian.
 * <pre>
 * key                                 value
 * 20 00                               counter: the last entry id
 * 20 01 id(8) 00                      {@link dev.hermod.core.internal.queue.EntryRecord}: reverse-path, ESMTP
 *                                       parameters, size, 8-bit, SMTPUTF8, blob, queued-at, next attempt, due,
 *                                       attempts, delay notified
 * 20 01 id(8) 01 index(4)             {@link dev.hermod.core.internal.queue.RecipientRecord}: address, state,
 *                                       last reply, remote MTA, expired, notified
 * 20 01 id(8) 02                      {@link dev.hermod.core.internal.queue.Lease}: holder (node id / claim),
 *                                       until
 * 20 02 due(ms, 8) id(8)              (empty) the schedule index, earliest first
 * </pre>
 * The message's bytes are one blob, held by a global reference ({@code 03 hash}, shared with the mail
 * store's accounts through {@link dev.hermod.core.internal.mail.SharedBlobReferences}) taken in the
 * transaction that creates the entry and dropped in the one that deletes it; the blob is deleted after
 * that commit if nothing else refers to it.
 *
 * <h2>Claims</h2>
 * A worker reads the index up to now and, for an entry, takes a lease in one serializable transaction
 * that checks the index key it saw is still there and no live lease exists, writes the lease and moves the
 * entry in the index to the lease's end. So two nodes (or threads) never work on one entry at once, and
 * when a node dies mid-attempt the entry becomes due again when its lease runs out and anyone takes it
 * over. Each domain's outcomes are recorded under the lease as soon as the transport answers; a lost lease
 * stops the attempt. What a crash between a remote acceptance and its record can cause is one duplicate
 * delivery to that domain, never a loss.
 *
 * <h2>Attempts</h2>
 * Pending recipients go per domain to the {@link dev.hermod.api.outbound.OutboundTransport} in use, or to
 * the core's {@link dev.hermod.api.delivery.Delivery} for this server's domains (which is how a notice
 * reaches a local sender). Temporary failures are retried after the {@code retry.schedule} delays (the
 * last repeating), never later than {@code expiry} after arrival, when one last attempt is made and what is
 * still pending fails with {@code 4.4.7}. While no transport is bound, remote recipients wait without an
 * attempt being counted.
 *
 * <h2>Notices</h2>
 * Permanent failures and expiry produce one RFC 3464 report per attempt to the reverse-path, with
 * {@code <>} as its own reverse-path, queued in the same transaction that marks the recipients notified;
 * once per entry, after {@code delay.warning}, a delay report. Nothing is ever sent to {@code <>}. The
 * report returns the message for {@code RET=FULL}, otherwise its header.
 *
 * <h2>Left for later</h2>
 * Per-recipient DSN requests ({@code NOTIFY}, {@code ORCPT}: the envelope does not carry them yet);
 * {@code message/global-delivery-status} (RFC 6533) for SMTPUTF8 messages; renewing a lease during a very
 * long attempt; a limit on concurrent connections per destination.
 */
package dev.hermod.core.internal.queue;
