package dev.hermod.core.internal.mail;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.ReadTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Small reads shared by the read-only operations. */
final class Reads {

    private Reads() {
    }

    /** The live mailbox, or NO_SUCH_MAILBOX. */
    static MailboxRecord mailbox(ReadTransaction txn, long account, long mailbox) {
        byte[] value = txn.get(MailKeys.mailbox(account, mailbox));
        MailboxRecord record = value == null ? null : MailboxRecord.decode(mailbox, value);
        if (record == null || record.deleting()) {
            throw Errors.noSuchMailbox(mailbox);
        }
        return record;
    }

    /** The message, or NO_SUCH_MESSAGE. */
    static MessageRecord message(ReadTransaction txn, long account, long message) {
        byte[] value = txn.get(MailKeys.message(account, message));
        if (value == null) {
            throw Errors.noSuchMessage(message);
        }
        return MessageRecord.decode(message, value);
    }

    /**
     * The UID entries of some UIDs of a mailbox, ascending; UIDs not there are skipped. Many UIDs are read
     * with one range read over their span rather than a read each, which a networked store answers in a
     * few round trips instead of one per UID.
     */
    static List<UidEntry> entries(ReadTransaction txn, long account, long mailbox, java.util.Collection<Long> uids) {
        TreeSet<Long> wanted = new TreeSet<>(uids);
        List<UidEntry> entries = new ArrayList<>(wanted.size());
        if (wanted.isEmpty()) {
            return entries;
        }
        if (wanted.size() < 16) {
            for (long uid : wanted) {
                byte[] value = txn.get(MailKeys.uid(account, mailbox, uid));
                if (value != null) {
                    entries.add(UidEntry.decode(uid, value));
                }
            }
            return entries;
        }
        try (KeyValueIterator it = txn.range(MailKeys.uid(account, mailbox, wanted.first()),
                MailKeys.uid(account, mailbox, wanted.last() + 1))) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                long uid = MailKeys.lastLong(kv.key());
                if (wanted.contains(uid)) {
                    entries.add(UidEntry.decode(uid, kv.value()));
                }
            }
        }
        return entries;
    }

    static long state(ReadTransaction txn, long account) {
        return MailKeys.counterValue(txn.get(MailKeys.counter(account, MailKeys.CHANGE_ID)));
    }

    static long pruned(ReadTransaction txn, long account) {
        return MailKeys.counterValue(txn.get(MailKeys.counter(account, MailKeys.PRUNED)));
    }
}
