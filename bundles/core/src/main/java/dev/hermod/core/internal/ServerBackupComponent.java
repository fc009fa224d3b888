package dev.hermod.core.internal;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.migration.BackupParticipant;
import dev.hermod.api.migration.BackupReport;
import dev.hermod.api.migration.RestoreReport;
import dev.hermod.api.migration.ServerBackup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@link ServerBackup} over the metadata and blob stores the core uses now, and every running
 * {@link BackupParticipant}. Account snapshots are spooled under {@code <karaf.data>/hermod/backup-spool}
 * while they are checked.
 */
@Component(service = ServerBackup.class)
public final class ServerBackupComponent implements ServerBackup {

    private final ProviderRegistry registry;
    private final Path spool;
    private final String producer;
    private final Map<String, BackupParticipant> participants = new ConcurrentSkipListMap<>();

    @Activate
    public ServerBackupComponent(@Reference ProviderRegistry registry, BundleContext context) {
        this(registry, base(context).resolve("hermod").resolve("backup-spool"),
                "Hermod " + context.getBundle().getVersion());
    }

    ServerBackupComponent(ProviderRegistry registry, Path spool, String producer) {
        this.registry = registry;
        this.spool = spool;
        this.producer = producer;
    }

    private static Path base(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? Path.of(data) : context.getDataFile("").toPath();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addParticipant(BackupParticipant participant, Map<String, Object> properties) {
        Object name = properties.get(BackupParticipant.NAME);
        if (name instanceof String s && s.matches("[A-Za-z0-9.-]+")) {
            participants.put(s, participant);
        }
    }

    void removeParticipant(BackupParticipant participant, Map<String, Object> properties) {
        participants.values().remove(participant);
    }

    @Override
    public BackupReport backup(OutputStream out, MigrationProgress progress) {
        try {
            return new BackupRun(registry.store(), registry.blobStore(), new java.util.TreeMap<>(participants), spool, producer, progress)
                    .run(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the backup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public RestoreReport restore(InputStream in, MigrationProgress progress) {
        try {
            return new RestoreRun(registry.store(), registry.blobStore(), new java.util.TreeMap<>(participants), progress).run(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Reading the backup failed: " + e.getMessage(), e);
        }
    }
}
