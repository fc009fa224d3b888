package dev.hermod.core.internal.mail;

import dev.hermod.api.mailbox.Changes.Collection;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.Keys;

/**
 * The second phase of deleting a mailbox. The first phase marked it deleted (it is gone for every reader
 * from then on); this one takes its messages out {@code batchSize} per transaction — destroying those it
 * was the only mailbox of — and finally clears its UID, MODSEQ and VANISHED ranges and its record. Every
 * step is idempotent, so a run interrupted by a crash is finished by the next one (started when a
 * listing meets a mailbox still marked).
 */
final class MailboxDeletion {

    private MailboxDeletion() {
    }

    static void run(MailContext context, long account, long mailbox) {
        boolean more = true;
        while (more) {
            more = context.write(account, t -> step(t, mailbox, context.settings.batchSize())).value();
        }
    }

    private static boolean step(AccountTxn t, long mailbox, int batch) {
        byte[] record = t.txn.get(MailKeys.mailbox(t.account, mailbox));
        if (record == null || !MailboxRecord.decode(mailbox, record).deleting()) {
            return false;
        }
        byte[] prefix = MailKeys.sub(t.account, MailKeys.UID, mailbox);
        java.util.List<KeyValue> entries = t.txn.prefix(prefix, batch, false).toList();
        for (KeyValue kv : entries) {
            UidEntry entry = UidEntry.decode(MailKeys.lastLong(kv.key()), kv.value());
            MessageRecord message = MessageWrites.load(t, entry.message());
            if (message == null || !message.mailboxes().containsKey(mailbox)) {
                t.txn.clear(kv.key());
                continue;
            }
            message = MessageWrites.leave(t, message, mailbox, entry);
            if (message.mailboxes().isEmpty()) {
                MessageWrites.destroy(t, message);
            } else {
                MessageWrites.save(t, message);
                t.changes.updated(Collection.EMAIL, message.id());
            }
        }
        if (!entries.isEmpty()) {
            return true;
        }
        for (byte sub : new byte[] {MailKeys.UID, MailKeys.SORT, MailKeys.MODSEQ, MailKeys.VANISHED, MailKeys.RECENT}) {
            byte[] range = MailKeys.sub(t.account, sub, mailbox);
            t.txn.clearRange(range, Keys.strinc(range));
        }
        t.remove(mailbox);
        return false;
    }
}
