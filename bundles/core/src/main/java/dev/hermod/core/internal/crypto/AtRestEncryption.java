package dev.hermod.core.internal.crypto;

import dev.hermod.api.crypto.EncryptionKeys;
import dev.hermod.api.crypto.EncryptionResult;
import dev.hermod.api.crypto.MessageEncryptor;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.core.internal.ProviderRegistry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Stores a message encrypted for its account when the account keeps a key: the message is spooled, the
 * {@link MessageEncryptor} in use writes the encrypted copy to a second spool file, and that copy is what
 * gets stored; the original is stored when the encryptor finds it already encrypted. Both files are deleted
 * at the end. An account with a key while no encryptor is bound, or an encryptor that fails, defers the
 * message ({@link TemporaryFailureException}): it is never stored in the clear by accident.
 */
public final class AtRestEncryption {

    /** Stores one message. */
    @FunctionalInterface
    public interface Sink<T> {
        /**
         * @param message the message to store, read to its end
         * @return what storing it returned
         * @throws IOException if reading it fails
         */
        T store(InputStream message) throws IOException;
    }

    private final ProviderRegistry registry;
    private final EncryptionKeys keys;
    private final Path spoolDirectory;

    /**
     * @param registry       the providers, for the encryptor in use
     * @param keys           the accounts' keys, to know who wants encryption while no encryptor is bound
     * @param spoolDirectory where to spool, {@code null} for the system's temporary directory
     */
    public AtRestEncryption(ProviderRegistry registry, EncryptionKeys keys, Path spoolDirectory) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.spoolDirectory = spoolDirectory;
    }

    /**
     * Stores a message for an account, encrypted if the account keeps a key.
     *
     * @param account the principal name
     * @param message the message as it would be stored; read to its end, not closed
     * @param sink    stores the message (encrypted or not)
     * @return what the sink returned
     * @throws IOException if reading {@code message} fails
     * @throws TemporaryFailureException if the message must be encrypted and cannot be now
     */
    public <T> T store(String account, InputStream message, Sink<T> sink) throws IOException {
        MessageEncryptor encryptor = encryptorFor(account);
        if (encryptor == null) {
            return sink.store(message);
        }
        Path plain = spool();
        Path sealed = null;
        try {
            try (OutputStream out = Files.newOutputStream(plain)) {
                message.transferTo(out);
            }
            sealed = spool();
            EncryptionResult result;
            try (InputStream in = open(plain);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(sealed), 64 * 1024)) {
                result = encryptor.encrypt(account, in, out);
            } catch (IOException | RuntimeException e) {
                if (e instanceof TemporaryFailureException t) {
                    throw t;
                }
                throw new TemporaryFailureException("encryption at rest failed for " + account + ": " + e, e);
            }
            try (InputStream in = open(result == EncryptionResult.ENCRYPTED ? sealed : plain)) {
                return sink.store(in);
            }
        } finally {
            Files.deleteIfExists(plain);
            if (sealed != null) {
                Files.deleteIfExists(sealed);
            }
        }
    }

    /** The encryptor to use for the account, or {@code null} to store its mail as it is. */
    private MessageEncryptor encryptorFor(String account) {
        MessageEncryptor encryptor = registry.encryptor().orElse(null);
        if (encryptor == null) {
            if (keys.get(account).isEmpty()) {
                return null;
            }
            encryptor = registry.awaitEncryptor();
        }
        return encryptor.keyKind(account).isPresent() ? encryptor : null;
    }

    private Path spool() throws IOException {
        if (spoolDirectory == null) {
            return Files.createTempFile("hermod-encrypt-", ".eml");
        }
        Files.createDirectories(spoolDirectory);
        return Files.createTempFile(spoolDirectory, "hermod-encrypt-", ".eml");
    }

    private static InputStream open(Path file) throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    }
}
