package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.async.AsyncIterator;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import java.util.NoSuchElementException;

/** A range read's pairs, fetched by FoundationDB in growing batches as the caller advances. */
final class FdbRangeIterator implements KeyValueIterator {

    private final AsyncIterator<com.apple.foundationdb.KeyValue> source;
    private final KeyPrefix prefix;
    private final Scope scope;
    private final WriteBudget budget;
    private boolean closed;

    /** @param source the pairs, {@code null} for an empty range */
    FdbRangeIterator(AsyncIterator<com.apple.foundationdb.KeyValue> source, KeyPrefix prefix, Scope scope,
            WriteBudget budget) {
        this.source = source;
        this.prefix = prefix;
        this.scope = scope;
        this.budget = budget;
        scope.track(this);
    }

    @Override
    public boolean hasNext() {
        scope.check();
        if (closed) {
            throw new IllegalStateException("the iterator is closed");
        }
        if (source == null) {
            return false;
        }
        try {
            return source.hasNext();
        } catch (RuntimeException e) {
            throw FdbErrors.translate(e, budget);
        }
    }

    @Override
    public KeyValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        com.apple.foundationdb.KeyValue pair;
        try {
            pair = source.next();
        } catch (RuntimeException e) {
            throw FdbErrors.translate(e, budget);
        }
        return new KeyValue(prefix.strip(pair.getKey()), pair.getValue());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            scope.untrack(this);
            if (source != null) {
                source.cancel();
            }
        }
    }
}
