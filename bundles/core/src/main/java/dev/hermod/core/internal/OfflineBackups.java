package dev.hermod.core.internal;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.migration.BackupParticipant;
import dev.hermod.api.migration.BackupReport;
import dev.hermod.api.migration.RestoreReport;
import dev.hermod.api.store.KeyValueStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Backup and restore over stores opened directly, without a framework: what {@code hermod-cli --offline} runs
 * on the data directory of a stopped server. Same archive and checks as {@link ServerBackupComponent}.
 */
public final class OfflineBackups {

    private OfflineBackups() {
    }

    /**
     * Writes an archive of the stores.
     *
     * @throws IOException if writing fails
     */
    public static BackupReport backup(KeyValueStore kv, BlobStore blobs, Map<String, BackupParticipant> participants,
            Path spool, String producer, OutputStream out, MigrationProgress progress) throws IOException {
        return new BackupRun(kv, blobs, new TreeMap<>(participants), spool, producer, progress).run(out);
    }

    /**
     * Restores an archive into empty stores.
     *
     * @throws IOException if reading fails
     */
    public static RestoreReport restore(KeyValueStore kv, BlobStore blobs, Map<String, BackupParticipant> participants,
            InputStream in, MigrationProgress progress) throws IOException {
        return new RestoreRun(kv, blobs, new TreeMap<>(participants), progress).run(in);
    }
}
