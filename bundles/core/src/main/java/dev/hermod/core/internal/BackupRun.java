package dev.hermod.core.internal;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.blob.BlobNotFoundException;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.migration.BackupParticipant;
import dev.hermod.api.migration.BackupReport;
import dev.hermod.api.migration.ServerBackup;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.StoreLimitException;
import dev.hermod.core.internal.mail.BackupLayout;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backup, as {@link ServerBackup} describes it: accounts one by one, each read until two reads of its
 * counters around the copy agree, its blobs before its keys; then every blob, the global keys (account
 * names of the accounts copied, reference counts from their snapshots, no deletion markers), the other
 * subspaces, blobs created meanwhile, and the participants' files.
 */
final class BackupRun {

    static final int ATTEMPTS = 8;
    private static final byte[] FIRST = new byte[0];
    private static final byte[] END = {(byte) 0xFF};
    private static final Logger LOG = LoggerFactory.getLogger(BackupRun.class);

    @FunctionalInterface
    private interface RecordSink {
        void accept(byte[] key, byte[] value) throws IOException;
    }

    private final KeyValueStore kv;
    private final BlobStore blobs;
    private final Map<String, BackupParticipant> participants;
    private final Path spool;
    private final String producer;
    private final MigrationProgress progress;

    BackupRun(KeyValueStore kv, BlobStore blobs, Map<String, BackupParticipant> participants, Path spool, String producer,
            MigrationProgress progress) {
        this.kv = kv;
        this.blobs = blobs;
        this.participants = participants;
        this.spool = spool;
        this.producer = producer;
        this.progress = progress;
    }

    BackupReport run(OutputStream out) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(spool);
        ArchiveWriter archive = new ArchiveWriter(out);
        Properties manifest = new Properties();
        manifest.setProperty("format", "hermod-backup");
        manifest.setProperty("version", String.valueOf(ServerBackup.FORMAT_VERSION));
        manifest.setProperty("created", Instant.now().toString());
        manifest.setProperty("producer", producer);
        archive.properties(ArchiveWriter.MANIFEST, manifest);

        KeyRecords all = new KeyRecords();
        List<Long> accounts = accountIds();
        Map<BlobHash, Integer> references = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            all.addAll(account(archive, accounts.get(i), references));
            progress.update("accounts", i + 1, accounts.size(), archive.written());
        }
        blobPass(archive);
        all.addAll(global(archive, new HashSet<>(accounts), references));
        all.addAll(segment(archive, BackupLayout.AFTER_ACCOUNTS, END, (k, v) -> true));
        blobPass(archive);
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, BackupParticipant> p : participants.entrySet()) {
            p.getValue().backup((path, content) -> archive.file(p.getKey(), path, content));
            names.add(p.getKey());
        }
        Properties summary = new Properties();
        summary.setProperty("accounts", String.valueOf(accounts.size()));
        summary.setProperty("keys", String.valueOf(all.count()));
        summary.setProperty("keyBytes", String.valueOf(all.bytes()));
        summary.setProperty("keyChecksum", all.checksum());
        summary.setProperty("blobs", String.valueOf(archive.blobs()));
        summary.setProperty("blobBytes", String.valueOf(archive.blobBytes()));
        summary.setProperty("participants", String.join(",", names));
        archive.properties(ArchiveWriter.SUMMARY, summary);
        archive.finish();
        BackupReport report = new BackupReport(ServerBackup.FORMAT_VERSION, accounts.size(), all.count(), all.bytes(),
                archive.blobs(), archive.blobBytes(), all.checksum(), names, Duration.ofNanos(System.nanoTime() - started));
        LOG.info("Backup written: {} accounts, {} keys, {} blobs ({} bytes), {} archive bytes", accounts.size(), all.count(),
                archive.blobs(), archive.blobBytes(), archive.written());
        return report;
    }

    private List<Long> accountIds() {
        List<Long> ids = new ArrayList<>();
        byte[] start = BackupLayout.ACCOUNTS;
        while (true) {
            byte[] from = start;
            byte[] key = kv.read(txn -> {
                try (KeyValueIterator it = txn.range(from, BackupLayout.AFTER_ACCOUNTS, 1, false)) {
                    return it.hasNext() ? it.next().key() : null;
                }
            });
            if (key == null) {
                return ids;
            }
            long id = BackupLayout.accountOf(key);
            ids.add(id);
            start = BackupLayout.accountEnd(id);
        }
    }

    /**
     * Copies one account consistently; adds its blob references to {@code references}. The account is read in one
     * read transaction, a snapshot; an account too large for one transaction is read in batches, and again until
     * its counters (every write of the account changes one) are the same before and after.
     */
    private KeyRecords account(ArchiveWriter archive, long id, Map<BlobHash, Integer> references) throws IOException {
        boolean oneTransaction = true;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Path file = Files.createTempFile(spool, "account-" + id + "-", ".kv");
            try {
                Snapshot snapshot;
                if (oneTransaction) {
                    try {
                        snapshot = kv.read(txn -> {
                            try (KeyValueIterator it = txn.range(BackupLayout.accountStart(id), BackupLayout.accountEnd(id), 0, false)) {
                                return Snapshot.write(file, sink -> {
                                    while (it.hasNext()) {
                                        KeyValue e = it.next();
                                        sink.accept(e.key(), e.value());
                                    }
                                });
                            }
                        });
                    } catch (StoreLimitException | TemporaryFailureException tooLarge) {
                        LOG.info("Account {} is read in batches: {}", id, tooLarge.getMessage());
                        oneTransaction = false;
                        continue;
                    }
                } else {
                    byte[] before = counters(id);
                    snapshot = Snapshot.write(file, sink -> copy(BackupLayout.accountStart(id), BackupLayout.accountEnd(id), sink));
                    if (!Arrays.equals(before, counters(id))) {
                        LOG.debug("Account {} changed while it was read (attempt {}); reading it again", id, attempt);
                        continue;
                    }
                }
                if (!copyBlobs(archive, snapshot.blobs())) {
                    LOG.debug("A message of account {} went while it was read (attempt {}); reading it again", id, attempt);
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    archive.keys(in);
                }
                for (BlobHash h : snapshot.blobs()) {
                    references.merge(h, 1, Integer::sum);
                }
                return snapshot.records();
            } finally {
                Files.deleteIfExists(file);
            }
        }
        throw new TemporaryFailureException("Account " + id + " changed during each of " + ATTEMPTS
                + " attempts to read it consistently; run the backup again when it is less busy");
    }

    /** An account's records spooled to a file, with the blobs they refer to. */
    private record Snapshot(KeyRecords records, List<BlobHash> blobs) {

        @FunctionalInterface
        interface Source {
            void copy(RecordSink sink) throws IOException;
        }

        /** Writes the records to {@code file} from its start (a retried transaction writes it again). */
        static Snapshot write(Path file, Source source) {
            KeyRecords records = new KeyRecords();
            List<BlobHash> hashes = new ArrayList<>();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 65536))) {
                source.copy((k, v) -> {
                    KeyRecords.write(out, k, v);
                    records.add(k, v);
                    BlobHash blob = BackupLayout.blobCounted(k);
                    if (blob != null) {
                        hashes.add(blob);
                    }
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot spool an account to " + file + ": " + e.getMessage(), e);
            }
            return new Snapshot(records, hashes);
        }
    }

    /** @return false if a blob is gone: the account changed since it was read */
    private boolean copyBlobs(ArchiveWriter archive, List<BlobHash> hashes) throws IOException {
        for (BlobHash hash : hashes) {
            if (archive.hasBlob(hash)) {
                continue;
            }
            InputStream in;
            try {
                in = blobs.get(hash);
            } catch (BlobNotFoundException gone) {
                return false;
            }
            try (in) {
                archive.blob(hash, in);
            }
        }
        return true;
    }

    private byte[] counters(long id) {
        return kv.read(txn -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (KeyValueIterator it = txn.range(BackupLayout.countersStart(id), BackupLayout.countersEnd(id), 0, false)) {
                while (it.hasNext()) {
                    KeyValue e = it.next();
                    out.writeBytes(e.key());
                    out.writeBytes(e.value());
                }
            }
            return out.toByteArray();
        });
    }

    /** The keys before the accounts, with names of the accounts copied only and counts from their snapshots. */
    private KeyRecords global(ArchiveWriter archive, Set<Long> accounts, Map<BlobHash, Integer> references) throws IOException {
        Map<BlobHash, Integer> unseen = new HashMap<>(references);
        Path file = Files.createTempFile(spool, "global-", ".kv");
        try {
            KeyRecords records = new KeyRecords();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 65536))) {
                RecordSink write = (k, v) -> {
                    KeyRecords.write(out, k, v);
                    records.add(k, v);
                };
                copy(FIRST, BackupLayout.ACCOUNTS, (k, v) -> {
                    long named = BackupLayout.accountNamed(k, v);
                    BlobHash counted = BackupLayout.globalReferences(k);
                    if (BackupLayout.isDeletionMarker(k) || (named >= 0 && !accounts.contains(named))) {
                        return;
                    }
                    if (counted != null) {
                        // the live count, or more if accounts copied earlier still held the blob then
                        Integer fromAccounts = unseen.remove(counted);
                        long live = BackupLayout.counterValue(v);
                        write.accept(k, BackupLayout.counter(Math.max(live, fromAccounts == null ? 0 : fromAccounts)));
                    } else {
                        write.accept(k, v);
                    }
                });
                for (Map.Entry<BlobHash, Integer> e : unseen.entrySet()) {
                    write.accept(BackupLayout.globalReferencesKey(e.getKey()), BackupLayout.counter(e.getValue()));
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                archive.keys(in);
            }
            return records;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FunctionalInterface
    private interface KeyFilter {
        boolean keep(byte[] key, byte[] value);
    }

    private KeyRecords segment(ArchiveWriter archive, byte[] from, byte[] to, KeyFilter filter) throws IOException {
        Path file = Files.createTempFile(spool, "keys-", ".kv");
        try {
            KeyRecords records = new KeyRecords();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 65536))) {
                copy(from, to, (k, v) -> {
                    if (filter.keep(k, v)) {
                        KeyRecords.write(out, k, v);
                        records.add(k, v);
                    }
                });
            }
            try (InputStream in = Files.newInputStream(file)) {
                archive.keys(in);
            }
            return records;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Reads {@code [from, to)} in batches within the store limits, one read transaction each. */
    private void copy(byte[] from, byte[] to, RecordSink sink) throws IOException {
        byte[] start = from;
        while (true) {
            byte[] batchStart = start;
            List<KeyValue> batch = kv.read(txn -> KeyValueMigration.readBatch(txn.range(batchStart, to, 0, false)));
            for (KeyValue e : batch) {
                sink.accept(e.key(), e.value());
            }
            if (batch.size() < KeyValueMigration.BATCH_KEYS && KeyValueMigration.sum(batch) < KeyValueMigration.BATCH_BYTES) {
                return;
            }
            start = KeyValueMigration.keyAfter(batch.get(batch.size() - 1).key());
        }
    }

    /** Copies every blob not in the archive yet. */
    private void blobPass(ArchiveWriter archive) throws IOException {
        long total = 0;
        BlobHash after = null;
        for (List<BlobHash> page; !(page = blobs.list(after, BlobMigration.PAGE)).isEmpty(); after = page.get(page.size() - 1)) {
            total += page.size();
        }
        long done = 0;
        after = null;
        for (List<BlobHash> page; !(page = blobs.list(after, BlobMigration.PAGE)).isEmpty(); after = page.get(page.size() - 1)) {
            for (BlobHash hash : page) {
                done++;
                if (archive.hasBlob(hash)) {
                    continue;
                }
                InputStream in;
                try {
                    in = blobs.get(hash);
                } catch (BlobNotFoundException deletedMeanwhile) {
                    continue;
                }
                try (in) {
                    archive.blob(hash, in);
                }
            }
            progress.update("blobs", done, total, archive.written());
        }
    }
}
