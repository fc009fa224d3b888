package dev.hermod.core.internal;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.migration.BackupParticipant;
import dev.hermod.api.migration.RestoreReport;
import dev.hermod.api.migration.ServerBackup;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restore: reads the archive front to back, puts each blob (checking its hash), writes the keys in
 * batches within the store limits, hands the participants their files, and finally reads the whole store
 * back to compare its count and checksum with the archive's summary. Reads format version 1.
 */
final class RestoreRun {

    private static final byte[] FIRST = new byte[0];
    private static final byte[] END = {(byte) 0xFF};
    private static final Logger LOG = LoggerFactory.getLogger(RestoreRun.class);

    private final KeyValueStore kv;
    private final BlobStore blobs;
    private final Map<String, BackupParticipant> participants;
    private final MigrationProgress progress;
    private final List<String> warnings = new ArrayList<>();
    private long keys;
    private long blobCount;
    private long blobBytes;
    private long entries;

    RestoreRun(KeyValueStore kv, BlobStore blobs, Map<String, BackupParticipant> participants, MigrationProgress progress) {
        this.kv = kv;
        this.blobs = blobs;
        this.participants = participants;
        this.progress = progress;
    }

    RestoreReport run(InputStream in) throws IOException {
        long started = System.nanoTime();
        ZipInputStream zip = new ZipInputStream(new BufferedInputStream(in, 65536));
        ZipEntry first = zip.getNextEntry();
        if (first == null || !first.getName().equals(ArchiveWriter.MANIFEST)) {
            throw new IllegalArgumentException("Not a Hermod backup: it does not begin with " + ArchiveWriter.MANIFEST);
        }
        Properties manifest = new Properties();
        manifest.load(unclosable(zip));
        int version = version(manifest);
        if (!isEmpty()) {
            throw new IllegalStateException("The metadata store in use already holds data: restore only into a fresh "
                    + "install (an empty store), or remove its data first");
        }
        Properties summary = null;
        KeyRecords written = new KeyRecords();
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
            String name = e.getName();
            if (name.startsWith(ArchiveWriter.BLOBS)) {
                blob(name.substring(ArchiveWriter.BLOBS.length()), zip);
            } else if (name.startsWith(ArchiveWriter.KEYS)) {
                keys(new DataInputStream(unclosable(zip)), written);
            } else if (name.startsWith(ArchiveWriter.FILES)) {
                file(name.substring(ArchiveWriter.FILES.length()), zip);
            } else if (name.equals(ArchiveWriter.SUMMARY)) {
                summary = new Properties();
                summary.load(unclosable(zip));
            } else {
                warnings.add("Unknown archive entry skipped: " + name);
            }
            progress.update("restoring", ++entries, -1, blobBytes);
        }
        if (summary == null) {
            throw new IllegalArgumentException("The archive is truncated (no " + ArchiveWriter.SUMMARY + " at its end); "
                    + keys + " keys and " + blobCount + " blobs were restored: empty the stores before restoring again");
        }
        KeyRecords stored = readBack();
        boolean verified = stored.count() == Long.parseLong(summary.getProperty("keys"))
                && stored.checksum().equals(summary.getProperty("keyChecksum"))
                && blobCount == Long.parseLong(summary.getProperty("blobs"));
        if (!verified) {
            warnings.add("The restored store does not match the archive's summary: " + stored.count() + " keys (archive "
                    + summary.getProperty("keys") + "), checksum " + stored.checksum() + " (archive "
                    + summary.getProperty("keyChecksum") + "), " + blobCount + " blobs (archive " + summary.getProperty("blobs") + ")");
        }
        LOG.info("Restored backup of {}: {} keys, {} blobs ({} bytes), {}", manifest.getProperty("created"), keys, blobCount,
                blobBytes, verified ? "verified" : "NOT verified");
        return new RestoreReport(version, manifest.getProperty("created", "?"), keys, blobCount, blobBytes, verified, warnings,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static int version(Properties manifest) {
        if (!"hermod-backup".equals(manifest.getProperty("format"))) {
            throw new IllegalArgumentException("Not a Hermod backup: its manifest names the format '" + manifest.getProperty("format") + "'");
        }
        int version;
        try {
            version = Integer.parseInt(manifest.getProperty("version", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The backup's manifest has no valid format version");
        }
        if (version > ServerBackup.FORMAT_VERSION || version < 1) {
            throw new IllegalArgumentException("The backup has format version " + version + ", written by "
                    + manifest.getProperty("producer") + "; this Hermod reads versions 1 to " + ServerBackup.FORMAT_VERSION
                    + ": restore it with that Hermod or a newer one");
        }
        return version;
    }

    private boolean isEmpty() {
        return kv.read(txn -> {
            try (KeyValueIterator it = txn.range(FIRST, END, 1, false)) {
                return !it.hasNext();
            }
        });
    }

    private void blob(String hex, InputStream content) {
        BlobHash expected = BlobHash.parse(hex);
        BlobHash stored;
        try {
            stored = blobs.put(unclosable(content));
        } catch (IOException e) {
            throw new IllegalArgumentException("The archive is damaged: reading blob " + hex + " failed: " + e.getMessage(), e);
        }
        if (!stored.equals(expected)) {
            throw new IllegalArgumentException("The archive is damaged: blob " + hex + " has the hash " + stored.hex());
        }
        blobCount++;
        blobBytes += blobs.size(stored);
    }

    private void keys(DataInputStream in, KeyRecords written) throws IOException {
        List<KeyValue> batch = new ArrayList<>();
        long size = 0;
        for (byte[][] r; (r = KeyRecords.read(in)) != null; ) {
            batch.add(new KeyValue(r[0], r[1]));
            size += r[0].length + r[1].length;
            if (batch.size() >= KeyValueMigration.BATCH_KEYS || size >= KeyValueMigration.BATCH_BYTES) {
                flush(batch, written);
                size = 0;
            }
        }
        flush(batch, written);
    }

    private void flush(List<KeyValue> batch, KeyRecords written) {
        if (batch.isEmpty()) {
            return;
        }
        List<KeyValue> copy = List.copyOf(batch);
        kv.write(txn -> {
            for (KeyValue e : copy) {
                txn.set(e.key(), e.value());
            }
            return null;
        });
        for (KeyValue e : copy) {
            written.add(e.key(), e.value());
        }
        keys += copy.size();
        batch.clear();
    }

    private void file(String path, InputStream content) {
        int slash = path.indexOf('/');
        String name = slash < 0 ? path : path.substring(0, slash);
        BackupParticipant participant = participants.get(name);
        if (participant == null) {
            warnings.add("Files of '" + name + "' skipped: no backup participant of that name is running (" + path + ")");
            return;
        }
        try {
            participant.restore(path.substring(slash + 1), unclosable(content));
        } catch (IOException | RuntimeException e) {
            warnings.add("'" + name + "' could not restore " + path + ": " + e.getMessage());
        }
    }

    private KeyRecords readBack() {
        KeyRecords records = new KeyRecords();
        byte[] start = FIRST;
        while (true) {
            byte[] from = start;
            List<KeyValue> batch = kv.read(txn -> KeyValueMigration.readBatch(txn.range(from, END, 0, false)));
            for (KeyValue e : batch) {
                records.add(e.key(), e.value());
            }
            progress.update("verifying", records.count(), keys, records.bytes());
            if (batch.size() < KeyValueMigration.BATCH_KEYS && KeyValueMigration.sum(batch) < KeyValueMigration.BATCH_BYTES) {
                return records;
            }
            start = KeyValueMigration.keyAfter(batch.get(batch.size() - 1).key());
        }
    }

    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the archive stays open for the next entry
            }
        };
    }
}
