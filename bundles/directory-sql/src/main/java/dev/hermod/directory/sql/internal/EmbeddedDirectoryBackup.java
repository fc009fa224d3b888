package dev.hermod.directory.sql.internal;

import dev.hermod.api.migration.BackupParticipant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Statement;

/**
 * The embedded SQLite directory in server backups, as {@code files/directory/directory.sqlite}: a consistent
 * copy taken with SQLite's online backup while the directory runs, and put back the same way on restore
 * (accounts, passwords, aliases, domains and lists of the restored server are those of the archive).
 */
final class EmbeddedDirectoryBackup implements BackupParticipant {

    static final String NAME = "directory";
    private static final String FILE = "directory.sqlite";

    private final Database database;
    private final Path file;

    EmbeddedDirectoryBackup(Database database, Path file) {
        this.database = database;
        this.file = file;
    }

    @Override
    public void backup(Files files) throws IOException {
        Path copy = java.nio.file.Files.createTempFile(file.getParent(), ".backup", ".sqlite");
        try {
            database.withConnection("backup of the embedded directory", c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("backup to " + copy.toAbsolutePath());
                }
                return null;
            });
            try (InputStream in = java.nio.file.Files.newInputStream(copy)) {
                files.add(FILE, in);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(copy);
        }
    }

    @Override
    public void restore(String path, InputStream content) throws IOException {
        if (!path.equals(FILE)) {
            throw new IOException("unknown file " + path);
        }
        Path copy = java.nio.file.Files.createTempFile(file.getParent(), ".restore", ".sqlite");
        try {
            java.nio.file.Files.copy(content, copy, StandardCopyOption.REPLACE_EXISTING);
            database.withConnection("restore of the embedded directory", c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("restore from " + copy.toAbsolutePath());
                }
                return null;
            });
        } finally {
            java.nio.file.Files.deleteIfExists(copy);
        }
    }
}
