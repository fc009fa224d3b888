package dev.hermod.core.internal.mail;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import dev.hermod.api.store.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/**
 * Posting lists of the full-text index: for each token, the ascending ids of the contents that have it,
 * in chunks under {@code 10 account 0E token 00 bound(8)}. A chunk's key holds a lower bound of its ids;
 * its value is varint deltas, the first from that bound. The chunks of one token cover disjoint,
 * ascending ranges.
 *
 * <p>Indexing a content writes, per token, a chunk of that one id, keyed by it ({@link #add}): blind
 * writes, no read, so a networked store takes a message's few hundred postings in one round trip, and
 * two writers never conflict over a chunk. {@link #compact} later coalesces each token's run of chunks
 * into chunks of up to {@value #CHUNK_BYTES} bytes (a token present in every message then costs about
 * one byte per message) and drops released contents.
 */
final class Postings {

    static final int CHUNK_BYTES = 256;
    private static final byte[] SINGLE = {0};

    private Postings() {
    }

    /** Adds a content to the lists of its tokens, as one-id chunks. */
    static void add(Transaction txn, long account, long content, Collection<String> tokens) {
        for (String token : tokens) {
            txn.set(MailKeys.postingChunk(account, token, content), SINGLE);
        }
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
                .filter(id -> id > Integer.MAX_VALUE || !dead.get((int) id)).toArray();
        byte[] first = run.get(0).key();
        byte[] prefix = Arrays.copyOf(first, first.length - 8);
        List<byte[][]> packed = new ArrayList<>();
        long bound = MailKeys.lastLong(first);
        ByteWriter chunk = new ByteWriter(CHUNK_BYTES);
        long previous = bound;
        for (long id : ids) {
            int size = varintSize(id - previous);
            if (chunk.size() > 0 && chunk.size() + size > CHUNK_BYTES) {
                packed.add(new byte[][] {Keys.concat(prefix, Keys.encodeLong(bound)), chunk.toByteArray()});
                chunk = new ByteWriter(CHUNK_BYTES);
                bound = id;
                previous = id;
            }
            chunk.varint(id - previous);
            previous = id;
        }
        if (chunk.size() > 0) {
            packed.add(new byte[][] {Keys.concat(prefix, Keys.encodeLong(bound)), chunk.toByteArray()});
        }
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
