package dev.hermod.api.mailbox;

import dev.hermod.api.mail.AccountId;
import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mail.ThreadId;
import dev.hermod.api.message.MessageSummary;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One account's mail. Obtained from {@link MailStore#account}; cheap to hold and thread safe. Every
 * method is a transaction of its own: it either happens whole or not at all, and a change is visible to
 * every other session of any protocol as soon as the method returns.
 *
 * <p>UIDs are per mailbox, ascending in the order messages were added, never reused for the mailbox's
 * life. Lists of UIDs passed in may name UIDs that no longer exist; those are ignored.
 *
 * <p>Every method may throw {@link dev.hermod.api.mail.TemporaryFailureException} when storage is
 * unavailable, and {@link MailboxException} when the request cannot be done.
 */
@ProviderType
public interface MailAccount {

    /** The hierarchy separator in mailbox paths (IMAP's delimiter). */
    char SEPARATOR = '/';

    /** @return the account's name, as the directory knows the principal */
    String name();

    /** @return the account's id */
    AccountId id();

    /** @return the current change id: the highest MODSEQ of the account and its JMAP state */
    long state();

    // --- mailboxes ---

    /** @return every mailbox, parents before children, siblings by sort order then name */
    List<Mailbox> mailboxes();

    /**
     * @param id a mailbox id
     * @return the mailbox
     * @throws MailboxException NO_SUCH_MAILBOX
     */
    Mailbox mailbox(MailboxId id);

    /**
     * Finds a mailbox by path, names joined with {@link #SEPARATOR}; {@code INBOX} matches in any case.
     *
     * @param path the path
     * @return the mailbox, or empty
     */
    Optional<Mailbox> find(String path);

    /**
     * The path of a mailbox.
     *
     * @param id a mailbox id
     * @return its names from the top joined with {@link #SEPARATOR}
     * @throws MailboxException NO_SUCH_MAILBOX
     */
    String path(MailboxId id);

    /**
     * The mailbox with a role, such as {@link MailboxRole#INBOX}.
     *
     * @param role the role
     * @return the mailbox, or empty if none has it
     */
    Optional<Mailbox> mailbox(MailboxRole role);

    /**
     * Creates a mailbox.
     *
     * @param name its name among its siblings: not empty, no {@link #SEPARATOR}, no control characters
     * @param parent the parent, or {@code null} for the top level
     * @param role a special use, or {@code null}; a role already held by another mailbox is refused
     * @return the new mailbox
     * @throws MailboxException ALREADY_EXISTS, INVALID_NAME, NO_SUCH_MAILBOX (parent)
     */
    Mailbox createMailbox(String name, MailboxId parent, MailboxRole role);

    /**
     * Renames and/or moves a mailbox. Its id, UIDVALIDITY and messages stay.
     *
     * @param id the mailbox
     * @param name the new name among its siblings
     * @param parent the new parent, or {@code null} for the top level
     * @return the mailbox after the change
     * @throws MailboxException NO_SUCH_MAILBOX, ALREADY_EXISTS, INVALID_NAME, INVALID_PARENT
     */
    Mailbox renameMailbox(MailboxId id, String name, MailboxId parent);

    /**
     * Changes the subscription, role and sort order of a mailbox.
     *
     * @param id the mailbox
     * @param subscribed whether subscribed
     * @param role the role, or {@code null} for none
     * @param sortOrder the JMAP sort order
     * @return the mailbox after the change
     */
    Mailbox updateMailbox(MailboxId id, boolean subscribed, MailboxRole role, int sortOrder);

    /**
     * Deletes a mailbox.
     *
     * @param id the mailbox
     * @param removeMessages whether its messages may go: they leave the mailbox, and are destroyed when it
     *        was their only one; when {@code false} a mailbox with messages is refused (HAS_MESSAGES)
     * @throws MailboxException NO_SUCH_MAILBOX, HAS_CHILDREN, HAS_MESSAGES
     */
    void deleteMailbox(MailboxId id, boolean removeMessages);

    // --- messages ---

    /**
     * Adds a message: streams the raw bytes to the blob store, parses them once, and adds the message to
     * the mailbox with the next UID. Durable when this returns.
     *
     * @param mailbox where it goes
     * @param raw the message in RFC 5322 form; read to its end, not closed
     * @param keywords its keywords, lower-case
     * @param receivedAt its internal date, or {@code null} for now
     * @return the new message's id, UID and thread
     * @throws MailboxException NO_SUCH_MAILBOX, OVER_QUOTA, TOO_LARGE
     * @throws IOException if reading {@code raw} fails; nothing is added
     */
    Appended append(MailboxId mailbox, InputStream raw, Set<String> keywords, Instant receivedAt) throws IOException;

    /**
     * Appends a message as delivered: {@code tracePrefix} (trace fields such as Return-Path and
     * Delivered-To, RFC 5321 §4.4, complete lines with CRLF) followed by {@code raw}. The message is the two
     * together for every reader ({@link #open}, {@link #summary}, sizes and quota), but only {@code raw} goes
     * to the blob store: the same message delivered to many accounts with different trace fields is stored
     * once. Otherwise as {@link #append(MailboxId, InputStream, Set, Instant)}.
     *
     * @param mailbox     the mailbox
     * @param tracePrefix the first lines of the message, kept with its metadata; at most a few KB; copied
     * @param raw         the rest of the message, read to its end, not closed
     * @param keywords    the keywords to set
     * @param receivedAt  the received date, or {@code null} for now
     * @return the new message's ids
     * @throws IOException if reading {@code raw} fails
     * @throws MailboxException as the other append
     */
    Appended append(MailboxId mailbox, byte[] tracePrefix, InputStream raw, Set<String> keywords, Instant receivedAt)
            throws IOException;

    /**
     * A consistent listing of a mailbox's messages in UID order.
     *
     * @param mailbox the mailbox
     * @return the snapshot
     * @throws MailboxException NO_SUCH_MAILBOX
     */
    MailboxView view(MailboxId mailbox);

    /**
     * @param id a message id
     * @return the message
     * @throws MailboxException NO_SUCH_MESSAGE
     */
    StoredMessage message(MessageId id);

    /**
     * The message's parsed summary: envelope, top-level header fields, body structure with the offsets of
     * every part in the raw bytes, preview and JMAP body selection. Parsed once, at ingest, from the bytes
     * as they were stored; reading it never reads or parses the raw message again, so it serves IMAP
     * FETCH (ENVELOPE, BODYSTRUCTURE, BODY[section] offsets for {@link #open}) and JMAP {@code Email/get}.
     * Copies of a message share one summary.
     *
     * @param id a message id
     * @return the summary, never {@code null}
     * @throws MailboxException NO_SUCH_MESSAGE
     */
    MessageSummary summary(MessageId id);

    /**
     * Opens a message's raw bytes, or a range of them.
     *
     * @param id the message
     * @param offset the first octet
     * @param length how many octets, {@code -1} to the end
     * @return the stream; the caller closes it
     * @throws MailboxException NO_SUCH_MESSAGE
     */
    InputStream open(MessageId id, long offset, long length);

    /**
     * Copies messages to another mailbox as new messages sharing the same bytes (IMAP COPY, RFC 4315).
     *
     * @param from the source mailbox
     * @param uids UIDs in the source
     * @param to the destination
     * @return the UID mapping
     * @throws MailboxException NO_SUCH_MAILBOX, OVER_QUOTA
     */
    CopyResult copy(MailboxId from, Collection<Long> uids, MailboxId to);

    /**
     * Moves messages to another mailbox keeping their ids (IMAP MOVE, RFC 6851): they get new UIDs there
     * and vanish from the source.
     *
     * @param from the source mailbox
     * @param uids UIDs in the source
     * @param to the destination
     * @return the UID mapping
     * @throws MailboxException NO_SUCH_MAILBOX
     */
    CopyResult move(MailboxId from, Collection<Long> uids, MailboxId to);

    /**
     * Changes keywords of messages in a mailbox (IMAP STORE). Keywords belong to the message, so the
     * change shows in every mailbox holding it.
     *
     * @param mailbox the mailbox the UIDs are in
     * @param uids the messages
     * @param change what to change
     * @return what changed
     */
    KeywordResult store(MailboxId mailbox, Collection<Long> uids, KeywordChange change);

    /**
     * Removes messages from a mailbox (IMAP EXPUNGE and UID EXPUNGE); a message whose last mailbox this
     * was is destroyed, and its bytes go when no other message shares them.
     *
     * @param mailbox the mailbox
     * @param uids the UIDs to consider, or {@code null} for all; only those with {@code $deleted} go
     * @return the UIDs removed, ascending
     */
    List<Long> expunge(MailboxId mailbox, Collection<Long> uids);

    /**
     * Sets the mailboxes a message is in (JMAP Email/set mailboxIds): it gets a new UID in each mailbox
     * it joins and vanishes from the ones it leaves; an empty set destroys it.
     *
     * @param id the message
     * @param mailboxes the mailboxes it should be in
     * @return the message after the change, or empty if it was destroyed
     */
    Optional<StoredMessage> setMailboxes(MessageId id, Set<MailboxId> mailboxes);

    /**
     * Destroys messages wherever they are (JMAP Email/set destroy).
     *
     * @param ids the messages; unknown ids are ignored
     * @return the ids destroyed
     */
    List<MessageId> destroy(Collection<MessageId> ids);

    /**
     * The messages of a thread, oldest first.
     *
     * @param thread the thread
     * @return the message ids, empty for an unknown thread
     */
    List<MessageId> thread(ThreadId thread);

    // --- search ---

    /**
     * Searches one mailbox, and sorts what matches (IMAP SEARCH, UID SEARCH, SORT, UID SORT). Answered from
     * the store's indexes and the messages' stored summaries, never by reading the raw messages; text
     * matching is as {@link SearchQuery} describes.
     *
     * @param mailbox the mailbox
     * @param query the criteria; {@link SearchQuery.Uids} are UIDs of this mailbox
     * @param sort the sort keys, first key first; empty for ascending UID order
     * @return the UIDs of the matching messages, in order: by the keys, ties by ascending UID
     * @throws MailboxException NO_SUCH_MAILBOX
     */
    List<Long> search(MailboxId mailbox, SearchQuery query, List<SortKey> sort);

    /**
     * Queries the whole account, and sorts what matches (JMAP {@code Email/query}). Answered like
     * {@link #search}. A JMAP client pages through the list it returns ({@code position}, {@code anchor},
     * {@code limit} are the protocol layer's); the account's {@link #state()} read before and after tells
     * it whether the list is current.
     *
     * @param query the criteria; {@link SearchQuery.Uids} is refused, as UIDs belong to a mailbox
     * @param sort the sort keys, first key first; empty for ascending message id (the order of arrival)
     * @param collapseThreads whether to keep only the first message of each thread in the order
     * @return the ids of the matching messages, in order: by the keys, ties by ascending message id
     * @throws IllegalArgumentException for a {@link SearchQuery.Uids} criterion
     */
    List<MessageId> query(SearchQuery query, List<SortKey> sort, boolean collapseThreads);

    // --- changes ---

    /**
     * What changed in a collection since a state (JMAP {@code Foo/changes}).
     *
     * @param collection which collection
     * @param since the state the client has
     * @param maxChanges the most ids to return in all, at least 1
     * @return the changes
     * @throws MailboxException CANNOT if {@code since} is older than the change log keeps
     *         (JMAP {@code cannotCalculateChanges})
     */
    Changes changes(Changes.Collection collection, long since, int maxChanges);

    /**
     * What changed in one mailbox since a MODSEQ (IMAP CONDSTORE/QRESYNC).
     *
     * @param mailbox the mailbox
     * @param sinceModSeq the client's MODSEQ
     * @return changed messages and vanished UIDs
     */
    MailboxDelta delta(MailboxId mailbox, long sinceModSeq);

    /**
     * Claims the IMAP {@code \Recent} flag (RFC 3501 §2.3.2) of a mailbox's messages up to a UID for the
     * calling session: a message is recent to the first read-write session that is told of it, and to no
     * other. The store keeps, per mailbox, the highest UID already claimed; this raises it to
     * {@code throughUid} in one transaction (so two sessions, even on two nodes, never both claim a message)
     * and returns its previous value. The messages with UIDs above the returned value and up to
     * {@code throughUid} are recent to the caller. Not a change: no state or MODSEQ moves.
     *
     * @param mailbox    the mailbox
     * @param throughUid the highest UID the session now knows of
     * @return the highest UID claimed before this call, 0 if none; when it is {@code >= throughUid},
     *         nothing is recent to the caller
     * @throws MailboxException NO_SUCH_MAILBOX is not checked: a deleted mailbox's mark is simply gone
     */
    long claimRecent(MailboxId mailbox, long throughUid);

    /**
     * Registers a listener told of every committed change of the account, with the new state, for IMAP
     * IDLE and JMAP push. Called on a store thread; must return quickly.
     *
     * @param listener the listener
     * @return closing it stops the notifications
     */
    AutoCloseable subscribe(LongConsumer listener);

    // --- protocol settings ---

    /** The longest value {@link #putSetting} keeps, in bytes. */
    int MAX_SETTING_SIZE = 64 * 1024;

    /**
     * A small per-account value a protocol keeps in the metadata store, shared by every node (JMAP
     * identities and vacation response, for example). Not a change: no state or MODSEQ moves.
     *
     * @param name the setting's name, at most 200 characters; prefix it with the protocol, e.g. {@code jmap.identities}
     * @return the value, or empty when never set or cleared
     */
    default Optional<byte[]> setting(String name) {
        return Optional.empty();
    }

    /**
     * Sets or clears a setting (see {@link #setting}).
     *
     * @param name the setting's name
     * @param value the value, at most {@link #MAX_SETTING_SIZE} bytes, or {@code null} to clear it
     * @throws IllegalArgumentException if the name or value is too long
     * @throws UnsupportedOperationException if the store keeps no settings
     */
    default void putSetting(String name, byte[] value) {
        throw new UnsupportedOperationException("settings are not kept by this mail store");
    }

    // --- quota ---

    /** @return the account's use against the directory's quota */
    QuotaUsage quota();
}
