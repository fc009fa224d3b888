package dev.hermod.core.internal.mail;

import dev.hermod.api.directory.Principal;
import dev.hermod.api.mailbox.Changes;
import dev.hermod.api.mailbox.CopyResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * IMAP COPY (RFC 4315: new messages sharing the bytes, the summary and the thread) and MOVE (RFC 6851:
 * the same messages, new UIDs in the target, VANISHED in the source), {@code batchSize} messages per
 * transaction. COPY checks the quota for everything before the first batch and again in each.
 */
final class Transfers {

    private Transfers() {
    }

    private record Batch(List<Long> source, List<Long> target, long uidValidity) {
    }

    static CopyResult copy(MailContext context, Account account, long from, Collection<Long> uids, long to) {
        Principal principal = account.principal();
        long id = account.accountId();
        context.read(txn -> {
            Reads.mailbox(txn, id, from);
            Reads.mailbox(txn, id, to);
            List<UidEntry> entries = Reads.entries(txn, id, from, uids);
            Quotas.check(txn, id, principal, entries.stream().mapToLong(UidEntry::size).sum(), entries.size());
            return null;
        });
        return run(context, id, uids, (t, batch) -> copyBatch(context, t, principal, from, batch, to));
    }

    static CopyResult move(MailContext context, long account, long from, Collection<Long> uids, long to) {
        return run(context, account, uids, (t, batch) -> moveBatch(t, from, batch, to));
    }

    private static CopyResult run(MailContext context, long account, Collection<Long> uids,
            BiFunction<AccountTxn, List<Long>, Batch> work) {
        List<Long> source = new ArrayList<>();
        List<Long> target = new ArrayList<>();
        long uidValidity = 0;
        long state = -1;
        List<List<Long>> batches = Batches.of(uids, context.settings.batchSize());
        if (batches.isEmpty()) {
            batches = List.of(List.of());
        }
        for (List<Long> batch : batches) {
            Committed<Batch> done = context.write(account, t -> work.apply(t, batch));
            source.addAll(done.value().source());
            target.addAll(done.value().target());
            uidValidity = done.value().uidValidity();
            state = done.state();
        }
        return new CopyResult(uidValidity, source, target, state);
    }

    private static Batch copyBatch(MailContext context, AccountTxn t, Principal principal, long from, List<Long> uids,
            long to) {
        t.mailbox(from);
        long uidValidity = t.mailbox(to).uidValidity();
        List<MessageRecord> originals = new ArrayList<>();
        List<Long> source = new ArrayList<>();
        long bytes = 0;
        for (UidEntry entry : Reads.entries(t.txn, t.account, from, uids)) {
            MessageRecord message = MessageWrites.load(t, entry.message());
            if (message != null) {
                originals.add(message);
                source.add(entry.uid());
                bytes += message.size();
            }
        }
        Quotas.check(t.txn, t.account, principal, bytes, originals.size());
        List<Long> target = new ArrayList<>();
        for (MessageRecord original : originals) {
            MessageRecord copy = new MessageRecord(t.next(MailKeys.NEXT_MESSAGE), original.blob(), original.size(),
                    original.receivedAt(), original.thread(), t.modSeq, original.keywords(), new TreeMap<>(),
                    original.content(), original.prefix());
            copy = MessageWrites.join(t, copy, to, MessageWrites.sortRecord(t, original));
            FullText.addMessage(t, copy.content(), copy.id());
            MessageWrites.save(t, copy);
            Threads.add(t, copy, Threads.keys(t.txn, t.account, original.id()));
            t.changes.updated(Changes.Collection.THREAD, copy.thread());
            BlobReferences.take(t, copy.blob(), context::blobs);
            t.count(MailKeys.QUOTA_BYTES, copy.size());
            t.count(MailKeys.QUOTA_MESSAGES, 1);
            t.changes.created(Changes.Collection.EMAIL, copy.id());
            target.add(copy.mailboxes().get(to));
        }
        return new Batch(source, target, uidValidity);
    }

    private static Batch moveBatch(AccountTxn t, long from, List<Long> uids, long to) {
        t.mailbox(from);
        long uidValidity = t.mailbox(to).uidValidity();
        List<Long> source = new ArrayList<>();
        List<Long> target = new ArrayList<>();
        for (UidEntry entry : Reads.entries(t.txn, t.account, from, uids)) {
            MessageRecord message = MessageWrites.load(t, entry.message());
            if (message == null) {
                continue;
            }
            byte[] sort = message.mailboxes().containsKey(to) ? null : MessageWrites.sortRecord(t, message);
            message = MessageWrites.leave(t, message, from, entry);
            if (!message.mailboxes().containsKey(to)) {
                message = MessageWrites.join(t, message, to, sort);
            }
            MessageWrites.save(t, message);
            t.changes.updated(Changes.Collection.EMAIL, message.id());
            source.add(entry.uid());
            target.add(message.mailboxes().get(to));
        }
        return new Batch(source, target, uidValidity);
    }
}
