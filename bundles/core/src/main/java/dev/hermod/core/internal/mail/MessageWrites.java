package dev.hermod.core.internal.mail;

import dev.hermod.api.mailbox.Changes.Collection;
import dev.hermod.api.mailbox.Keywords;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The writes every message operation is made of, inside one {@link AccountTxn}: a message joins or leaves
 * a mailbox, changes keywords, or is destroyed. Each keeps the message record, its UID entries and
 * {@link SortRecord}s, the MODSEQ index, the VANISHED tombstones, the content index, the mailbox counts
 * and the change set in step.
 */
final class MessageWrites {

    private static final byte[] EMPTY = new byte[0];

    private MessageWrites() {
    }

    static MessageRecord load(AccountTxn t, long id) {
        byte[] value = t.txn.get(MailKeys.message(t.account, id));
        return value == null ? null : MessageRecord.decode(id, value);
    }

    static void save(AccountTxn t, MessageRecord message) {
        t.txn.set(MailKeys.message(t.account, message.id()), message.encode());
    }

    /**
     * Adds a message to a mailbox with the mailbox's next UID. The caller saves the returned record and
     * records the message as created or updated.
     *
     * @param sort the message's {@link SortRecord}, from {@link #sortRecord} or made at append; {@code null}
     *        if there is none to write
     */
    static MessageRecord join(AccountTxn t, MessageRecord message, long mailbox, byte[] sort) {
        MailboxRecord box = t.mailbox(mailbox);
        long uid = box.uidNext();
        t.put(box.joined(t.modSeq, message.size(), message.seen()));
        t.changes.updated(Collection.MAILBOX, mailbox);
        UidEntry entry = new UidEntry(uid, message.id(), t.modSeq, message.size(), message.receivedAt(),
                message.keywords(), message.content());
        t.txn.set(MailKeys.uid(t.account, mailbox, uid), entry.encode());
        if (sort != null) {
            t.txn.set(MailKeys.sortRecord(t.account, mailbox, uid), sort);
        }
        t.txn.set(MailKeys.modSeq(t.account, mailbox, t.modSeq, uid), EMPTY);
        TreeMap<Long, Long> in = new TreeMap<>(message.mailboxes());
        in.put(mailbox, uid);
        return message.withMailboxes(in, t.modSeq);
    }

    /**
     * Removes a message from a mailbox, leaving a VANISHED tombstone (RFC 7162) unless the mailbox itself
     * is being deleted. The caller saves the returned record, or destroys the message.
     */
    static MessageRecord leave(AccountTxn t, MessageRecord message, long mailbox) {
        Long uid = message.mailboxes().get(mailbox);
        if (uid == null) {
            return message;
        }
        byte[] value = t.txn.get(MailKeys.uid(t.account, mailbox, uid));
        return leave(t, message, mailbox, value == null ? null : UidEntry.decode(uid, value));
    }

    /** As {@link #leave(AccountTxn, MessageRecord, long)}, with the UID entry already read (or {@code null}). */
    static MessageRecord leave(AccountTxn t, MessageRecord message, long mailbox, UidEntry entry) {
        Long uid = message.mailboxes().get(mailbox);
        if (uid == null) {
            return message;
        }
        if (entry != null && entry.uid() != uid) {
            byte[] value = t.txn.get(MailKeys.uid(t.account, mailbox, uid));
            entry = value == null ? null : UidEntry.decode(uid, value);
        }
        if (entry != null) {
            t.txn.clear(MailKeys.modSeq(t.account, mailbox, entry.modSeq(), uid));
            t.txn.clear(MailKeys.uid(t.account, mailbox, uid));
        }
        t.txn.clear(MailKeys.sortRecord(t.account, mailbox, uid));
        MailboxRecord box = t.findMailbox(mailbox);
        if (box != null) {
            t.put(box.left(t.modSeq, message.size(), message.seen()));
            t.txn.set(MailKeys.vanished(t.account, mailbox, t.modSeq, uid), EMPTY);
            t.changes.vanishedIn(mailbox);
            t.changes.updated(Collection.MAILBOX, mailbox);
        }
        TreeMap<Long, Long> in = new TreeMap<>(message.mailboxes());
        in.remove(mailbox);
        return message.withMailboxes(in, t.modSeq);
    }

    /** Destroys a message: it leaves every mailbox, and its thread entry, quota and blob reference go. */
    static void destroy(AccountTxn t, MessageRecord message) {
        for (long mailbox : Set.copyOf(message.mailboxes().keySet())) {
            message = leave(t, message, mailbox);
        }
        t.txn.clear(MailKeys.message(t.account, message.id()));
        FullText.removeMessage(t, message.content(), message.id());
        Threads.remove(t, message);
        BlobReferences.release(t, message.blob());
        t.count(MailKeys.QUOTA_BYTES, -message.size());
        t.count(MailKeys.QUOTA_MESSAGES, -1);
        t.changes.destroyed(Collection.EMAIL, message.id());
    }

    /**
     * A message's {@link SortRecord}, encoded: as one of its mailboxes holds it, or made from its summary
     * for a message stored before sort records.
     *
     * @return the record, or {@code null} if the message has neither
     */
    static byte[] sortRecord(AccountTxn t, MessageRecord message) {
        for (Map.Entry<Long, Long> in : message.mailboxes().entrySet()) {
            byte[] sort = t.txn.get(MailKeys.sortRecord(t.account, in.getKey(), in.getValue()));
            if (sort != null) {
                return sort;
            }
        }
        byte[] summary = Summaries.read(t.txn, t.account, message.blob());
        return summary == null ? null
                : SortRecord.of(Summaries.decode(summary, message.size()), message.thread()).encode();
    }

    /** Sets a message's keywords in every mailbox holding it; saves it if they changed. */
    static MessageRecord setKeywords(AccountTxn t, MessageRecord message, Set<String> keywords) {
        if (message.keywords().equals(keywords)) {
            return message;
        }
        long unseenDelta = (message.seen() ? 1 : 0) - (keywords.contains(Keywords.SEEN) ? 1 : 0);
        for (Map.Entry<Long, Long> in : message.mailboxes().entrySet()) {
            long mailbox = in.getKey();
            long uid = in.getValue();
            byte[] key = MailKeys.uid(t.account, mailbox, uid);
            byte[] value = t.txn.get(key);
            if (value != null) {
                UidEntry entry = UidEntry.decode(uid, value);
                t.txn.clear(MailKeys.modSeq(t.account, mailbox, entry.modSeq(), uid));
                t.txn.set(MailKeys.modSeq(t.account, mailbox, t.modSeq, uid), EMPTY);
                t.txn.set(key, entry.withKeywords(keywords, t.modSeq).encode());
            }
            MailboxRecord box = t.findMailbox(mailbox);
            if (box != null) {
                t.put(box.touched(t.modSeq, unseenDelta));
                if (unseenDelta != 0) {
                    t.changes.updated(Collection.MAILBOX, mailbox);
                }
            }
        }
        MessageRecord changed = message.withKeywords(keywords, t.modSeq);
        save(t, changed);
        t.changes.updated(Collection.EMAIL, message.id());
        return changed;
    }
}
