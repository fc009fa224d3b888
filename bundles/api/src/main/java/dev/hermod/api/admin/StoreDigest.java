package dev.hermod.api.admin;

import java.util.Objects;

/**
 * A digest of a whole provider's content.
 *
 * @param provider the provider's name
 * @param kind what the provider stores
 * @param entries the number of keys, or of blobs
 * @param bytes the total size of keys and values, or of blobs
 * @param sha256 lower-case hex SHA-256 over the content in order: for a key-value store each key and value
 *        as a 4-byte big-endian length followed by the bytes; for a blob store each blob's hash as 32 bytes
 */
public record StoreDigest(String provider, StorageAdmin.Kind kind, long entries, long bytes, String sha256) {

    public StoreDigest {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sha256, "sha256");
    }

    /**
     * Whether another digest describes the same content (provider names may differ).
     *
     * @param other the other digest, not {@code null}
     * @return {@code true} if kind, count, size and checksum are equal
     */
    public boolean sameContent(StoreDigest other) {
        return kind == other.kind && entries == other.entries && bytes == other.bytes && sha256.equals(other.sha256);
    }
}
