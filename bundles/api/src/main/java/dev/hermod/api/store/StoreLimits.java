package dev.hermod.api.store;

import java.util.Objects;

/**
 * The limits every {@link KeyValueStore} provider enforces, whatever its backend could take, so that data
 * written on one provider can move to any other (FoundationDB's limits, rounded).
 *
 * <p>The core stays well inside them: it splits values larger than {@link #MAX_VALUE_SIZE} into chunks,
 * keeps message bodies in the {@link dev.hermod.api.blob.BlobStore BlobStore}, and splits bulk work
 * (imports, account deletion, migration) into many transactions.
 */
public final class StoreLimits {

    /**
     * Longest key, in bytes. FoundationDB's own limit is 10,000 bytes including the prefix a provider
     * adds to keep Hermod's keys apart on a shared cluster; 9,000 leaves that room, so the same data fits
     * every provider.
     */
    public static final int MAX_KEY_SIZE = 9_000;

    /** Longest value, in bytes. */
    public static final int MAX_VALUE_SIZE = 100_000;

    /**
     * Most bytes one transaction may write: the sum of the lengths of the keys and values it sets, the
     * keys it clears or adds to, and the bounds of the ranges it clears.
     */
    public static final int MAX_TRANSACTION_SIZE = 10_000_000;

    /**
     * Longest a transaction may run, from its start to its commit, in milliseconds. A provider may fail a
     * longer attempt as a conflict (so it is retried); callers keep transactions far shorter.
     */
    public static final int MAX_TRANSACTION_MILLIS = 5_000;

    /**
     * How many times a provider retries a conflicting transaction before it gives up with
     * {@link dev.hermod.api.mail.TemporaryFailureException}; a provider may retry fewer times only if its
     * total time would otherwise exceed a few seconds.
     */
    public static final int MAX_RETRIES = 10;

    private StoreLimits() {
    }

    /**
     * Checks a key for providers: length and reserved prefix. For the exclusive end of a range, which may
     * be {@code {0xFF}}, check only the length.
     *
     * @param key the key, not {@code null}
     * @return {@code key}, for chaining
     * @throws NullPointerException     if {@code key} is {@code null}
     * @throws StoreLimitException      if the key is longer than {@link #MAX_KEY_SIZE}
     * @throws IllegalArgumentException if the key starts with the reserved byte {@code 0xFF}
     */
    public static byte[] checkKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length > MAX_KEY_SIZE) {
            throw new StoreLimitException(StoreLimitException.Limit.KEY_SIZE, key.length);
        }
        if (key.length > 0 && key[0] == (byte) 0xFF) {
            throw new IllegalArgumentException("keys starting with 0xFF are reserved: " + Keys.printable(key));
        }
        return key;
    }

    /**
     * Checks a value's length for providers.
     *
     * @param value the value, not {@code null}
     * @return {@code value}, for chaining
     * @throws NullPointerException if {@code value} is {@code null}
     * @throws StoreLimitException  if the value is longer than {@link #MAX_VALUE_SIZE}
     */
    public static byte[] checkValue(byte[] value) {
        Objects.requireNonNull(value, "value");
        if (value.length > MAX_VALUE_SIZE) {
            throw new StoreLimitException(StoreLimitException.Limit.VALUE_SIZE, value.length);
        }
        return value;
    }
}
