package dev.hermod.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermod.api.crypto.EncryptionKeys.StoredKey;
import dev.hermod.api.crypto.KeyKind;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CryptoKeySupportTest {

    @Test
    void saysWhetherAndHowNewMailIsEncrypted() {
        assertEquals("alice: no key; mail is stored as it arrives", CryptoKeySupport.describe("alice", Optional.empty()));
        assertEquals("bob: S/MIME AES-128, key of 3 octets uploaded 2026-11-25T10:00:00Z; new mail is encrypted",
                CryptoKeySupport.describe("bob", Optional.of(new StoredKey(KeyKind.SMIME, 128, new byte[3],
                        Instant.parse("2026-11-25T10:00:00Z")))));
    }
}
