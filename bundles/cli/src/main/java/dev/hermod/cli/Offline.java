package dev.hermod.cli;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.migration.BackupReport;
import dev.hermod.api.migration.RestoreReport;
import dev.hermod.core.internal.OfflineBackups;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --offline}: backup and restore on a stopped server's data directory, without the admin API. Only the
 * embedded stores (SQLite, file-system blobs); for other backends restore through a running fresh install.
 */
final class Offline {

    @Option(names = "--offline", description = "Work on the data directory of a stopped server (embedded SQLite and"
            + " file-system stores) instead of calling the running server")
    boolean offline;

    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:HERMOD_HOME}",
            description = "The Hermod runtime directory, for --offline (default: HERMOD_HOME)")
    Path home;

    private OfflineServer open() throws CliException {
        if (home == null) {
            throw new CliException(ExitCodes.FAILED, "--offline needs the runtime directory: --home or HERMOD_HOME");
        }
        return new OfflineServer(home.toAbsolutePath().normalize());
    }

    int backup(Path file, HermodCli.Operation command) throws Exception {
        if (Files.exists(file)) {
            throw new CliException(ExitCodes.FAILED, file + " exists; name a new file");
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OfflineServer server = open()) {
            ProgressView view = view();
            BackupReport r;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                r = OfflineBackups.backup(server.kv, server.blobs, server.participants(), home.resolve("data/hermod/backup-spool"),
                        "hermod-cli offline", out, progress(view));
            }
            view.finish();
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("type", "backup");
            result.put("file", HermodCli.Operation.absolute(file));
            result.put("accounts", r.accounts());
            result.put("keys", r.keys());
            result.put("blobs", r.blobs());
            result.put("blobBytes", r.blobBytes());
            result.put("checksum", r.checksum());
            command.print(result);
            return ExitCodes.OK;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    int restore(Path file, HermodCli.Operation command) throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.FAILED, "No archive at " + file);
        }
        try (OfflineServer server = open(); InputStream in = Files.newInputStream(file)) {
            ProgressView view = view();
            RestoreReport r;
            try {
                r = OfflineBackups.restore(server.kv, server.blobs, server.participants(), in, progress(view));
            } catch (IllegalArgumentException | IllegalStateException e) {
                view.finish();
                throw new CliException(ExitCodes.FAILED, e.getMessage());
            }
            view.finish();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("type", "restore");
            result.put("formatVersion", r.formatVersion());
            result.put("created", r.created());
            result.put("keys", r.keys());
            result.put("blobs", r.blobs());
            result.put("blobBytes", r.blobBytes());
            result.put("verified", r.verified());
            result.put("warnings", r.warnings());
            result.put("elapsedMillis", r.elapsed().toMillis());
            command.print(result);
            return r.verified() ? ExitCodes.OK : ExitCodes.NOT_VERIFIED;
        }
    }

    private static ProgressView view() {
        return new ProgressView(System.err, System.console() != null);
    }

    private static MigrationProgress progress(ProgressView view) {
        return view::update;
    }
}
