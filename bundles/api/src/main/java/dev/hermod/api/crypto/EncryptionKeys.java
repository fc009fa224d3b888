package dev.hermod.api.crypto;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The public keys accounts encrypt their stored mail with, kept by the core in the metadata store, so they
 * survive restarts, move with the account's data and are part of a backup of the store. Registered by the
 * core; thread safe; every method may block on the store and throws
 * {@link dev.hermod.api.mail.TemporaryFailureException} when it is unavailable.
 *
 * <p>This is storage only: a {@link MessageEncryptor} checks an upload (parses it, refuses private keys,
 * expired keys and keys that cannot encrypt, makes a test encryption) before it calls {@link #put}, and
 * reads the key back at every delivery. The core also reads it to know that an account wants its mail
 * encrypted while no encryptor is bound (during a swap it defers the delivery rather than store the message
 * in the clear).
 *
 * <p>Only public material is kept: a private key never reaches the server.
 */
@ProviderType
public interface EncryptionKeys {

    /** The largest key material accepted by {@link #put}, in octets. */
    int MAX_KEY_SIZE = 1024 * 1024;

    /**
     * An account's encryption key.
     *
     * @param kind      OpenPGP or S/MIME
     * @param cipherBits the AES key length for the message content the user chose, 128 or 256
     * @param material  the public key material as the encryptor keeps it: for {@link KeyKind#PGP} OpenPGP
     *                  transferable public keys (RFC 9580 §10.1), binary, one after the other; for
     *                  {@link KeyKind#SMIME} X.509 certificates in DER, each preceded by its length as a
     *                  4-octet big-endian integer. Not {@code null}, not empty, at most {@link #MAX_KEY_SIZE}
     *                  octets; the array is the caller's copy
     * @param updated   when it was stored
     */
    record StoredKey(KeyKind kind, int cipherBits, byte[] material, Instant updated) {

        public StoredKey {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(material, "material");
            Objects.requireNonNull(updated, "updated");
            if (cipherBits != 128 && cipherBits != 256) {
                throw new IllegalArgumentException("cipherBits must be 128 or 256, not " + cipherBits);
            }
            if (material.length == 0 || material.length > MAX_KEY_SIZE) {
                throw new IllegalArgumentException("key material must be 1 to " + MAX_KEY_SIZE + " octets, not "
                        + material.length);
            }
        }

        @Override
        public String toString() {
            return "StoredKey[" + kind + ", AES-" + cipherBits + ", " + material.length + " octets, " + updated + "]";
        }
    }

    /**
     * The key an account encrypts with.
     *
     * @param account a principal name, not {@code null}
     * @return the key, or empty if the account has none (encryption at rest is off for it)
     */
    Optional<StoredKey> get(String account);

    /**
     * Stores an account's key, replacing the one it had: mail delivered from then on is encrypted with it.
     *
     * @param account a principal name, not {@code null}
     * @param key     the key, not {@code null}
     */
    void put(String account, StoredKey key);

    /**
     * Removes an account's key: mail delivered from then on is stored as it arrives. Messages stored
     * encrypted stay encrypted.
     *
     * @param account a principal name, not {@code null}
     * @return {@code true} if the account had a key
     */
    boolean remove(String account);
}
