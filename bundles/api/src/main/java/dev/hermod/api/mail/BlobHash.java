package dev.hermod.api.mail;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The SHA-256 digest that names a blob in the {@link dev.hermod.api.blob.BlobStore BlobStore}: the same
 * content always has the same hash, so a message stored for several recipients is stored once.
 *
 * @param hex the digest as 64 lower-case hexadecimal digits, never {@code null}
 */
public record BlobHash(String hex) {

    /** Length of the digest in bytes. */
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    /**
     * @param hex the digest as 64 lower-case hexadecimal digits, never {@code null}
     * @throws NullPointerException     if {@code hex} is {@code null}
     * @throws IllegalArgumentException if {@code hex} is not 64 lower-case hexadecimal digits
     */
    public BlobHash {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 2 * LENGTH || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw new IllegalArgumentException("a blob hash is 64 lower-case hex digits (SHA-256): " + hex);
        }
    }

    /**
     * The hash of a digest computed elsewhere, e.g. by a {@link java.security.DigestInputStream}.
     *
     * @param digest the 32-byte SHA-256 digest, not {@code null}; not retained
     * @return the hash, never {@code null}
     * @throws IllegalArgumentException if {@code digest} is not 32 bytes long
     */
    public static BlobHash of(byte[] digest) {
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes, not " + digest.length);
        }
        return new BlobHash(HEX.formatHex(digest));
    }

    /**
     * Parses a hash given in either case, e.g. in a JMAP blob id or a shell command.
     *
     * @param text 64 hexadecimal digits, not {@code null}
     * @return the hash, never {@code null}
     * @throws IllegalArgumentException if the text is not 64 hexadecimal digits
     */
    public static BlobHash parse(String text) {
        return new BlobHash(text.toLowerCase(Locale.ROOT));
    }

    /**
     * Computes the hash of content held in memory.
     *
     * @param content the blob's bytes, not {@code null}
     * @return the SHA-256 hash of {@code content}, never {@code null}
     */
    public static BlobHash sha256(byte[] content) {
        try {
            return of(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** @return a new array holding the 32-byte digest */
    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    /** @return the 64 lower-case hex digits */
    @Override
    public String toString() {
        return hex;
    }
}
