package dev.hermod.core.internal.mail;

import dev.hermod.api.mailbox.Changes.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one change id changed: a change-log entry under {@code 10 account 06 changeId}. Within an entry an
 * id is in one list at most: created wins over updated, destroyed over updated, and an id created and
 * destroyed by the same change is dropped.
 *
 * <p>Format 1: version, then for mailboxes, emails and threads in that order three
 * {@linkplain ByteWriter#ascending ascending id lists} (created, updated, destroyed), then the list of
 * mailboxes that got VANISHED tombstones under this change id (so that pruning finds them).
 */
final class ChangeSet {

    private static final int VERSION = 1;
    private static final int CREATED = 0;
    private static final int UPDATED = 1;
    private static final int DESTROYED = 2;

    @SuppressWarnings("unchecked")
    private final TreeSet<Long>[] lists = new TreeSet[9];
    private final TreeSet<Long> vanishedIn = new TreeSet<>();

    ChangeSet() {
        for (int i = 0; i < lists.length; i++) {
            lists[i] = new TreeSet<>();
        }
    }

    void created(Collection collection, long id) {
        list(collection, UPDATED).remove(id);
        list(collection, CREATED).add(id);
    }

    void updated(Collection collection, long id) {
        if (!list(collection, CREATED).contains(id) && !list(collection, DESTROYED).contains(id)) {
            list(collection, UPDATED).add(id);
        }
    }

    void destroyed(Collection collection, long id) {
        list(collection, UPDATED).remove(id);
        if (!list(collection, CREATED).remove(id)) {
            list(collection, DESTROYED).add(id);
        }
    }

    void vanishedIn(long mailbox) {
        vanishedIn.add(mailbox);
    }

    Set<Long> created(Collection collection) {
        return list(collection, CREATED);
    }

    Set<Long> updated(Collection collection) {
        return list(collection, UPDATED);
    }

    Set<Long> destroyed(Collection collection) {
        return list(collection, DESTROYED);
    }

    Set<Long> vanishedIn() {
        return vanishedIn;
    }

    boolean isEmpty() {
        for (TreeSet<Long> list : lists) {
            if (!list.isEmpty()) {
                return false;
            }
        }
        return vanishedIn.isEmpty();
    }

    private TreeSet<Long> list(Collection collection, int kind) {
        return lists[collection.ordinal() * 3 + kind];
    }

    byte[] encode() {
        ByteWriter out = new ByteWriter(64).u8(VERSION);
        for (Collection collection : List.of(Collection.MAILBOX, Collection.EMAIL, Collection.THREAD)) {
            out.ascending(list(collection, CREATED)).ascending(list(collection, UPDATED))
                    .ascending(list(collection, DESTROYED));
        }
        return out.ascending(vanishedIn).toByteArray();
    }

    static ChangeSet decode(byte[] value) {
        ByteReader in = new ByteReader(value).version(VERSION, "change log");
        ChangeSet set = new ChangeSet();
        for (Collection collection : List.of(Collection.MAILBOX, Collection.EMAIL, Collection.THREAD)) {
            set.list(collection, CREATED).addAll(in.ascending());
            set.list(collection, UPDATED).addAll(in.ascending());
            set.list(collection, DESTROYED).addAll(in.ascending());
        }
        set.vanishedIn.addAll(in.ascending());
        return set;
    }
}
