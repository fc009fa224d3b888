package dev.hermod.core.internal.mail;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import dev.hermod.api.store.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Posting lists of the full-text index: for each token, the ascending ids of the contents that have it,
 * in chunks under {@code 10 account 0E token 00 bound(8)}. A chunk's key holds a lower bound of its ids;
 * its value is varint deltas, the first from that bound. The chunks of one token cover disjoint,
 * ascending ranges.
 *
 * <p>Contents reach the lists a batch at a time ({@link PendingIndex#flush}): per token, the batch's ids
 * as chunks of up to {@value #CHUNK_BYTES} bytes keyed by their first id ({@link #write}), blind writes
 * that two writers never conflict over. Since a content may be committed after a later one was moved, the
 * chunks of a token may overlap; readers do not care, and {@link #compact}, which later coalesces each
 * token's run of chunks (a token present in every message then costs about one byte per message) and
 * drops released contents, sorts the ids first.
 */
final class Postings {

    static final int CHUNK_BYTES = 256;

    private Postings() {
    }

    /**
     * Adds contents to a token's list, as new chunks of up to {@value #CHUNK_BYTES} bytes each keyed by its
     * first id.
     *
     * @param ids the content ids, ascending, distinct, not empty
     * @return how many chunks were written
     */
    static int write(Transaction txn, long account, String token, long[] ids) {
        byte[] prefix = MailKeys.postings(account, token);
        return pack(prefix, ids[0], ids, (key, value) -> txn.set(key, value));
    }

    /** Packs ascending ids into chunks, the first keyed by {@code bound}, each next one by its first id. */
    private static int pack(byte[] prefix, long bound, long[] ids, java.util.function.BiConsumer<byte[], byte[]> out) {
        int written = 0;
        ByteWriter chunk = new ByteWriter(CHUNK_BYTES);
        long previous = bound;
        for (long id : ids) {
            int size = varintSize(id - previous);
            if (chunk.size() > 0 && chunk.size() + size > CHUNK_BYTES) {
                out.accept(Keys.concat(prefix, Keys.encodeLong(bound)), chunk.toByteArray());
                written++;
                chunk = new ByteWriter(CHUNK_BYTES);
                bound = id;
                previous = id;
            }
            chunk.varint(id - previous);
            previous = id;
        }
        if (chunk.size() > 0) {
            out.accept(Keys.concat(prefix, Keys.encodeLong(bound)), chunk.toByteArray());
            written++;
        }
        return written;
    }

    /**
     * Rewrites one token's run of consecutive chunks: their ids less the dead ones, packed into as few
     * chunks as fit, the first keeping the run's first key.
     *
     * @param run the chunks, in key order, all of one token
     * @return how many chunks the token's run has now
     */
    static int compact(Transaction txn, List<KeyValue> run, BitSet dead) {
        long[] ids = run.stream().flatMapToLong(kv -> Arrays.stream(decode(kv.key(), kv.value())))
                .filter(id -> id > Integer.MAX_VALUE || !dead.get((int) id)).sorted().distinct().toArray();
        byte[] first = run.get(0).key();
        byte[] prefix = Arrays.copyOf(first, first.length - 8);
        List<byte[][]> packed = new ArrayList<>();
        // the run's first key stays, its bound at most the smallest id (overlapping chunks may have a smaller one)
        long bound = Math.min(MailKeys.lastLong(first), ids.length == 0 ? Long.MAX_VALUE : ids[0]);
        pack(prefix, bound, ids, (key, value) -> packed.add(new byte[][] {key, value}));
        if (same(run, packed)) {
            return run.size();
        }
        for (KeyValue kv : run) {
            txn.clear(kv.key());
        }
        for (byte[][] kv : packed) {
            txn.set(kv[0], kv[1]);
        }
        return packed.size();
    }

    private static boolean same(List<KeyValue> run, List<byte[][]> packed) {
        if (run.size() != packed.size()) {
            return false;
        }
        for (int i = 0; i < run.size(); i++) {
            if (!Arrays.equals(run.get(i).key(), packed.get(i)[0]) || !Arrays.equals(run.get(i).value(), packed.get(i)[1])) {
                return false;
            }
        }
        return true;
    }

    /** The token part of a chunk key: all but the bound. */
    static int tokenLength(byte[] key) {
        return key.length - 8;
    }

    /**
     * Marks the contents having a token, or any token starting with it, in a set of content ids.
     *
     * @param prefix whether {@code token} is a prefix of the tokens wanted
     */
    static void lookup(ReadTransaction txn, long account, String token, boolean prefix, BitSet into) {
        byte[] from = prefix ? MailKeys.postingsPrefix(account, token) : MailKeys.postings(account, token);
        try (KeyValueIterator it = txn.range(from, Keys.strinc(from))) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                for (long id : decode(kv.key(), kv.value())) {
                    if (id <= Integer.MAX_VALUE) {
                        into.set((int) id);
                    }
                }
            }
        }
    }

    static long[] decode(byte[] key, byte[] value) {
        long[] ids = new long[value.length];
        int n = 0;
        long id = MailKeys.lastLong(key);
        int at = 0;
        while (at < value.length) {
            long delta = 0;
            int shift = 0;
            int b;
            do {
                b = value[at++] & 0xFF;
                delta |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0 && at < value.length);
            id += delta;
            ids[n++] = id;
        }
        return Arrays.copyOf(ids, n);
    }

    static byte[] encode(long bound, long[] ids) {
        ByteWriter out = new ByteWriter(ids.length * 2);
        long previous = bound;
        for (long id : ids) {
            out.varint(id - previous);
            previous = id;
        }
        return out.toByteArray();
    }

    private static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }
}
