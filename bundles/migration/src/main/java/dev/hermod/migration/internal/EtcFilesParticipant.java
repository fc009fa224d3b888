package dev.hermod.migration.internal;

import dev.hermod.api.migration.BackupParticipant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Puts directories under Karaf's {@code etc/} into server backups, by default {@code dkim} (the DKIM
 * signing keys). Restored files are written with mode 600, replacing files of the same name. PID
 * {@code backup}.
 */
@Component(service = BackupParticipant.class, configurationPid = "backup", property = BackupParticipant.NAME + "=etc")
@Designate(ocd = EtcFilesParticipant.Config.class)
public final class EtcFilesParticipant implements BackupParticipant {

    @ObjectClassDefinition(name = "Hermod backup: files under etc/")
    public @interface Config {
        @AttributeDefinition(description = "Directories under etc/ that a server backup holds (keys, not configuration:"
                + " the configuration of a restored server is its own)")
        String[] etc_directories() default {"dkim"};
    }

    private final Path etc;
    private final List<String> directories;

    @Activate
    public EtcFilesParticipant(Config config, BundleContext context) {
        this(Path.of(context.getProperty("karaf.etc") != null ? context.getProperty("karaf.etc") : "etc"),
                List.of(config.etc_directories()));
    }

    EtcFilesParticipant(Path etc, List<String> directories) {
        this.etc = etc;
        this.directories = directories.stream().map(String::strip).filter(d -> !d.isEmpty() && !d.contains("..")).toList();
    }

    @Override
    public void backup(Files files) throws IOException {
        for (String directory : directories) {
            Path dir = etc.resolve(directory);
            if (!java.nio.file.Files.isDirectory(dir)) {
                continue;
            }
            List<Path> found;
            try (Stream<Path> s = java.nio.file.Files.walk(dir)) {
                found = s.filter(java.nio.file.Files::isRegularFile).sorted().toList();
            }
            for (Path file : found) {
                try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                    files.add(etc.relativize(file).toString().replace('\\', '/'), in);
                }
            }
        }
    }

    @Override
    public void restore(String path, InputStream content) throws IOException {
        if (path.contains("..") || directories.stream().noneMatch(d -> path.startsWith(d + "/"))) {
            throw new IOException("not under a directory this server backs up (" + directories + ")");
        }
        Path file = etc.resolve(path);
        java.nio.file.Files.createDirectories(file.getParent());
        Path tmp = java.nio.file.Files.createTempFile(file.getParent(), ".restore", ".tmp");
        try {
            java.nio.file.Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file system's defaults apply
        }
        java.nio.file.Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
        java.nio.file.Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
