package dev.hermod.core.internal;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.admin.MigrationReport;
import dev.hermod.api.admin.StorageAdmin.Kind;
import dev.hermod.api.admin.StoreDigest;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every key of one store to another, range by range: each batch makes {@code [start, end)} of the
 * target equal to the same range of the source, in one write transaction that stays well within the store
 * limits (at most {@value #BATCH_KEYS} keys and {@value #BATCH_BYTES} bytes).
 */
final class KeyValueMigration {

    static final int BATCH_KEYS = 1000;
    static final int BATCH_BYTES = 4 * 1024 * 1024;
    private static final byte[] FIRST = new byte[0];
    private static final byte[] END = {(byte) 0xFF};
    private static final String KIND = "kv";
    private static final Logger LOG = LoggerFactory.getLogger(KeyValueMigration.class);

    private final String fromName;
    private final KeyValueStore from;
    private final String toName;
    private final KeyValueStore to;
    private final MigrationCursors cursors;

    KeyValueMigration(String fromName, KeyValueStore from, String toName, KeyValueStore to, MigrationCursors cursors) {
        this.fromName = fromName;
        this.from = from;
        this.toName = toName;
        this.to = to;
        this.cursors = cursors;
    }

    MigrationReport run(boolean restart, MigrationProgress progress) {
        Optional<String> saved = restart ? Optional.empty() : cursors.load(KIND, fromName, toName);
        byte[] start = saved.map(HexFormat.of()::parseHex).orElse(FIRST);
        if (saved.isPresent()) {
            LOG.info("Resuming key migration {} -> {} at key {}", fromName, toName, Keys.printable(start));
        } else {
            LOG.info("Starting key migration {} -> {}", fromName, toName);
        }
        long total = digest(fromName, from, (phase, done, t, bytes) -> progress.update("counting", done, -1, bytes)).entries();
        long copied = 0;
        long removed = 0;
        long bytes = 0;
        while (true) {
            byte[] batchStart = start;
            List<KeyValue> batch = from.read(txn -> readBatch(txn.range(batchStart, END, 0, false)));
            boolean last = batch.size() < BATCH_KEYS && sum(batch) < BATCH_BYTES;
            byte[] end = last ? END : keyAfter(batch.get(batch.size() - 1).key());
            removed += to.write(txn -> mirror(txn, batchStart, end, batch));
            copied += batch.size();
            bytes += sum(batch);
            progress.update("copying", copied, total, bytes);
            if (last) {
                break;
            }
            cursors.save(KIND, fromName, toName, HexFormat.of().formatHex(end));
            start = end;
        }
        cursors.clear(KIND, fromName, toName);
        StoreDigest source = digest(fromName, from, (phase, done, t, b) -> progress.update("verifying " + fromName, done, t, b));
        StoreDigest target = digest(toName, to, (phase, done, t, b) -> progress.update("verifying " + toName, done, t, b));
        MigrationReport report = new MigrationReport(copied, removed, saved.isPresent(), source, target);
        LOG.info("Key migration {} -> {}: {} keys copied, {} removed, {}", fromName, toName, copied, removed,
                report.verified() ? "verified: " + target.entries() + " keys, sha256 " + target.sha256()
                        : "MISMATCH (source " + source + ", target " + target + "); run it again");
        return report;
    }

    /** Makes {@code [start, end)} of the target hold exactly {@code batch}; returns how many keys it removed. */
    private static long mirror(dev.hermod.api.store.Transaction txn, byte[] start, byte[] end, List<KeyValue> batch) {
        long stale = 0;
        int i = 0;
        try (KeyValueIterator existing = txn.range(start, end, 0, false)) {
            while (existing.hasNext()) {
                byte[] key = existing.next().key();
                while (i < batch.size() && Keys.compare(batch.get(i).key(), key) < 0) {
                    i++;
                }
                if (i >= batch.size() || !Arrays.equals(batch.get(i).key(), key)) {
                    stale++;
                }
            }
        }
        txn.clearRange(start, end);
        for (KeyValue kv : batch) {
            txn.set(kv.key(), kv.value());
        }
        return stale;
    }

    static List<KeyValue> readBatch(KeyValueIterator range) {
        List<KeyValue> batch = new ArrayList<>();
        long size = 0;
        try (range) {
            while (range.hasNext() && batch.size() < BATCH_KEYS && size < BATCH_BYTES) {
                KeyValue kv = range.next();
                batch.add(kv);
                size += kv.key().length + kv.value().length;
            }
        }
        return batch;
    }

    static long sum(List<KeyValue> batch) {
        long size = 0;
        for (KeyValue kv : batch) {
            size += kv.key().length + kv.value().length;
        }
        return size;
    }

    /** The smallest key greater than {@code key}. */
    static byte[] keyAfter(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /** Digests every key and value in order, one read transaction per batch. */
    static StoreDigest digest(String name, KeyValueStore store, MigrationProgress progress) {
        MessageDigest sha = sha256();
        long entries = 0;
        long bytes = 0;
        byte[] start = FIRST;
        while (true) {
            byte[] batchStart = start;
            List<KeyValue> batch = store.read(txn -> readBatch(txn.range(batchStart, END, 0, false)));
            for (KeyValue kv : batch) {
                update(sha, kv.key());
                update(sha, kv.value());
                bytes += kv.key().length + kv.value().length;
            }
            entries += batch.size();
            progress.update("digest", entries, -1, bytes);
            if (batch.size() < BATCH_KEYS && sum(batch) < BATCH_BYTES) {
                break;
            }
            start = keyAfter(batch.get(batch.size() - 1).key());
        }
        return new StoreDigest(name, Kind.KEY_VALUE, entries, bytes, HexFormat.of().formatHex(sha.digest()));
    }

    private static void update(MessageDigest sha, byte[] bytes) {
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
        sha.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
