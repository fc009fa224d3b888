package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mailbox.Changes.Collection;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One write transaction on one account. It reads the account's change counter first, so that every
 * writer of the account conflicts with every other and the store serializes them; the change id it will
 * commit is that value plus one. {@link #finish()} writes the mailboxes it changed, the change-log entry
 * and the counter, unless nothing changed.
 *
 * <p>Created afresh for every attempt of the store's retry loop: it holds no state across attempts.
 */
final class AccountTxn {

    final Transaction txn;
    final long account;
    final long modSeq;
    final ChangeSet changes = new ChangeSet();
    /** Blobs this account no longer refers to at all: candidates for deletion after commit. */
    final Set<BlobHash> released = new LinkedHashSet<>();
    /** Whether postings were written or contents released, so that {@link FullText#compact} may be due. */
    boolean indexWork;
    private final Map<Long, MailboxRecord> mailboxes = new TreeMap<>();
    private final Set<Long> dirty = new LinkedHashSet<>();
    private final long pruned;

    private AccountTxn(Transaction txn, long account, long current, long pruned) {
        this.txn = txn;
        this.account = account;
        this.modSeq = current + 1;
        this.pruned = pruned;
    }

    static AccountTxn begin(Transaction txn, long account) {
        long current = MailKeys.counterValue(txn.get(MailKeys.counter(account, MailKeys.CHANGE_ID)));
        long pruned = MailKeys.counterValue(txn.snapshot().get(MailKeys.counter(account, MailKeys.PRUNED)));
        return new AccountTxn(txn, account, current, pruned);
    }

    /** The live mailbox, read once per transaction. */
    MailboxRecord mailbox(long id) {
        MailboxRecord mailbox = findMailbox(id);
        if (mailbox == null) {
            throw Errors.noSuchMailbox(id);
        }
        return mailbox;
    }

    /** The live mailbox, or {@code null} if there is none or it is being deleted. */
    MailboxRecord findMailbox(long id) {
        MailboxRecord mailbox = mailboxes.get(id);
        if (mailbox == null && !mailboxes.containsKey(id)) {
            byte[] value = txn.get(MailKeys.mailbox(account, id));
            mailbox = value == null ? null : MailboxRecord.decode(id, value);
            mailboxes.put(id, mailbox);
        }
        return mailbox == null || mailbox.deleting() ? null : mailbox;
    }

    /** Every mailbox record, including those being deleted, by id. */
    List<MailboxRecord> allMailboxes() {
        Map<Long, MailboxRecord> all = new TreeMap<>();
        try (KeyValueIterator it = txn.prefix(MailKeys.sub(account, MailKeys.MAILBOX), 0, false)) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                long id = MailKeys.lastLong(kv.key());
                all.put(id, MailboxRecord.decode(id, kv.value()));
            }
        }
        mailboxes.forEach((id, cached) -> {
            if (cached == null) {
                all.remove(id);
            } else {
                all.put(id, cached);
            }
        });
        return new ArrayList<>(all.values());
    }

    /** Records a changed mailbox; written by {@link #finish()}. */
    void put(MailboxRecord mailbox) {
        mailboxes.put(mailbox.id(), mailbox);
        dirty.add(mailbox.id());
    }

    /** Removes a mailbox record for good. */
    void remove(long mailbox) {
        mailboxes.put(mailbox, null);
        dirty.remove(mailbox);
        txn.clear(MailKeys.mailbox(account, mailbox));
    }

    /** Takes the next value of a per-account id counter. */
    long next(byte counter) {
        byte[] key = MailKeys.counter(account, counter);
        txn.add(key, 1);
        return MailKeys.counterValue(txn.get(key));
    }

    void count(byte counter, long delta) {
        txn.add(MailKeys.counter(account, counter), delta);
    }

    long counter(byte counter) {
        return MailKeys.counterValue(txn.get(MailKeys.counter(account, counter)));
    }

    /** Whether the change log has grown past what {@code keep} asks for by a margin. */
    boolean needsPruning(int keep) {
        return modSeq - pruned > keep + Math.max(16, keep / 10);
    }

    /**
     * Writes what changed.
     *
     * @return the account's state after the transaction: {@link #modSeq} if anything changed, else the
     *         state it had
     */
    long finish() {
        for (long id : dirty) {
            txn.set(MailKeys.mailbox(account, id), mailboxes.get(id).encode());
        }
        if (changes.isEmpty() && dirty.isEmpty()) {
            return modSeq - 1;
        }
        if (changes.isEmpty()) {
            dirty.forEach(id -> changes.updated(Collection.MAILBOX, id));
        }
        txn.set(MailKeys.change(account, modSeq), changes.encode());
        txn.set(MailKeys.counter(account, MailKeys.CHANGE_ID), Keys.encodeLongLittleEndian(modSeq));
        return modSeq;
    }
}
