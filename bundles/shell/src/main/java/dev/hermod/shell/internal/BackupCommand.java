package dev.hermod.shell.internal;

import dev.hermod.api.migration.BackupReport;
import dev.hermod.api.migration.ServerBackup;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:backup}: writes a backup archive of the whole server while it runs. */
@Service
@Command(scope = "hermod", name = "backup",
        description = "Writes a consistent, versioned archive of the whole server (metadata store, blobs, DKIM keys and other participants' files) while it runs. Restore it with hermod:restore or hermod-cli restore into a fresh install on any backend.")
public final class BackupCommand implements Action {

    @Reference(optional = true)
    ServerBackup backup;

    @Argument(index = 0, name = "file", required = true, description = "The archive to write on the server's machine (.zip); not overwritten")
    String file;

    @Override
    public Object execute() {
        Path target = Path.of(file).toAbsolutePath();
        if (Files.exists(target)) {
            System.err.println("backup: " + target + " exists; name a new file");
            return null;
        }
        return MigrationCommand.run("backup", backup, p -> write(target, p), MigrationReports::of);
    }

    /** Writes next to the target and renames it when complete, so a file of that name is always whole. */
    private BackupReport write(Path target, ProgressBar progress) throws Exception {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            BackupReport report;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                report = backup.backup(out, progress);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return report;
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
