package dev.hermod.core.internal;

import dev.hermod.api.migration.BackupParticipant;
import dev.hermod.api.migration.ServerBackup;
import java.nio.file.Path;
import java.util.Map;

/** The core's backup service over a test server's registry, with the given participants. */
public final class ServerBackupAccess {

    private final ServerBackupComponent service;

    public ServerBackupAccess(ProviderRegistry registry, Path dir, Map<String, BackupParticipant> participants) {
        this.service = new ServerBackupComponent(registry, dir.resolve("spool"), "Hermod test");
        participants.forEach((name, p) -> service.addParticipant(p, Map.of(BackupParticipant.NAME, name)));
    }

    public ServerBackup service() {
        return service;
    }
}
