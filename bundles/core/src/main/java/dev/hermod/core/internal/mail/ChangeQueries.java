package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mail.ThreadId;
import dev.hermod.api.mailbox.Changes;
import dev.hermod.api.mailbox.Changes.Collection;
import dev.hermod.api.mailbox.MailboxDelta;
import dev.hermod.api.mailbox.MailboxException.Reason;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** JMAP {@code /changes} (RFC 8620 §5.2) and IMAP CONDSTORE/QRESYNC deltas (RFC 7162), read from the change log. */
final class ChangeQueries {

    private enum Net { CREATED, UPDATED, DESTROYED, GONE }

    private ChangeQueries() {
    }

    /**
     * Folds the change-log entries after {@code since} in order. An id created and then updated is only
     * created; updated and then destroyed only destroyed; created and then destroyed is left out
     * (RFC 8620 §5.2). Whole entries are taken while the ids to return stay within {@code maxChanges};
     * then {@code newState} is the last entry taken and {@code hasMore} is set.
     */
    static Changes changes(ReadTransaction txn, long account, Collection collection, long since, int maxChanges) {
        if (maxChanges < 1) {
            throw new IllegalArgumentException("maxChanges must be at least 1, not " + maxChanges);
        }
        long current = Reads.state(txn, account);
        long pruned = Reads.pruned(txn, account);
        if (since < pruned || since > current) {
            throw Errors.of(Reason.CANNOT, "The state " + since + " is " + (since > current ? "unknown" : "too old")
                    + " (the change log keeps states " + pruned + " to " + current + "); fetch everything again.");
        }
        Map<Long, Net> net = new HashMap<>();
        int returned = 0;
        long newState = since;
        boolean hasMore = false;
        try (KeyValueIterator it = txn.range(MailKeys.change(account, since + 1), MailKeys.change(account, current + 1))) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                ChangeSet entry = ChangeSet.decode(kv.value());
                Map<Long, Net> next = new HashMap<>();
                entry.created(collection).forEach(id -> next.put(id, fold(net.get(id), Net.CREATED)));
                entry.updated(collection).forEach(id -> next.put(id, fold(net.get(id), Net.UPDATED)));
                entry.destroyed(collection).forEach(id -> next.put(id, fold(net.get(id), Net.DESTROYED)));
                int after = returned;
                for (Map.Entry<Long, Net> e : next.entrySet()) {
                    after += (e.getValue() != Net.GONE ? 1 : 0) - (net.containsKey(e.getKey()) && net.get(e.getKey()) != Net.GONE ? 1 : 0);
                }
                if (after > maxChanges) {
                    if (newState == since && net.isEmpty()) {
                        throw Errors.of(Reason.CANNOT, "One change touched " + after + " objects, more than maxChanges "
                                + maxChanges + "; fetch everything again or ask for more changes at once.");
                    }
                    hasMore = true;
                    break;
                }
                net.putAll(next);
                returned = after;
                newState = MailKeys.lastLong(kv.key());
            }
        }
        if (!hasMore) {
            newState = current;
        }
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> destroyed = new ArrayList<>();
        for (long id : new TreeSet<>(net.keySet())) {
            switch (net.get(id)) {
                case CREATED -> created.add(jmapId(collection, id));
                case UPDATED -> updated.add(jmapId(collection, id));
                case DESTROYED -> destroyed.add(jmapId(collection, id));
                case GONE -> { }
            }
        }
        return new Changes(since, newState, hasMore, created, updated, destroyed);
    }

    private static Net fold(Net before, Net event) {
        if (before == null) {
            return event;
        }
        return switch (before) {
            case CREATED -> event == Net.DESTROYED ? Net.GONE : Net.CREATED;
            case UPDATED -> event == Net.DESTROYED ? Net.DESTROYED : Net.UPDATED;
            case DESTROYED, GONE -> before;
        };
    }

    private static String jmapId(Collection collection, long id) {
        return switch (collection) {
            case MAILBOX -> MailboxId.of(id).toString();
            case EMAIL -> MessageId.of(id).toString();
            case THREAD -> ThreadId.of(id).toString();
        };
    }

    /**
     * Messages of a mailbox changed after {@code since}, from the MODSEQ index {@code 08 mailbox modseq uid},
     * and UIDs gone since, from the tombstones {@code 07 mailbox modseq uid}. When the log no longer reaches
     * back to {@code since}, every UID below UIDNEXT that is not in the mailbox is reported as vanished,
     * as RFC 7162 §4 allows a server that does not remember when messages were expunged.
     */
    static MailboxDelta delta(ReadTransaction txn, long account, long mailbox, long since) {
        MailboxRecord box = Reads.mailbox(txn, account, mailbox);
        TreeSet<Long> changedUids = new TreeSet<>();
        try (KeyValueIterator it = txn.range(MailKeys.sub(account, MailKeys.MODSEQ, mailbox, since + 1),
                Keys.strinc(MailKeys.sub(account, MailKeys.MODSEQ, mailbox)))) {
            while (it.hasNext()) {
                changedUids.add(MailKeys.lastLong(it.next().key()));
            }
        }
        List<MessageEntry> changed = Reads.entries(txn, account, mailbox, changedUids).stream().map(UidEntry::toEntry)
                .toList();
        TreeSet<Long> vanished = new TreeSet<>();
        if (since >= Reads.pruned(txn, account)) {
            try (KeyValueIterator it = txn.range(MailKeys.sub(account, MailKeys.VANISHED, mailbox, since + 1),
                    Keys.strinc(MailKeys.sub(account, MailKeys.VANISHED, mailbox)))) {
                while (it.hasNext()) {
                    vanished.add(MailKeys.lastLong(it.next().key()));
                }
            }
        } else {
            long expected = 1;
            try (KeyValueIterator it = txn.prefix(MailKeys.sub(account, MailKeys.UID, mailbox), 0, false)) {
                while (it.hasNext()) {
                    long uid = MailKeys.lastLong(it.next().key());
                    for (; expected < uid; expected++) {
                        vanished.add(expected);
                    }
                    expected = uid + 1;
                }
            }
            for (; expected < box.uidNext(); expected++) {
                vanished.add(expected);
            }
        }
        return new MailboxDelta(changed, new ArrayList<>(vanished), box.highestModSeq());
    }
}
