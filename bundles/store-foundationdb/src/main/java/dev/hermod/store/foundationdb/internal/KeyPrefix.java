package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.tuple.Tuple;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimits;
import java.util.Arrays;

/**
 * The bytes in front of every key Hermod stores, so that Hermod shares a cluster with other applications:
 * the tuple encoding of the configured subspace name ({@code "hermod"} is {@code \x02hermod\x00}).
 */
final class KeyPrefix {

    private static final byte[] USER_END = {(byte) 0xFF};

    private final byte[] prefix;

    private KeyPrefix(byte[] prefix) {
        this.prefix = prefix;
    }

    /** @param subspace the subspace name; empty for no prefix (Hermod owns the whole cluster) */
    static KeyPrefix of(String subspace) {
        return new KeyPrefix(subspace.isEmpty() ? new byte[0] : Tuple.from(subspace).pack());
    }

    int length() {
        return prefix.length;
    }

    /** @return the stored key for a user key */
    byte[] add(byte[] key) {
        return prefix.length == 0 ? key : Keys.concat(prefix, key);
    }

    /** @return the stored end key of a user range; ends past the user key space stop at {@code {0xFF}} */
    byte[] addEnd(byte[] end) {
        return add(Keys.compare(end, USER_END) > 0 ? USER_END : end);
    }

    /** @return the user key of a stored key */
    byte[] strip(byte[] stored) {
        if (!Keys.startsWith(stored, prefix)) {
            throw new IllegalStateException("FoundationDB returned key " + Keys.printable(stored)
                    + " outside the subspace " + this);
        }
        return Arrays.copyOfRange(stored, prefix.length, stored.length);
    }

    /** FoundationDB's own key limit, prefix included. */
    static final int FDB_MAX_KEY_SIZE = 10_000;

    /**
     * Checks that a key to write fits FoundationDB's key limit once prefixed (reads need no check: no
     * longer key can exist). {@link StoreLimits#MAX_KEY_SIZE} leaves room for prefixes up to 1,000 bytes.
     *
     * @throws StoreLimitException with the key's length, if the key or the prefixed key is too long
     */
    void checkWritable(byte[] key) {
        if (key.length > StoreLimits.MAX_KEY_SIZE) {
            throw new StoreLimitException(StoreLimitException.Limit.KEY_SIZE, key.length);
        }
        if (prefix.length + key.length > FDB_MAX_KEY_SIZE) {
            throw new StoreLimitException(StoreLimitException.Limit.KEY_SIZE, prefix.length + key.length);
        }
    }

    @Override
    public String toString() {
        return Keys.printable(prefix);
    }
}
