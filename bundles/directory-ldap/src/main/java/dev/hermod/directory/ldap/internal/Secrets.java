package dev.hermod.directory.ldap.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bind password from one of three places: a file ({@code bind.password.file}), an environment variable
 * ({@code bind.password.env}) or the configuration ({@code .bind.password}, whose leading dot keeps it out of
 * the service properties); at most one may be set.
 */
final class Secrets {

    private static final Logger LOG = LoggerFactory.getLogger(Secrets.class);

    private Secrets() {
    }

    /**
     * @return the password, empty if none is configured
     * @throws IllegalArgumentException if more than one source is set, or the one set yields nothing
     */
    static String bindPassword(String inline, String file, String env, UnaryOperator<String> getenv) {
        boolean hasInline = inline != null && !inline.isEmpty();
        boolean hasFile = file != null && !file.isBlank();
        boolean hasEnv = env != null && !env.isBlank();
        if ((hasInline ? 1 : 0) + (hasFile ? 1 : 0) + (hasEnv ? 1 : 0) > 1) {
            throw new IllegalArgumentException("directory.ldap: set only one of .bind.password, bind.password.file and"
                    + " bind.password.env");
        }
        if (hasFile) {
            return fromFile(Path.of(file.strip()));
        }
        if (hasEnv) {
            String value = getenv.apply(env.strip());
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("directory.ldap bind.password.env names the environment variable "
                        + env.strip() + ", which is not set in Hermod's environment");
            }
            return value;
        }
        return hasInline ? inline : "";
    }

    private static String fromFile(Path file) {
        try {
            try {
                if (Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
                    LOG.warn("directory.ldap bind.password.file {} is readable by every user; chmod 600 it", file);
                }
            } catch (UnsupportedOperationException notPosix) {
                // nothing to check
            }
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String password = (end < 0 ? content : content.substring(0, end)).strip();
            if (password.isEmpty()) {
                throw new IllegalArgumentException("directory.ldap bind.password.file " + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new IllegalArgumentException("directory.ldap bind.password.file " + file + " cannot be read: " + e
                    + "; it must be readable by the user running Hermod", e);
        }
    }
}
