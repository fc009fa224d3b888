package dev.hermod.core.internal.mail;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The full-text index of an account, by <em>content</em>: the distinct message bytes (a blob) the account
 * holds, numbered from the counter {@code 10 account 01 09} when the account first stores them, so that
 * copies of a message and the same message delivered twice share one entry. Keys:
 * <pre>
 * 10 account 05 hash 02              content id of the blob (8 bytes)
 * 10 account 0E token 00 first(8)    posting list chunk ({@link Postings})
 * 10 account 12 content part(8)      tokens of a content not yet in the posting lists ({@link PendingIndex})
 * 10 account 0F content message      (empty) the messages with that content
 * 10 account 10 content              (empty) a released content whose postings are still to remove
 * 10 account 01 0A                   counter: released contents not yet removed from the postings
 * 10 account 01 0B                   counter: posting chunks written since the last compaction
 * 10 account 01 0C                   counter: posting chunks the last compaction left
 * </pre>
 * Indexing a content writes its tokens as one pending value in the transaction that stores the message;
 * the background {@link PendingIndex#flush} moves them into the posting lists a batch of contents at a time,
 * and searches read the pending ones meanwhile. Releasing it (its last message destroyed) removes the blob's keys and its {@code 0F}
 * entries in that transaction, so no search finds it from then on (a search maps contents to messages
 * through {@code 0F}, or meets only live contents in UID entries), and marks it released; its postings
 * stay. {@link #compact} puts both right in the background: one pass over every posting chunk of the
 * account, a bounded batch per transaction, packing each token's chunks and dropping released ids. It runs
 * when the chunks written since reach a quarter of the chunks (at least {@value #MIN_NEW_POSTINGS}), or the
 * released contents a tenth of the messages: an append costs a few blind writes only, a bulk expunge no
 * posting write at all, the index carries at most about 10% dead ids, and no per-message token list is
 * kept to find a message's postings again.
 */
final class FullText {

    /** Posting chunks one compaction transaction reads at most. */
    static final int BATCH = 1_000;
    /** One-id chunks that make a compaction worth its pass at the least. */
    static final long MIN_NEW_POSTINGS = 20_000;
    private static final byte[] EMPTY = new byte[0];

    private FullText() {
    }

    /** Numbers and indexes a content new to the account. */
    static long index(AccountTxn t, byte[] hash, List<String> tokens) {
        long content = t.next(MailKeys.LAST_CONTENT);
        t.txn.set(MailKeys.blobContent(t.account, hash), Keys.encodeLong(content));
        PendingIndex.add(t.txn, t.account, content, tokens);
        t.indexWork = true;
        return content;
    }

    /** @return the blob's content id in the account, or 0 if it has none (stored before the index) */
    static long contentOf(ReadTransaction txn, long account, byte[] hash) {
        byte[] value = txn.get(MailKeys.blobContent(account, hash));
        return value == null ? 0 : Keys.decodeLong(value);
    }

    static void addMessage(AccountTxn t, long content, long message) {
        if (content > 0) {
            t.txn.set(MailKeys.contentMessage(t.account, content, message), EMPTY);
        }
    }

    static void removeMessage(AccountTxn t, long content, long message) {
        if (content > 0) {
            t.txn.clear(MailKeys.contentMessage(t.account, content, message));
        }
    }

    /** The account's last message with the blob is gone: its content is left for {@link #compact}. */
    static void release(AccountTxn t, byte[] hash) {
        long content = contentOf(t.txn, t.account, hash);
        if (content > 0 && !PendingIndex.remove(t.txn, t.account, content)) {
            t.txn.set(MailKeys.deadContent(t.account, content), EMPTY);
            t.count(MailKeys.DEAD_CONTENTS, 1);
            t.indexWork = true;
        }
    }

    /** The messages with some contents, as a set of message ids. */
    static BitSet messages(ReadTransaction txn, long account, BitSet contents) {
        BitSet messages = new BitSet();
        if (contents.cardinality() > 256) {
            try (KeyValueIterator it = txn.prefix(MailKeys.sub(account, MailKeys.CONTENT_MESSAGE), 0, false)) {
                while (it.hasNext()) {
                    byte[] key = it.next().key();
                    long content = MailKeys.secondLastLong(key);
                    if (content <= Integer.MAX_VALUE && contents.get((int) content)) {
                        set(messages, MailKeys.lastLong(key));
                    }
                }
            }
            return messages;
        }
        for (int c = contents.nextSetBit(0); c >= 0; c = contents.nextSetBit(c + 1)) {
            try (KeyValueIterator it = txn.prefix(MailKeys.sub(account, MailKeys.CONTENT_MESSAGE, c), 0, false)) {
                while (it.hasNext()) {
                    set(messages, MailKeys.lastLong(it.next().key()));
                }
            }
        }
        return messages;
    }

    static void set(BitSet set, long id) {
        if (id <= Integer.MAX_VALUE) {
            set.set((int) id);
        }
    }

    /** Whether a {@link #compact} pass is worth it now. */
    static boolean compactionDue(ReadTransaction txn, long account) {
        long dead = MailKeys.counterValue(txn.get(MailKeys.counter(account, MailKeys.DEAD_CONTENTS)));
        long messages = MailKeys.counterValue(txn.get(MailKeys.counter(account, MailKeys.QUOTA_MESSAGES)));
        long fresh = MailKeys.counterValue(txn.get(MailKeys.counter(account, MailKeys.NEW_POSTINGS)));
        long chunks = MailKeys.counterValue(txn.get(MailKeys.counter(account, MailKeys.POSTING_CHUNKS)));
        return dead > 0 && dead * 10 >= messages || fresh >= Math.max(MIN_NEW_POSTINGS, chunks / 4);
    }

    /**
     * One pass over the account's posting chunks, {@value #BATCH} per transaction: each token's run of
     * chunks is packed ({@link Postings#compact}) without the contents released before the pass, which
     * are then forgotten. Contents released and postings written meanwhile wait for the next pass, or are
     * packed by this one if it meets them (either is correct).
     *
     * @return how many posting chunks the account has after the pass
     */
    static long compact(KeyValueStore store, long account) {
        record Start(BitSet dead, long fresh) {
        }
        Start start = store.read(txn -> {
            BitSet ids = new BitSet();
            try (KeyValueIterator it = txn.prefix(MailKeys.sub(account, MailKeys.DEAD_CONTENT), 0, false)) {
                while (it.hasNext()) {
                    set(ids, MailKeys.lastLong(it.next().key()));
                }
            }
            return new Start(ids, MailKeys.counterValue(txn.get(MailKeys.counter(account, MailKeys.NEW_POSTINGS))));
        });
        byte[] end = Keys.strinc(MailKeys.sub(account, MailKeys.POSTINGS));
        byte[] from = MailKeys.sub(account, MailKeys.POSTINGS);
        long chunks = 0;
        while (from != null) {
            byte[] first = from;
            record Step(byte[] next, long chunks) {
            }
            Step step = store.write(txn -> {
                List<KeyValue> batch;
                try (KeyValueIterator it = txn.range(first, end, BATCH, false)) {
                    batch = it.toList();
                }
                boolean more = batch.size() == BATCH;
                int stop = batch.size();
                if (more) { // leave the last token's run whole for the next batch, unless it is the whole batch
                    byte[] last = batch.get(stop - 1).key();
                    while (stop > 0 && sameToken(batch.get(stop - 1).key(), last)) {
                        stop--;
                    }
                    if (stop == 0) {
                        stop = batch.size();
                    }
                }
                long kept = 0;
                int i = 0;
                while (i < stop) {
                    int j = i + 1;
                    while (j < stop && sameToken(batch.get(j).key(), batch.get(i).key())) {
                        j++;
                    }
                    kept += Postings.compact(txn, batch.subList(i, j), start.dead());
                    i = j;
                }
                return new Step(more ? Keys.concat(batch.get(stop - 1).key(), new byte[] {0}) : null, kept);
            });
            chunks += step.chunks();
            from = step.next();
        }
        long total = chunks;
        store.write(txn -> {
            BitSet dead = start.dead();
            for (int id = dead.nextSetBit(0); id >= 0; id = dead.nextSetBit(id + 1)) {
                txn.clear(MailKeys.deadContent(account, id));
            }
            txn.add(MailKeys.counter(account, MailKeys.DEAD_CONTENTS), -dead.cardinality());
            txn.add(MailKeys.counter(account, MailKeys.NEW_POSTINGS), -start.fresh());
            txn.set(MailKeys.counter(account, MailKeys.POSTING_CHUNKS), MailKeys.counterBytes(total));
            return null;
        });
        return total;
    }

    private static boolean sameToken(byte[] a, byte[] b) {
        return a.length == b.length && Arrays.equals(a, 0, a.length - 8, b, 0, b.length - 8);
    }
}
