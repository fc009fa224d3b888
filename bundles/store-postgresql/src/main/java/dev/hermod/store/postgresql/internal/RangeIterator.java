package dev.hermod.store.postgresql.internal;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A range read fetched in batches: each batch is one query that continues after the last key returned,
 * so no cursor stays open between calls and a large range costs only what the caller consumes.
 */
final class RangeIterator implements KeyValueIterator {

    /** Fetches at most {@code max} pairs of {@code [from, to)}, ascending or descending. */
    @FunctionalInterface
    interface Fetcher {
        List<KeyValue> fetch(byte[] from, byte[] to, int max, boolean reverse);
    }

    private final TxnState state;
    private final Fetcher fetcher;
    private final boolean reverse;
    private final int batchSize;
    private byte[] from;
    private byte[] to;
    private long remaining;
    private List<KeyValue> batch = List.of();
    private int index;
    private boolean exhausted;

    RangeIterator(TxnState state, Fetcher fetcher, byte[] from, byte[] to, int limit, boolean reverse, int batchSize) {
        this.state = state;
        this.fetcher = fetcher;
        this.from = from;
        this.to = to;
        this.reverse = reverse;
        this.batchSize = batchSize;
        this.remaining = limit == 0 ? Long.MAX_VALUE : limit;
        this.exhausted = Keys.compare(from, to) >= 0;
    }

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

    @Override
    public KeyValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more pairs in the range");
        }
        return batch.get(index++);
    }

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
