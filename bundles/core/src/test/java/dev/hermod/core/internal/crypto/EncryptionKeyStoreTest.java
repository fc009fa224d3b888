package dev.hermod.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.crypto.EncryptionKeys.StoredKey;
import dev.hermod.api.crypto.KeyKind;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts' encryption keys over the real SQLite store, across a restart. */
class EncryptionKeyStoreTest {

    @TempDir
    Path dir;

    private SqliteStoreComponent open() {
        return new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
    }

    private static EncryptionKeyStore keys(SqliteStoreComponent kv) {
        ProviderRegistry registry = TestRegistries.create(200);
        TestRegistries.bind(registry, kv, "kv");
        return new EncryptionKeyStore(registry);
    }

    private static void close(SqliteStoreComponent kv) throws Exception {
        Method m = kv.getClass().getDeclaredMethod("deactivate");
        m.setAccessible(true);
        m.invoke(kv);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void keysSurviveARestartAndLargeOnesAreChunked() throws Exception {
        Instant when = Instant.parse("2026-11-25T10:00:00Z");
        byte[] large = bytes(300_000, 1);
        SqliteStoreComponent kv = open();
        EncryptionKeyStore keys = keys(kv);
        keys.put("alice", new StoredKey(KeyKind.PGP, 256, large, when));
        keys.put("alicex", new StoredKey(KeyKind.SMIME, 128, bytes(100, 2), when));
        close(kv);

        kv = open();
        keys = keys(kv);
        StoredKey alice = keys.get("alice").orElseThrow();
        assertEquals(KeyKind.PGP, alice.kind());
        assertEquals(256, alice.cipherBits());
        assertEquals(when, alice.updated());
        assertArrayEquals(large, alice.material());
        StoredKey alicex = keys.get("alicex").orElseThrow();
        assertEquals(KeyKind.SMIME, alicex.kind());
        assertArrayEquals(bytes(100, 2), alicex.material(), "accounts whose names share a prefix stay apart");

        // A smaller key replaces every chunk of the larger one.
        keys.put("alice", new StoredKey(KeyKind.SMIME, 128, bytes(10, 3), when));
        assertArrayEquals(bytes(10, 3), keys.get("alice").orElseThrow().material());
        assertTrue(keys.remove("alice"));
        assertFalse(keys.remove("alice"));
        assertTrue(keys.get("alice").isEmpty());
        assertTrue(keys.get("alicex").isPresent());
        close(kv);
    }
}
