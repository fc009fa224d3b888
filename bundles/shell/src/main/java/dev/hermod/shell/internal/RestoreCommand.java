package dev.hermod.shell.internal;

import dev.hermod.api.migration.ServerBackup;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:restore}: restores a backup archive into the (empty) stores in use. */
@Service
@Command(scope = "hermod", name = "restore",
        description = "Restores a backup archive into the metadata and blob stores in use, which must be empty (a fresh install, on any backend), then verifies count and checksum.")
public final class RestoreCommand implements Action {

    @Reference(optional = true)
    ServerBackup backup;

    @Argument(index = 0, name = "file", required = true, description = "The archive, on the server's machine")
    String file;

    @Override
    public Object execute() {
        return MigrationCommand.run("restore", backup, p -> {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                return backup.restore(in, p);
            }
        }, MigrationReports::of);
    }
}
