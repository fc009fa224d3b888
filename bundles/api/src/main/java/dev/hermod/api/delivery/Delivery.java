package dev.hermod.api.delivery;

import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.ReversePath;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Local delivery over the directory and the mail store in use. Registered by the core; thread safe.
 *
 * <h2>Threads</h2>
 * Every method may block on the directory, the metadata store or the blob store. Callers must not call
 * them on a network event loop; protocol servers use a small executor of their own.
 *
 * <h2>Errors</h2>
 * When the directory or a store cannot be asked, methods throw
 * {@link dev.hermod.api.mail.TemporaryFailureException}; SMTP answers {@code 451 4.3.0} (or
 * {@code 451 4.4.3} for a directory outage at {@code RCPT}) and the client retries later. Nothing is
 * answered "unknown" because of an outage.
 */
@ProviderType
public interface Delivery {

    /**
     * Resolves a recipient through the directory in use, as at SMTP {@code RCPT TO}: its addresses and
     * aliases, lists (expanded to their local members), a catch-all {@code @domain} entry and
     * sub-addressing ({@code user+tag@domain}), as {@link dev.hermod.api.directory.Directory#recipients}
     * defines them. Inactive principals are not delivered to and answer {@link
     * RecipientCheck.Outcome#UNKNOWN_USER} with a text saying the mailbox is disabled.
     *
     * <p>Quota: when the message would not fit ({@code declaredSize} as given in the {@code SIZE}
     * parameter of {@code MAIL FROM}, or 0) in any of the recipient's accounts, the outcome is
     * {@link RecipientCheck.Outcome#OVER_QUOTA}; whether that is temporary (SMTP {@code 452 4.2.2}) or
     * permanent ({@code 552 5.2.2}) is configured in the core ({@code delivery.overquota.temporary},
     * temporary by default). For a list, only a list whose every member is over quota is refused.
     *
     * @param recipient the forward-path's mailbox, not {@code null}
     * @param declaredSize the size the client declared with {@code SIZE=}, in octets, or 0 if it declared none
     * @return the outcome, never {@code null}
     * @throws NullPointerException if {@code recipient} is {@code null}
     * @throws dev.hermod.api.mail.TemporaryFailureException if the directory or the store cannot be asked
     */
    RecipientCheck check(Address recipient, long declaredSize);

    /**
     * Whether the server receives mail for a domain, as the directory in use says.
     *
     * @param domain a domain as in {@link Address#domain()} (lower case), not {@code null}
     * @return {@code true} if addresses in the domain are delivered here
     * @throws dev.hermod.api.mail.TemporaryFailureException if the directory cannot be asked
     */
    boolean isLocalDomain(String domain);

    /**
     * The principals that a user name or address matches, for SMTP {@code VRFY} (RFC 5321 §3.5.1), through
     * the directory in use ({@link dev.hermod.api.directory.Directory#verify}). Inactive principals are
     * left out. Protocol servers answer {@code VRFY} with it only when configured to.
     *
     * @param partial what the client gave, not {@code null}
     * @return the matching active principals; empty when none
     * @throws dev.hermod.api.mail.TemporaryFailureException if the directory cannot be asked
     */
    List<dev.hermod.api.directory.Principal> verify(String partial);

    /**
     * The members of a mailing list, for SMTP {@code EXPN} (RFC 5321 §3.5.2), through the directory in use
     * ({@link dev.hermod.api.directory.Directory#expand}). Protocol servers answer {@code EXPN} with it only
     * when configured to.
     *
     * @param list the list's address or name as given, not {@code null}
     * @return the members' addresses; empty if it is not a list
     * @throws dev.hermod.api.mail.TemporaryFailureException if the directory cannot be asked
     */
    List<Address> expand(String list);

    /**
     * Stores a message into the INBOX of every account the recipients resolve to: one message per account
     * (an account reached by several recipients gets one copy), each with, prepended in this order,
     * {@code Return-Path: <reverse-path>} (RFC 5321 §4.4), {@code Delivered-To: <recipient>} (RFC 9228;
     * the first recipient that reached the account) and the given {@code Received:} field, then the
     * message exactly as given. The bytes are stored once, whatever the number of accounts: the trace
     * fields are kept with each account's message record
     * ({@link dev.hermod.api.mailbox.MailAccount#append(dev.hermod.api.mail.MailboxId, byte[], InputStream,
     * java.util.Set, java.time.Instant)}).
     *
     * <p>The message is read once, as a stream, to its end; it may be of any size (it is spooled to a
     * temporary file when several accounts need it). When this method returns, every message reported
     * {@link DeliveryReport.Status#DELIVERED} is durable: its bytes are in the blob store (synced as the blob
     * store is configured) and its metadata is committed.
     *
     * <p>Recipients are resolved again here, so a directory change between {@link #check} and delivery is
     * honoured: a recipient that no longer resolves is a permanent failure.
     *
     * @param from the reverse-path of {@code MAIL FROM}, not {@code null} (use {@link ReversePath#NULL} for
     *        {@code <>})
     * @param localRecipients the accepted recipients, in the order they were given; not {@code null} nor
     *        empty, only addresses whose {@link #check} was {@link RecipientCheck.Outcome#LOCAL}
     * @param rawMessage the message as received (RFC 5322, CRLF line ends, dot-unstuffed); read to its end,
     *        not closed
     * @param receivedHeader the complete {@code Received:} field the protocol layer traces the message with,
     *        possibly folded, with or without a final CRLF (one is added if missing), or {@code null} for none
     * @return one result per recipient, in the order given, never {@code null}
     * @throws NullPointerException if an argument other than {@code receivedHeader} is {@code null}
     * @throws IllegalArgumentException if {@code localRecipients} is empty
     * @throws IOException if reading {@code rawMessage} fails; nothing is delivered
     * @throws dev.hermod.api.mail.TemporaryFailureException if the directory or the stores are unavailable
     *         for every recipient (individual failures are reported per recipient instead)
     */
    DeliveryReport deliver(ReversePath from, List<Address> localRecipients, InputStream rawMessage,
                           String receivedHeader) throws IOException;

    /**
     * Delivers a message received over SMTP or LMTP through the filters: the core's {@link
     * dev.hermod.api.filter.FilterStage#DATA} filters judge the message once (see {@link
     * dev.hermod.api.filter.FilterPipeline} for the order), then the {@link
     * dev.hermod.api.filter.FilterStage#DELIVERY} filters judge it once per account, and the message goes
     * where they say, otherwise as {@link #deliver(ReversePath, List, InputStream, String)} describes.
     *
     * <p>Verdicts: {@link dev.hermod.api.filter.Verdict.Reject} or {@link dev.hermod.api.filter.Verdict.TempFail}
     * at {@code DATA} fail every recipient with the filter's reply ({@link
     * DeliveryReport.RecipientResult#filterReply()}), at {@code DELIVERY} only that account's recipients;
     * {@link dev.hermod.api.filter.Verdict.Discard} reports the recipients delivered but stores nothing;
     * {@link dev.hermod.api.filter.Verdict.FileInto} stores into that mailbox instead of the INBOX (the INBOX
     * if the mailbox is missing and not to be created); {@link dev.hermod.api.filter.Verdict.ModifyHeaders}
     * and {@link dev.hermod.api.filter.Verdict.ReplaceBody} change what the next filters see and what is
     * stored.
     *
     * @param envelope        the envelope: reverse-path, the accepted local recipients in the order given
     *                        (as for the other method) and the ESMTP parameters, not {@code null}
     * @param session         the session the message arrived in, not {@code null}
     * @param rawMessage      the message as received, read to its end, not closed
     * @param receivedHeader  the {@code Received:} field, as for the other method, or {@code null}
     * @param earlierVerdicts verdicts from the SMTP command stages that take effect on the message ({@link
     *                        dev.hermod.api.filter.Verdict.Discard}, {@link
     *                        dev.hermod.api.filter.Verdict.FileInto}, {@link
     *                        dev.hermod.api.filter.Verdict.ModifyHeaders}, or a {@link
     *                        dev.hermod.api.filter.Verdict.Combined} of them), in the order they came; not
     *                        {@code null}, usually empty
     * @return one result per recipient, in the order given, never {@code null}
     * @throws NullPointerException     if an argument other than {@code receivedHeader} is {@code null}
     * @throws IOException              if reading {@code rawMessage} fails; nothing is delivered
     * @throws dev.hermod.api.mail.TemporaryFailureException if the directory or the stores are unavailable
     */
    DeliveryReport deliver(Envelope envelope, SessionInfo session, InputStream rawMessage, String receivedHeader,
                           List<Verdict> earlierVerdicts) throws IOException;
}
