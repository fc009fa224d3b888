package dev.hermod.core.internal.mail;

import dev.hermod.api.mailbox.Changes.Collection;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversation threads, REFERENCES-style (RFC 5256 §2.2, as JMAP expects): a new message joins the
 * thread of a stored message whose {@code Message-ID} it refers to, of one that refers to the same
 * ancestor (a sibling whose parent is missing), of one with its own {@code Message-ID} (a duplicate), or
 * of one that refers to it (a reply that arrived first); otherwise it starts a thread. Two threads that a
 * late message would join are not merged: it joins the first found, nearest ancestor first.
 *
 * <p>Index: {@code 09 idHash message} → thread for each message's own id, {@code 0A idHash message} →
 * thread for each id it refers to, and {@code 0B thread receivedAt message} listing a thread's messages
 * oldest first.
 */
final class Threads {

    private static final byte[] EMPTY = new byte[0];

    private Threads() {
    }

    /** The thread for a new message, recording the thread as created or updated. */
    static long assign(AccountTxn t, ThreadKeys keys) {
        List<byte[]> parents = new ArrayList<>(keys.references());
        for (byte[] ref : parents) {
            long thread = find(t.txn, t.account, MailKeys.BY_MESSAGE_ID, ref);
            if (thread < 0) {
                thread = find(t.txn, t.account, MailKeys.BY_REFERENCE, ref);
            }
            if (thread >= 0) {
                t.changes.updated(Collection.THREAD, thread);
                return thread;
            }
        }
        if (keys.own() != null) {
            long thread = find(t.txn, t.account, MailKeys.BY_MESSAGE_ID, keys.own());
            if (thread < 0) {
                thread = find(t.txn, t.account, MailKeys.BY_REFERENCE, keys.own());
            }
            if (thread >= 0) {
                t.changes.updated(Collection.THREAD, thread);
                return thread;
            }
        }
        long thread = t.next(MailKeys.NEXT_THREAD);
        t.changes.created(Collection.THREAD, thread);
        return thread;
    }

    private static long find(ReadTransaction txn, long account, byte sub, byte[] hash) {
        try (KeyValueIterator it = txn.prefix(MailKeys.threadLookups(account, sub, hash), 1, false)) {
            return it.hasNext() ? Keys.decodeLong(it.next().value()) : -1;
        }
    }

    /** Indexes a message that joined {@code message.thread()}. */
    static void add(AccountTxn t, MessageRecord message, ThreadKeys keys) {
        byte[] thread = Keys.encodeLong(message.thread());
        if (keys.own() != null) {
            t.txn.set(MailKeys.threadLookup(t.account, MailKeys.BY_MESSAGE_ID, keys.own(), message.id()), thread);
        }
        for (byte[] ref : keys.references()) {
            t.txn.set(MailKeys.threadLookup(t.account, MailKeys.BY_REFERENCE, ref, message.id()), thread);
        }
        t.txn.set(MailKeys.threadMember(t.account, message.thread(), sortable(message.receivedAt()), message.id()),
                EMPTY);
        t.txn.set(MailKeys.threadKeys(t.account, message.id()), keys.encode());
    }

    /** The keys a stored message was indexed with. */
    static ThreadKeys keys(ReadTransaction txn, long account, long message) {
        byte[] value = txn.get(MailKeys.threadKeys(account, message));
        return value == null ? new ThreadKeys(null, List.of()) : ThreadKeys.decode(value);
    }

    /** Removes a destroyed message from the index; its thread is updated, or destroyed if it was the last. */
    static void remove(AccountTxn t, MessageRecord message) {
        ThreadKeys keys = keys(t.txn, t.account, message.id());
        if (keys.own() != null) {
            t.txn.clear(MailKeys.threadLookup(t.account, MailKeys.BY_MESSAGE_ID, keys.own(), message.id()));
        }
        for (byte[] ref : keys.references()) {
            t.txn.clear(MailKeys.threadLookup(t.account, MailKeys.BY_REFERENCE, ref, message.id()));
        }
        t.txn.clear(MailKeys.threadKeys(t.account, message.id()));
        t.txn.clear(MailKeys.threadMember(t.account, message.thread(), sortable(message.receivedAt()), message.id()));
        try (KeyValueIterator it = t.txn.prefix(MailKeys.sub(t.account, MailKeys.THREAD, message.thread()), 1, false)) {
            if (it.hasNext()) {
                t.changes.updated(Collection.THREAD, message.thread());
            } else {
                t.changes.destroyed(Collection.THREAD, message.thread());
            }
        }
    }

    /** A thread's message ids, oldest first. */
    static List<Long> members(ReadTransaction txn, long account, long thread) {
        List<Long> ids = new ArrayList<>();
        try (KeyValueIterator it = txn.prefix(MailKeys.sub(account, MailKeys.THREAD, thread), 0, false)) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                ids.add(MailKeys.lastLong(kv.key()));
            }
        }
        return ids;
    }

    /** Received-at in a key: the sign bit flipped, so that dates before 1970 sort first. */
    private static long sortable(long millis) {
        return millis ^ Long.MIN_VALUE;
    }
}
