package dev.hermod.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.crypto.EncryptionKeys;
import dev.hermod.api.crypto.EncryptionResult;
import dev.hermod.api.crypto.KeyKind;
import dev.hermod.api.crypto.MessageEncryptor;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the core stores for an account with and without a key, and when it defers instead. */
class AtRestEncryptionTest {

    @TempDir
    Path spool;

    private final Map<String, EncryptionKeys.StoredKey> kept = new ConcurrentHashMap<>();
    private final EncryptionKeys keys = new EncryptionKeys() {
        @Override
        public Optional<StoredKey> get(String account) {
            return Optional.ofNullable(kept.get(account));
        }

        @Override
        public void put(String account, StoredKey key) {
            kept.put(account, key);
        }

        @Override
        public boolean remove(String account) {
            return kept.remove(account) != null;
        }
    };

    /** "Encrypts" by upper-casing; messages starting with "ENC" count as encrypted already. */
    private final MessageEncryptor upper = new MessageEncryptor() {
        @Override
        public Optional<KeyKind> keyKind(String account) {
            return keys.get(account).map(EncryptionKeys.StoredKey::kind);
        }

        @Override
        public EncryptionResult encrypt(String account, InputStream in, OutputStream out) throws IOException {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.startsWith("ENC")) {
                return EncryptionResult.ALREADY_ENCRYPTED;
            }
            out.write(("ENC " + text.toUpperCase()).getBytes(StandardCharsets.UTF_8));
            return EncryptionResult.ENCRYPTED;
        }
    };

    private String store(AtRestEncryption encryption, String account, String message) throws IOException {
        return encryption.store(account, new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
                in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    private void keyFor(String account) {
        kept.put(account, new EncryptionKeys.StoredKey(KeyKind.PGP, 256, new byte[] {1}, Instant.now()));
    }

    @Test
    void onlyAccountsWithAKeyGetTheirCopyEncrypted() throws Exception {
        ProviderRegistry registry = TestRegistries.create(100);
        TestRegistries.bind(registry, upper, "upper");
        AtRestEncryption encryption = new AtRestEncryption(registry, keys, spool);
        keyFor("alice");
        assertEquals("ENC SECRET", store(encryption, "alice", "secret"));
        assertEquals("secret", store(encryption, "bob", "secret"));
        assertEquals("ENC already", store(encryption, "alice", "ENC already"), "stored as it is");
        try (var files = Files.list(spool)) {
            assertEquals(0, files.count(), "spool files are deleted");
        }
    }

    @Test
    void withAKeyButNoEncryptorTheMessageIsDeferredNotStoredInTheClear() throws Exception {
        ProviderRegistry registry = TestRegistries.create(100);
        AtRestEncryption encryption = new AtRestEncryption(registry, keys, spool);
        assertEquals("plain", store(encryption, "bob", "plain"), "no key: stored as it is");
        keyFor("alice");
        assertThrows(TemporaryFailureException.class, () -> store(encryption, "alice", "secret"));
        TestRegistries.Binding b = TestRegistries.bind(registry, upper, "upper");
        assertEquals("ENC SECRET", store(encryption, "alice", "secret"), "the encryptor is back");
        TestRegistries.unbindEncryptor(registry, b);
        assertThrows(TemporaryFailureException.class, () -> store(encryption, "alice", "secret"));
    }

    @Test
    void anEncryptorThatFailsDefersTheMessage() throws Exception {
        ProviderRegistry registry = TestRegistries.create(100);
        TestRegistries.bind(registry, new MessageEncryptor() {
            @Override
            public Optional<KeyKind> keyKind(String account) {
                return Optional.of(KeyKind.SMIME);
            }

            @Override
            public EncryptionResult encrypt(String account, InputStream in, OutputStream out) throws IOException {
                out.write("half".getBytes(StandardCharsets.UTF_8));
                throw new IOException("disk full");
            }
        }, "broken");
        AtRestEncryption encryption = new AtRestEncryption(registry, keys, spool);
        TemporaryFailureException e = assertThrows(TemporaryFailureException.class,
                () -> store(encryption, "alice", "secret"));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        try (var files = Files.list(spool)) {
            assertEquals(0, files.count(), "spool files are deleted");
        }
    }
}
