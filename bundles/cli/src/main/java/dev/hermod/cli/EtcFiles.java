package dev.hermod.cli;

import dev.hermod.api.migration.BackupParticipant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/** The {@code etc} participant of the server, offline: the DKIM keys under {@code etc/dkim}, mode 600. */
final class EtcFiles implements BackupParticipant {

    private static final String DIRECTORY = "dkim";
    private final Path etc;

    EtcFiles(Path etc) {
        this.etc = etc;
    }

    @Override
    public void backup(Files files) throws IOException {
        Path dir = etc.resolve(DIRECTORY);
        if (!java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        List<Path> found;
        try (Stream<Path> s = java.nio.file.Files.walk(dir)) {
            found = s.filter(java.nio.file.Files::isRegularFile).sorted().toList();
        }
        for (Path f : found) {
            try (InputStream in = java.nio.file.Files.newInputStream(f)) {
                files.add(etc.relativize(f).toString().replace('\\', '/'), in);
            }
        }
    }

    @Override
    public void restore(String path, InputStream content) throws IOException {
        if (path.contains("..") || !path.startsWith(DIRECTORY + "/")) {
            throw new IOException("not under etc/" + DIRECTORY);
        }
        Path file = etc.resolve(path);
        java.nio.file.Files.createDirectories(file.getParent());
        Path tmp = java.nio.file.Files.createTempFile(file.getParent(), ".restore", ".tmp");
        try {
            java.nio.file.Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // defaults apply
        }
        java.nio.file.Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
        java.nio.file.Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
