package dev.hermod.core.internal.mail;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import dev.hermod.api.store.Transaction;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Contents indexed but not yet in the posting lists: the transaction that stores a message writes its tokens
 * as one value ({@code 10 account 12 content(8) part(8)}, the sorted tokens separated by NUL, split in parts
 * of at most {@value #PART_BYTES} octets) instead of one posting key per token, and a background
 * {@link #flush} moves a batch of contents at a time into the posting lists, one chunk per token for the
 * whole batch. A delivery so writes a few keys instead of hundreds. Searches read both: the posting lists
 * and, through {@link #lookup}, the few contents still pending.
 */
final class PendingIndex {

    /** Octets of tokens one pending value holds at most. */
    static final int PART_BYTES = 60_000;
    /** Pending values one flush transaction moves at most. */
    static final int BATCH = 500;

    private PendingIndex() {
    }

    /** Records a new content's tokens, to be moved into the posting lists later. */
    static void add(Transaction txn, long account, long content, List<String> tokens) {
        ByteArrayOutputStream part = new ByteArrayOutputStream(Math.min(PART_BYTES, tokens.size() * 12 + 16));
        long n = 0;
        for (String token : tokens) {
            byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
            if (part.size() > 0 && part.size() + 1 + bytes.length > PART_BYTES) {
                txn.set(MailKeys.sub(account, MailKeys.PENDING_INDEX, content, n++), part.toByteArray());
                part.reset();
            }
            if (part.size() > 0) {
                part.write(0);
            }
            part.writeBytes(bytes);
        }
        txn.set(MailKeys.sub(account, MailKeys.PENDING_INDEX, content, n), part.toByteArray());
    }

    /**
     * Forgets a content's pending tokens (its last message is gone before they were moved).
     *
     * @return whether it had any
     */
    static boolean remove(Transaction txn, long account, long content) {
        byte[] prefix = MailKeys.sub(account, MailKeys.PENDING_INDEX, content);
        boolean had;
        try (KeyValueIterator it = txn.prefix(prefix, 1, false)) {
            had = it.hasNext();
        }
        if (had) {
            txn.clearRange(prefix, Keys.strinc(prefix));
        }
        return had;
    }

    /**
     * A pending value: some of a content's tokens.
     *
     * @param content the content id
     * @param tokens  its tokens, NUL-separated
     */
    record Entry(long content, byte[] tokens) {
    }

    /** The account's pending values, read once per search and then looked up per token. */
    static List<Entry> read(ReadTransaction txn, long account) {
        List<Entry> entries = new ArrayList<>();
        try (KeyValueIterator it = txn.prefix(MailKeys.sub(account, MailKeys.PENDING_INDEX), 0, false)) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                entries.add(new Entry(MailKeys.secondLastLong(kv.key()), kv.value()));
            }
        }
        return entries;
    }

    /**
     * Marks the pending contents having a token, or a token starting with it.
     *
     * @param pending the account's pending values ({@link #read})
     * @param prefix  whether {@code token} is a prefix of the tokens wanted
     */
    static void lookup(List<Entry> pending, String token, boolean prefix, BitSet into) {
        byte[] wanted = token.getBytes(StandardCharsets.UTF_8);
        for (Entry e : pending) {
            if (contains(e.tokens(), wanted, prefix)) {
                FullText.set(into, e.content());
            }
        }
    }

    /** Whether NUL-separated {@code tokens} hold {@code wanted}, or (prefix) a token starting with it. */
    private static boolean contains(byte[] tokens, byte[] wanted, boolean prefix) {
        int start = 0;
        while (start <= tokens.length) {
            int end = start;
            while (end < tokens.length && tokens[end] != 0) {
                end++;
            }
            int length = end - start;
            if ((prefix ? length >= wanted.length : length == wanted.length)
                    && Arrays.equals(tokens, start, start + wanted.length, wanted, 0, wanted.length)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** @return whether the account has contents waiting to be moved into the posting lists */
    static boolean any(ReadTransaction txn, long account) {
        try (KeyValueIterator it = txn.prefix(MailKeys.sub(account, MailKeys.PENDING_INDEX), 1, false)) {
            return it.hasNext();
        }
    }

    /**
     * Moves every pending content into the posting lists, {@value #BATCH} values per transaction: per
     * token, the batch's ids as packed chunks ({@link Postings#write}).
     *
     * @return how many contents were moved
     */
    static long flush(KeyValueStore store, long account) {
        byte[] prefix = MailKeys.sub(account, MailKeys.PENDING_INDEX);
        long moved = 0;
        while (true) {
            long n = store.write(txn -> {
                List<KeyValue> batch;
                try (KeyValueIterator it = txn.prefix(prefix, BATCH, false)) {
                    batch = it.toList();
                }
                int stop = batch.size();
                if (stop == BATCH) { // a content's parts move together: leave the last content for the next batch
                    long last = MailKeys.secondLastLong(batch.get(stop - 1).key());
                    while (stop > 0 && MailKeys.secondLastLong(batch.get(stop - 1).key()) == last) {
                        stop--;
                    }
                    if (stop == 0) {
                        stop = batch.size();
                    }
                }
                Map<String, long[]> ids = new TreeMap<>();
                Map<String, Integer> counts = new TreeMap<>();
                long contents = 0;
                long previous = -1;
                for (KeyValue kv : batch.subList(0, stop)) {
                    long content = MailKeys.secondLastLong(kv.key());
                    if (content != previous) {
                        contents++;
                        previous = content;
                    }
                    for (String token : tokens(kv.value())) {
                        int count = counts.merge(token, 1, Integer::sum);
                        long[] list = ids.computeIfAbsent(token, t -> new long[4]);
                        if (count > list.length) {
                            list = Arrays.copyOf(list, list.length * 2);
                            ids.put(token, list);
                        }
                        list[count - 1] = content;
                    }
                    txn.clear(kv.key());
                }
                long chunks = 0;
                for (Map.Entry<String, long[]> e : ids.entrySet()) {
                    long[] list = Arrays.copyOf(e.getValue(), counts.get(e.getKey()));
                    Arrays.sort(list);
                    chunks += Postings.write(txn, account, e.getKey(), list);
                }
                txn.add(MailKeys.counter(account, MailKeys.NEW_POSTINGS), chunks);
                return contents;
            });
            moved += n;
            if (n == 0) {
                return moved;
            }
        }
    }

    private static List<String> tokens(byte[] value) {
        List<String> tokens = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length; i++) {
            if (i == value.length || value[i] == 0) {
                if (i > start) {
                    tokens.add(new String(value, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return tokens;
    }
}
