package dev.hermod.migration.internal;

import dev.hermod.api.mail.TemporaryFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Positions of IMAP imports: per account and source (server, user) one properties file of
 * {@code <folder> = <uidvalidity> <last uid>}, replaced atomically after every batch.
 */
final class ImportCursors {

    /** A folder's position. */
    record Position(long uidValidity, long lastUid) {
    }

    private final Path directory;

    ImportCursors(Path directory) {
        this.directory = directory;
    }

    synchronized Properties load(String account, String source) {
        Properties p = new Properties();
        Path file = file(account, source);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new TemporaryFailureException("Cannot read the import position " + file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    static Position position(Properties p, String folder) {
        String v = p.getProperty(folder);
        if (v == null) {
            return null;
        }
        String[] parts = v.trim().split(" ");
        return new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    synchronized void save(String account, String source, Properties p) {
        Path file = file(account, source);
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, "import", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "IMAP import of " + source + " into " + account + ": folder = uidvalidity last-uid");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TemporaryFailureException("Cannot save the import position " + file + ": " + e.getMessage(), e);
        }
    }

    private Path file(String account, String source) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((account + "\n" + source).getBytes(StandardCharsets.UTF_8));
            return directory.resolve(account.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + HexFormat.of().formatHex(h, 0, 8) + ".position");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
