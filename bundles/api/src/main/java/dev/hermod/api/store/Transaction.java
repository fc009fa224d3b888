package dev.hermod.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A read-write transaction; see {@link KeyValueStore#write(WriteFunction)}.
 *
 * <p>Writes are buffered and become visible to other transactions only when the store commits, all at
 * once; reads in this transaction see them at once (read-your-writes). Every byte of keys and values
 * set, and of the bounds of cleared ranges, counts towards {@link StoreLimits#MAX_TRANSACTION_SIZE}.
 *
 * <p>Not thread safe, and valid only until the function returns, as {@link ReadTransaction}.
 */
@ConsumerType
public interface Transaction extends ReadTransaction {

    /**
     * Sets a key to a value, replacing any value it had.
     *
     * @param key   the key, not {@code null}, at most {@link StoreLimits#MAX_KEY_SIZE} bytes, not starting
     *              with {@code 0xFF}
     * @param value the value, not {@code null} (may be empty), at most {@link StoreLimits#MAX_VALUE_SIZE}
     *              bytes
     * @throws StoreLimitException      if the key, the value or the transaction becomes too large
     * @throws IllegalArgumentException if the key starts with the reserved byte {@code 0xFF}
     */
    void set(byte[] key, byte[] value);

    /**
     * Removes a key; removing a key that is not set does nothing.
     *
     * @param key the key, not {@code null}
     * @throws StoreLimitException      if the key is too long
     * @throws IllegalArgumentException if the key starts with the reserved byte {@code 0xFF}
     */
    void clear(byte[] key);

    /**
     * Removes every key in {@code [from, to)}; does nothing if {@code from >= to}. Costs the same however
     * many keys the range holds (as in FoundationDB), so deleting an account is one call on its prefix.
     *
     * @param from the first key removed, inclusive, not {@code null}
     * @param to   the end key, exclusive, not {@code null}; {@code {0xFF}} at most
     * @throws StoreLimitException      if a bound is too long
     * @throws IllegalArgumentException if {@code from} starts with the reserved byte {@code 0xFF}
     */
    void clearRange(byte[] from, byte[] to);

    /**
     * Adds {@code delta} to the counter at {@code key}, atomically and without conflicting with concurrent
     * adds to the same key (FoundationDB's {@code ADD} mutation): neither the reading nor the writing of
     * the counter makes this transaction conflict, so many transactions can count at once.
     *
     * <p>Encoding: the value is exactly 8 bytes, a <b>little-endian signed 64-bit</b> two's complement
     * integer ({@link Keys#encodeLongLittleEndian(long)}); a missing key counts as 0; the sum wraps on
     * overflow. A value of any other length has an undefined result (a provider may throw
     * {@link IllegalStateException}): only ever {@code set} counter keys with
     * {@link Keys#encodeLongLittleEndian(long)}.
     *
     * <p>A later {@link #get(byte[])} of the key in this transaction returns the new value (and then does
     * make the transaction conflict with concurrent changes to the key).
     *
     * @param key   the counter's key, not {@code null}
     * @param delta the amount to add, may be negative
     * @throws StoreLimitException      if the key is too long
     * @throws IllegalArgumentException if the key starts with the reserved byte {@code 0xFF}
     */
    void add(byte[] key, long delta);

    /**
     * A view of this transaction whose reads do not make it conflict with concurrent writes (FoundationDB
     * snapshot reads): for values whose staleness is harmless, e.g. statistics. The view sees this
     * transaction's writes. A provider without that distinction returns {@code this}, which is always
     * correct, only less concurrent.
     *
     * @return a read view, valid as long as this transaction; never {@code null}
     */
    default ReadTransaction snapshot() {
        return this;
    }
}
