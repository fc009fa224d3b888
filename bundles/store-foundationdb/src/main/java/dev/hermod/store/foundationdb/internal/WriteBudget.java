package dev.hermod.store.foundationdb.internal;

import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimitException.Limit;
import dev.hermod.api.store.StoreLimits;

/**
 * Counts the bytes one write attempt writes, as {@link StoreLimits#MAX_TRANSACTION_SIZE} defines them, and
 * remembers the largest key and value for errors FoundationDB reports only at commit.
 */
final class WriteBudget {

    private final int prefixLength;
    private long written;
    private int largestKey;
    private int largestValue;

    WriteBudget(int prefixLength) {
        this.prefixLength = prefixLength;
    }

    void set(byte[] key, byte[] value) {
        charge(key.length + (long) value.length);
        largestKey = Math.max(largestKey, key.length);
        largestValue = Math.max(largestValue, value.length);
    }

    /** A cleared or added-to key. */
    void key(byte[] key) {
        charge(key.length);
        largestKey = Math.max(largestKey, key.length);
    }

    void range(byte[] from, byte[] to) {
        charge(from.length + (long) to.length);
    }

    long written() {
        return written;
    }

    /**
     * The exception for a limit FoundationDB enforced at commit.
     *
     * @param nativeSize FoundationDB's own estimate of the transaction's size (it counts conflict ranges
     *                   too), or 0 if unknown
     */
    StoreLimitException exceeded(Limit limit, long nativeSize) {
        return switch (limit) {
            case KEY_SIZE -> new StoreLimitException(limit, prefixLength + largestKey);
            case VALUE_SIZE -> new StoreLimitException(limit, largestValue);
            default -> new StoreLimitException(limit, Math.max(written, nativeSize));
        };
    }

    private void charge(long bytes) {
        long total = written + bytes;
        if (total > StoreLimits.MAX_TRANSACTION_SIZE) {
            throw new StoreLimitException(Limit.TRANSACTION_SIZE, total);
        }
        written = total;
    }
}
