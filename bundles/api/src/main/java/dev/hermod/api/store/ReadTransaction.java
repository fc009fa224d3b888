package dev.hermod.api.store;

import dev.hermod.api.mail.TemporaryFailureException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The reads of a transaction, over a consistent snapshot (plus, in a {@link Transaction}, its own writes).
 *
 * <p>Arrays: the provider must not modify arrays passed in and may keep them until the transaction ends,
 * so callers must not modify them either. Arrays returned belong to the caller.
 *
 * <p>Not thread safe: used only by the thread running the transaction's function, and only until that
 * function returns; afterwards every method throws {@link IllegalStateException}.
 *
 * <p>Every method may throw {@link TemporaryFailureException} if the backend fails, and
 * {@link ConflictException} if the provider already knows the transaction cannot commit; callers let
 * both propagate out of the function.
 */
@ConsumerType
public interface ReadTransaction {

    /**
     * Reads one key.
     *
     * @param key the key, not {@code null}, at most {@link StoreLimits#MAX_KEY_SIZE} bytes
     * @return the value, or {@code null} if the key is not set
     * @throws StoreLimitException      if the key is too long
     * @throws IllegalArgumentException if the key starts with the reserved byte {@code 0xFF}
     */
    byte[] get(byte[] key);

    /**
     * Reads the keys in {@code [from, to)} in order, lazily: the iterator fetches from the backend in
     * batches as it advances, so a large range costs only what the caller consumes. Close it (with
     * try-with-resources) when done early; all iterators are closed when the transaction ends.
     *
     * <p>With {@code reverse}, the same keys come in descending order and {@code limit} counts from the
     * end: {@code range(a, b, 1, true)} returns the last key before {@code b}.
     *
     * <p>An empty range ({@code from >= to}) yields no keys. To read every key, pass an empty {@code from}
     * and {@code new byte[] {(byte) 0xFF}} as {@code to}.
     *
     * @param from    the first key, inclusive, not {@code null}
     * @param to      the end key, exclusive, not {@code null}; {@code {0xFF}} reaches the last user key
     * @param limit   the most pairs to return, {@code 0} for no limit
     * @param reverse {@code true} to return pairs in descending key order
     * @return an iterator over the pairs, never {@code null}
     * @throws IllegalArgumentException if {@code limit} is negative or {@code from} starts with
     *                                  {@code 0xFF}
     * @throws StoreLimitException      if a bound is longer than {@link StoreLimits#MAX_KEY_SIZE}
     */
    KeyValueIterator range(byte[] from, byte[] to, int limit, boolean reverse);

    /**
     * Reads all keys in {@code [from, to)} in ascending order; see {@link #range(byte[], byte[], int,
     * boolean)}.
     *
     * @param from the first key, inclusive, not {@code null}
     * @param to   the end key, exclusive, not {@code null}
     * @return an iterator over the pairs, never {@code null}
     */
    default KeyValueIterator range(byte[] from, byte[] to) {
        return range(from, to, 0, false);
    }

    /**
     * Reads the keys that start with {@code prefix}; see {@link #range(byte[], byte[], int, boolean)}.
     *
     * @param prefix  the common prefix, not {@code null}; empty for every key
     * @param limit   the most pairs to return, {@code 0} for no limit
     * @param reverse {@code true} for descending key order
     * @return an iterator over the pairs, never {@code null}
     * @throws IllegalArgumentException if {@code prefix} is non-empty and all {@code 0xFF} bytes
     */
    default KeyValueIterator prefix(byte[] prefix, int limit, boolean reverse) {
        byte[] end = prefix.length == 0 ? new byte[] {(byte) 0xFF} : Keys.strinc(prefix);
        return range(prefix, end, limit, reverse);
    }
}
