package dev.hermod.store.support;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A {@linkplain dev.hermod.api.store.ReadTransaction#range(byte[], byte[], int, boolean) range read}
 * fetched lazily in batches: each batch is one call of a {@link BatchFetcher} (typically one query) that
 * continues after the last key returned, so no cursor stays open between calls and a large range costs
 * only what the caller consumes.
 *
 * <p>A batch is fetched when the caller asks for a pair and the previous batch is used up. After a batch
 * of {@code n} pairs ending at key {@code k}, the next one asks for {@code [k + 0x00, to)} ascending, or
 * {@code [from, k)} descending. The range ends when a batch is shorter than asked for, or when
 * {@code limit} pairs have been returned; an empty range ({@code from >= to}) fetches nothing.
 *
 * <p>Every {@link #hasNext()} (and so {@link #next()}) first calls {@link TransactionState#checkUsable()},
 * so the iterator fails once its transaction has ended or is over its time limit. Not thread safe, as the
 * transaction.
 */
public final class BatchedRangeIterator implements KeyValueIterator {

    /**
     * Fetches one batch of a range from the backend, in the transaction the iterator belongs to.
     */
    @FunctionalInterface
    public interface BatchFetcher {

        /**
         * Fetches the first (or, with {@code reverse}, the last) pairs of {@code [from, to)}.
         *
         * @param from    the first key, inclusive; not {@code null}
         * @param to      the end key, exclusive; not {@code null}; greater than {@code from}
         * @param max     the most pairs to return, at least 1
         * @param reverse {@code true} for descending key order
         * @return at most {@code max} pairs in the requested order; fewer than {@code max} only if the range
         *         holds no more; not {@code null}. The iterator keeps the list and does not modify it.
         * @throws RuntimeException any failure, which propagates to the caller of {@link #hasNext()} or
         *                          {@link #next()}; the fetcher should pass a failure that forbids the commit
         *                          to {@link TransactionState#fail(RuntimeException)} first
         */
        List<KeyValue> fetch(byte[] from, byte[] to, int max, boolean reverse);
    }

    private final TransactionState state;
    private final BatchFetcher fetcher;
    private final boolean reverse;
    private final int batchSize;
    private byte[] from;
    private byte[] to;
    private long remaining;
    private List<KeyValue> batch = List.of();
    private int index;
    private boolean exhausted;

    /**
     * Creates the iterator; nothing is fetched until the first {@link #hasNext()} or {@link #next()}. The
     * arguments are expected to be checked already, with
     * {@link TransactionState#beforeRange(byte[], byte[], int)}.
     *
     * @param state     the transaction's state; not {@code null}
     * @param fetcher   reads one batch; not {@code null}
     * @param from      the first key, inclusive; not {@code null}
     * @param to        the end key, exclusive; not {@code null}
     * @param limit     the most pairs to return in all, 0 for no limit; not negative
     * @param reverse   {@code true} for descending key order
     * @param batchSize the most pairs per batch, at least 1
     * @throws IllegalArgumentException if {@code limit} is negative or {@code batchSize} is less than 1
     */
    public BatchedRangeIterator(TransactionState state, BatchFetcher fetcher, byte[] from, byte[] to, int limit,
            boolean reverse, int batchSize) {
        if (limit < 0 || batchSize < 1) {
            throw new IllegalArgumentException("limit must be 0 or positive (is " + limit + ") and batchSize positive"
                    + " (is " + batchSize + ")");
        }
        this.state = Objects.requireNonNull(state, "state");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.from = from;
        this.to = to;
        this.reverse = reverse;
        this.batchSize = batchSize;
        this.remaining = limit == 0 ? Long.MAX_VALUE : limit;
        this.exhausted = Keys.compare(from, to) >= 0;
    }

    /**
     * Whether there is another pair, fetching the next batch if the current one is used up.
     *
     * @return {@code true} if {@link #next()} returns a pair
     * @throws IllegalStateException as {@link TransactionState#checkUsable()}, e.g. after the transaction
     *                               ended
     * @throws RuntimeException      whatever the {@link BatchFetcher} or the state's checks throw
     */
    @Override
    public boolean hasNext() {
        state.checkUsable();
        if (index < batch.size()) {
            return true;
        }
        if (!exhausted) {
            fetch();
        }
        return index < batch.size();
    }

    /**
     * The next pair.
     *
     * @return the next pair, never {@code null}
     * @throws NoSuchElementException if there are no more pairs
     * @throws RuntimeException       as {@link #hasNext()}
     */
    @Override
    public KeyValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more pairs in the range");
        }
        return batch.get(index++);
    }

    /** Drops the current batch and fetches no more; idempotent; never throws. */
    @Override
    public void close() {
        exhausted = true;
        batch = List.of();
        index = 0;
    }

    private void fetch() {
        int max = (int) Math.min(batchSize, remaining);
        batch = fetcher.fetch(from, to, max, reverse);
        index = 0;
        remaining -= batch.size();
        if (batch.size() < max || remaining == 0) {
            exhausted = true;
        } else {
            byte[] last = batch.get(batch.size() - 1).key();
            if (reverse) {
                to = last;
            } else {
                // The next key after `last` in byte order is `last` followed by 0x00.
                from = Arrays.copyOf(last, last.length + 1);
            }
        }
    }
}
