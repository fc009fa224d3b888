package dev.hermod.imap.internal;

import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.MessageEntry;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages of a selected mailbox in sequence number order, kept compactly: parallel arrays of
 * numbers and one shared instance per distinct keyword set, about 45 octets a message instead of the
 * 150 or so of a list of {@link MessageEntry} records. Idle sessions on large mailboxes are what it
 * saves on. Not thread safe.
 */
final class MessageList {

    private long[] uids;
    private long[] ids;
    private long[] modSeqs;
    private long[] sizes;
    private long[] received;
    private Set<String>[] keywords;
    private int count;
    private final Map<Set<String>, Set<String>> shared = new HashMap<>();

    @SuppressWarnings("unchecked")
    MessageList(List<MessageEntry> entries) {
        int capacity = Math.max(16, entries.size() + entries.size() / 8);
        uids = new long[capacity];
        ids = new long[capacity];
        modSeqs = new long[capacity];
        sizes = new long[capacity];
        received = new long[capacity];
        keywords = new Set[capacity];
        entries.forEach(this::add);
    }

    int size() {
        return count;
    }

    long uid(int index) {
        return uids[index];
    }

    MessageEntry get(int index) {
        return new MessageEntry(uids[index], MessageId.of(ids[index]), keywords[index], modSeqs[index], sizes[index],
                Instant.ofEpochMilli(received[index]));
    }

    void set(int index, MessageEntry e) {
        uids[index] = e.uid();
        ids[index] = e.id().value();
        modSeqs[index] = e.modSeq();
        sizes[index] = e.size();
        received[index] = e.receivedAt().toEpochMilli();
        keywords[index] = shared.computeIfAbsent(e.keywords(), k -> k);
    }

    void add(MessageEntry e) {
        if (count == uids.length) {
            int capacity = count + count / 2 + 16;
            uids = Arrays.copyOf(uids, capacity);
            ids = Arrays.copyOf(ids, capacity);
            modSeqs = Arrays.copyOf(modSeqs, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            received = Arrays.copyOf(received, capacity);
            keywords = Arrays.copyOf(keywords, capacity);
        }
        set(count++, e);
    }

    /** Removes the message at {@code index}; those after it move down one. */
    void remove(int index) {
        int tail = count - index - 1;
        System.arraycopy(uids, index + 1, uids, index, tail);
        System.arraycopy(ids, index + 1, ids, index, tail);
        System.arraycopy(modSeqs, index + 1, modSeqs, index, tail);
        System.arraycopy(sizes, index + 1, sizes, index, tail);
        System.arraycopy(received, index + 1, received, index, tail);
        System.arraycopy(keywords, index + 1, keywords, index, tail);
        keywords[--count] = null;
    }

    /** The keyword set of a message, compared without building an entry. */
    Set<String> keywords(int index) {
        return keywords[index];
    }
}
