package dev.hermod.shell.internal;

import dev.hermod.api.crypto.EncryptionKeys;
import dev.hermod.api.crypto.EncryptionKeys.StoredKey;
import java.util.Optional;

/** What the {@code hermod:crypto-*} commands print. */
final class CryptoKeySupport {

    private CryptoKeySupport() {
    }

    /** Says so and returns {@code true} when the core's key store is not there. */
    static boolean missing(EncryptionKeys keys) {
        if (keys == null) {
            System.err.println("No encryption key store: is the core (feature hermod-core) running?");
            return true;
        }
        return false;
    }

    /** One line on an account's encryption at rest. */
    static String describe(String account, Optional<StoredKey> key) {
        if (key.isEmpty()) {
            return account + ": no key; mail is stored as it arrives";
        }
        StoredKey k = key.get();
        String method = (k.kind() == dev.hermod.api.crypto.KeyKind.PGP ? "PGP" : "S/MIME") + " AES-" + k.cipherBits();
        return account + ": " + method + ", key of " + k.material().length + " octets uploaded " + k.updated()
                + "; new mail is encrypted";
    }
}
