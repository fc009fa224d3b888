package dev.hermod.directory.sql.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database password from one of three places: a file ({@code password.file}), an environment
 * variable ({@code password.env}), or the configuration itself ({@code .password}); at most one may be set.
 */
final class Secrets {

    private static final Logger LOG = LoggerFactory.getLogger(Secrets.class);

    private Secrets() {
    }

    /**
     * @param inline the configured password, may be empty
     * @param file   a file holding the password (first line), may be empty
     * @param env    an environment variable holding the password, may be empty
     * @param getenv looks up environment variables
     * @return the password, empty if none is configured
     * @throws IllegalArgumentException if more than one source is set, or the one set yields nothing
     */
    static String password(String inline, String file, String env, UnaryOperator<String> getenv) {
        boolean hasInline = inline != null && !inline.isEmpty();
        boolean hasFile = file != null && !file.isBlank();
        boolean hasEnv = env != null && !env.isBlank();
        if ((hasInline ? 1 : 0) + (hasFile ? 1 : 0) + (hasEnv ? 1 : 0) > 1) {
            throw new IllegalArgumentException("directory.sql: set only one of .password, password.file and"
                    + " password.env");
        }
        if (hasFile) {
            return fromFile(Path.of(file.trim()));
        }
        if (hasEnv) {
            String value = getenv.apply(env.trim());
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("directory.sql password.env names the environment variable "
                        + env.trim() + ", which is not set in Hermod's environment");
            }
            return value;
        }
        return hasInline ? inline : "";
    }

    private static String fromFile(Path file) {
        try {
            warnIfReadableByOthers(file);
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String password = (end < 0 ? content : content.substring(0, end)).strip();
            if (password.isEmpty()) {
                throw new IllegalArgumentException("directory.sql password.file " + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new IllegalArgumentException("directory.sql password.file " + file + " cannot be read: " + e
                    + "; it must be readable by the user running Hermod", e);
        }
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("directory.sql password.file {} is readable by every user; chmod 600 it", file);
            }
        } catch (UnsupportedOperationException notPosix) {
            // nothing to check
        }
    }
}
