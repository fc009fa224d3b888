package dev.hermod.core.internal.mail;

import dev.hermod.api.mailbox.Changes;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * IMAP EXPUNGE and UID EXPUNGE: removes the messages marked {@code $deleted} from a mailbox,
 * {@code batchSize} per transaction. The mark is checked again in each transaction, so a message
 * un-marked meanwhile stays; a run cut short leaves the rest marked, and the next EXPUNGE finishes it.
 */
final class Expunger {

    private Expunger() {
    }

    static List<Long> expunge(MailContext context, long account, long mailbox, Collection<Long> uids) {
        List<Long> candidates = context.read(txn -> {
            Reads.mailbox(txn, account, mailbox);
            List<Long> marked = new ArrayList<>();
            if (uids != null) {
                return new ArrayList<>(uids);
            }
            try (KeyValueIterator it = txn.prefix(MailKeys.sub(account, MailKeys.UID, mailbox), 0, false)) {
                while (it.hasNext()) {
                    KeyValue kv = it.next();
                    long uid = MailKeys.lastLong(kv.key());
                    if (UidEntry.decode(uid, kv.value()).keywords().contains(Keywords.DELETED)) {
                        marked.add(uid);
                    }
                }
            }
            return marked;
        });
        List<Long> removed = new ArrayList<>();
        List<List<Long>> batches = Batches.of(candidates, context.settings.batchSize());
        for (List<Long> batch : batches) {
            removed.addAll(context.write(account, t -> remove(t, mailbox, batch)).value());
        }
        return removed;
    }

    private static List<Long> remove(AccountTxn t, long mailbox, List<Long> uids) {
        t.mailbox(mailbox);
        List<Long> removed = new ArrayList<>();
        for (UidEntry entry : Reads.entries(t.txn, t.account, mailbox, uids)) {
            if (!entry.keywords().contains(Keywords.DELETED)) {
                continue;
            }
            MessageRecord message = MessageWrites.load(t, entry.message());
            if (message == null) {
                continue;
            }
            message = MessageWrites.leave(t, message, mailbox, entry);
            if (message.mailboxes().isEmpty()) {
                MessageWrites.destroy(t, message);
            } else {
                MessageWrites.save(t, message);
                t.changes.updated(Changes.Collection.EMAIL, message.id());
            }
            removed.add(entry.uid());
        }
        return removed;
    }
}
