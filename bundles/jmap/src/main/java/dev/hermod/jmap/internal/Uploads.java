package dev.hermod.jmap.internal;

import dev.hermod.api.mail.BlobHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Uploaded blobs (RFC 8620 §6.1), one file per account and content hash under the upload folder, kept for
 * {@code upload.expiry} after the last upload of the same content (the RFC asks for at least an hour).
 * Blob ids are {@code U} and the SHA-256 in hex. The folder is local to the node.
 */
final class Uploads {

    private final Path folder;
    private final Duration expiry;

    Uploads(Path folder, Duration expiry) {
        this.folder = folder;
        this.expiry = expiry;
    }

    String put(String accountId, byte[] content) {
        String hash = BlobHash.sha256(content).hex();
        try {
            Path dir = folder.resolve(accountId);
            Files.createDirectories(dir);
            Path file = dir.resolve(hash);
            if (Files.exists(file)) {
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now()));
            } else {
                Path temp = Files.createTempFile(dir, "upload", ".tmp");
                Files.write(temp, content);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            sweep(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "U" + hash;
    }

    Optional<byte[]> get(String accountId, String blobId) {
        if (blobId == null || blobId.length() != 65 || blobId.charAt(0) != 'U'
                || !blobId.substring(1).chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            return Optional.empty();
        }
        Path file = folder.resolve(accountId).resolve(blobId.substring(1));
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sweep(Path dir) throws IOException {
        Instant oldest = Instant.now().minus(expiry);
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).toInstant().isBefore(oldest);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(f -> f.toFile().delete());
        }
    }
}
