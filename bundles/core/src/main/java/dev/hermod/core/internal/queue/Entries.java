package dev.hermod.core.internal.queue;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.outbound.QueueEntry;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import dev.hermod.api.store.Transaction;
import dev.hermod.core.internal.mail.SharedBlobReferences;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The queue's reads and writes inside a caller's transaction: creating, loading, claiming, rescheduling and
 * deleting entries. Free of side effects outside the transaction, so the store may run them again.
 */
final class Entries {

    private static final byte[] EMPTY = new byte[0];

    private Entries() {
    }

    /** An entry as stored: its record, its recipients in order, and its lease if any. */
    record Loaded(EntryRecord entry, List<RecipientRecord> recipients, Lease lease) {

        Loaded {
            recipients = List.copyOf(recipients);
        }

        QueueEntry toQueueEntry() {
            boolean pending = recipients.stream().anyMatch(r -> r.state() == QueueEntry.State.PENDING);
            return new QueueEntry(QueueKeys.format(entry.id()), entry.from(), entry.size(), entry.queuedAt(),
                    pending ? entry.nextAttempt() : null, entry.attempts(),
                    recipients.stream().map(RecipientRecord::toState).toList());
        }

        boolean heldBy(String holder) {
            return lease != null && lease.holder().equals(holder);
        }
    }

    /**
     * Stores a new entry, due at once, and takes its reference to the blob.
     *
     * @return the entry's id
     */
    static long create(Transaction txn, Submission s, Instant now, Supplier<BlobStore> blobs) {
        txn.add(QueueKeys.counter(), 1);
        long id = Keys.decodeLongLittleEndian(txn.get(QueueKeys.counter()));
        EntryRecord entry = new EntryRecord(id, s.from(), s.parameters(), s.size(), s.eightBit(), s.smtpUtf8(),
                s.blob(), now, now, now, 0, false, s.recipients().size());
        txn.set(QueueKeys.header(id), entry.encode());
        for (int i = 0; i < s.recipients().size(); i++) {
            txn.set(QueueKeys.recipient(id, i), RecipientRecord.pending(s.recipients().get(i)).encode());
        }
        txn.set(QueueKeys.due(now.toEpochMilli(), id), EMPTY);
        SharedBlobReferences.take(txn, s.blob(), blobs);
        return id;
    }

    /** @return the entry, or {@code null} if there is none */
    static Loaded load(ReadTransaction txn, long id) {
        byte[] prefix = QueueKeys.entry(id);
        EntryRecord entry = null;
        List<RecipientRecord> recipients = new ArrayList<>();
        Lease lease = null;
        try (KeyValueIterator it = txn.range(prefix, Keys.strinc(prefix), 0, false)) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                switch (QueueKeys.kind(kv.key())) {
                    case QueueKeys.HEADER -> entry = EntryRecord.decode(kv.value());
                    case QueueKeys.RECIPIENT -> recipients.add(RecipientRecord.decode(kv.value()));
                    case QueueKeys.LEASE -> lease = Lease.decode(kv.value());
                    default -> {
                        // a later version's key: not ours to read
                    }
                }
            }
        }
        return entry == null ? null : new Loaded(entry, recipients, lease);
    }

    /**
     * Takes the lease on an entry found in the schedule index at {@code dueSeen}, unless another node or
     * thread got there first or holds a live lease. The entry moves in the index to the lease's end, so that
     * it becomes due again if its holder dies.
     *
     * @return the claimed entry, or {@code null} if it is not this caller's to work on
     */
    static Loaded claim(Transaction txn, long id, long dueSeen, Instant now, Lease lease) {
        byte[] index = QueueKeys.due(dueSeen, id);
        if (txn.get(index) == null) {
            return null;
        }
        Loaded loaded = load(txn, id);
        if (loaded == null) {
            txn.clear(index);
            return null;
        }
        if (loaded.entry().due().toEpochMilli() != dueSeen
                || loaded.lease() != null && loaded.lease().live(now)) {
            return null;
        }
        EntryRecord entry = loaded.entry().due(lease.until());
        move(txn, loaded.entry(), entry);
        txn.set(QueueKeys.lease(id), lease.encode());
        return new Loaded(entry, loaded.recipients(), lease);
    }

    /** Writes a changed record and moves the entry in the schedule index to its new due time. */
    static void move(Transaction txn, EntryRecord before, EntryRecord after) {
        long id = after.id();
        txn.clear(QueueKeys.due(before.due().toEpochMilli(), id));
        txn.set(QueueKeys.due(after.due().toEpochMilli(), id), EMPTY);
        txn.set(QueueKeys.header(id), after.encode());
    }

    static void setRecipient(Transaction txn, long id, int index, RecipientRecord recipient) {
        txn.set(QueueKeys.recipient(id, index), recipient.encode());
    }

    static void clearLease(Transaction txn, long id) {
        txn.clear(QueueKeys.lease(id));
    }

    /** Removes every key of the entry and drops its blob reference; collect the blob after the commit. */
    static void delete(Transaction txn, EntryRecord entry) {
        byte[] prefix = QueueKeys.entry(entry.id());
        txn.clearRange(prefix, Keys.strinc(prefix));
        txn.clear(QueueKeys.due(entry.due().toEpochMilli(), entry.id()));
        SharedBlobReferences.release(txn, entry.blob());
    }

    /** A position in the schedule index. */
    record Due(long dueMillis, long id) {
    }

    /** @return up to {@code limit} entries due at or before {@code now}, earliest first */
    static List<Due> due(ReadTransaction txn, Instant now, int limit) {
        List<Due> due = new ArrayList<>();
        try (KeyValueIterator it = txn.range(QueueKeys.schedule(), QueueKeys.dueUntil(now.toEpochMilli()), limit,
                false)) {
            while (it.hasNext()) {
                byte[] key = it.next().key();
                due.add(new Due(QueueKeys.dueOf(key), QueueKeys.idOfDue(key)));
            }
        }
        return due;
    }

    /** @return when the earliest entry is due, or {@code null} if the queue is empty */
    static Instant firstDue(ReadTransaction txn) {
        try (KeyValueIterator it = txn.range(QueueKeys.schedule(), Keys.strinc(QueueKeys.schedule()), 1, false)) {
            return it.hasNext() ? Instant.ofEpochMilli(QueueKeys.dueOf(it.next().key())) : null;
        }
    }
}
