package dev.hermod.core.internal;

import dev.hermod.api.mail.TemporaryFailureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Saved positions of interrupted migrations, one small file per source and target pair. */
final class MigrationCursors {

    private final Path directory;

    MigrationCursors(Path directory) {
        this.directory = directory;
    }

    Optional<String> load(String kind, String from, String to) {
        Path file = file(kind, from, to);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new TemporaryFailureException("Cannot read the migration position " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the position to a temporary file and renames it, so a crash leaves the old or the new one. */
    void save(String kind, String from, String to, String position) {
        Path file = file(kind, from, to);
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, "cursor", ".tmp");
            Files.writeString(tmp, position, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TemporaryFailureException("Cannot save the migration position " + file + ": " + e.getMessage(), e);
        }
    }

    void clear(String kind, String from, String to) {
        try {
            Files.deleteIfExists(file(kind, from, to));
        } catch (IOException e) {
            throw new TemporaryFailureException("Cannot remove " + file(kind, from, to) + ": " + e.getMessage(), e);
        }
    }

    private Path file(String kind, String from, String to) {
        return directory.resolve(kind + "-" + safe(from) + "-to-" + safe(to) + ".position");
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._]", "_");
    }
}
