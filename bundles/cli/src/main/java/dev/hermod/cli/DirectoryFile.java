package dev.hermod.cli;

import dev.hermod.api.migration.BackupParticipant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The {@code directory} participant of the server, offline: the embedded SQLite directory file
 * ({@code data/hermod/directory.sqlite}), copied as it is since the server is stopped.
 */
final class DirectoryFile implements BackupParticipant {

    private static final String FILE = "directory.sqlite";
    private final Path file;

    DirectoryFile(Path file) {
        this.file = file;
    }

    @Override
    public void backup(Files files) throws IOException {
        if (java.nio.file.Files.isRegularFile(file)) {
            try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                files.add(FILE, in);
            }
        }
    }

    @Override
    public void restore(String path, InputStream content) throws IOException {
        if (!path.equals(FILE)) {
            throw new IOException("unknown file " + path);
        }
        java.nio.file.Files.createDirectories(file.getParent());
        Path tmp = java.nio.file.Files.createTempFile(file.getParent(), ".restore", ".sqlite");
        try {
            java.nio.file.Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // defaults apply
        }
        java.nio.file.Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
        for (String suffix : new String[] {"-wal", "-shm"}) {
            java.nio.file.Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
        java.nio.file.Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
