package dev.hermod.core.internal.mail;

import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.KeywordResult;
import dev.hermod.api.mailbox.MessageEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * IMAP STORE / JMAP keyword changes. Each batch is a transaction with its own change id; within it a
 * message whose MODSEQ is above UNCHANGEDSINCE is reported, not changed (RFC 7162 §3.1.3), and one whose
 * keywords would not change keeps its MODSEQ. Keywords belong to the message, so every mailbox holding it
 * sees the change. A request larger than one batch is not atomic as a whole: each batch is.
 */
final class KeywordStore {

    private KeywordStore() {
    }

    private record Batch(List<MessageEntry> changed, List<Long> notModified) {
    }

    static KeywordResult store(MailContext context, long account, long mailbox, Collection<Long> uids,
            KeywordChange change) {
        List<MessageEntry> changed = new ArrayList<>();
        List<Long> notModified = new ArrayList<>();
        long state = -1;
        List<List<Long>> batches = Batches.of(uids, context.settings.batchSize());
        if (batches.isEmpty()) {
            batches = List.of(List.of());
        }
        for (List<Long> batch : batches) {
            Committed<Batch> done = context.write(account, t -> apply(t, mailbox, batch, change));
            changed.addAll(done.value().changed());
            notModified.addAll(done.value().notModified());
            state = done.state();
        }
        return new KeywordResult(changed, notModified, state);
    }

    private static Batch apply(AccountTxn t, long mailbox, List<Long> uids, KeywordChange change) {
        t.mailbox(mailbox);
        List<MessageEntry> changed = new ArrayList<>();
        List<Long> notModified = new ArrayList<>();
        for (UidEntry entry : Reads.entries(t.txn, t.account, mailbox, uids)) {
            long uid = entry.uid();
            if (change.unchangedSince() >= 0 && entry.modSeq() > change.unchangedSince()) {
                notModified.add(uid);
                continue;
            }
            Set<String> next = KeywordChanges.apply(change, entry.keywords());
            if (next.equals(entry.keywords())) {
                continue;
            }
            MessageRecord message = MessageWrites.load(t, entry.message());
            if (message == null) {
                continue;
            }
            MessageWrites.setKeywords(t, message, next);
            changed.add(entry.withKeywords(next, t.modSeq).toEntry());
        }
        return new Batch(changed, notModified);
    }
}
