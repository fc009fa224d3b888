package dev.hermod.core.internal.delivery;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A message copied once to a temporary file, to be read once per account; deleted on close. */
final class Spool implements AutoCloseable {

    private final Path file;

    private Spool(Path file) {
        this.file = file;
    }

    static Spool of(InputStream in, Path directory) throws IOException {
        if (directory != null) {
            Files.createDirectories(directory);
        }
        Path file = directory == null ? Files.createTempFile("hermod-delivery-", ".eml")
                : Files.createTempFile(directory, "hermod-delivery-", ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Spool(file);
    }

    InputStream open() throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
