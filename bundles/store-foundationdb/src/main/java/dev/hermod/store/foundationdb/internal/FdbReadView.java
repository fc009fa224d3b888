package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.StreamingMode;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimits;
import java.util.Objects;

/** The reads of a transaction over a FoundationDB (snapshot or serializable) read transaction. */
final class FdbReadView implements ReadTransaction {

    private final com.apple.foundationdb.ReadTransaction tr;
    private final KeyPrefix prefix;
    private final Scope scope;
    private final WriteBudget budget;

    /** @param budget the write attempt's budget, {@code null} in a read-only transaction */
    FdbReadView(com.apple.foundationdb.ReadTransaction tr, KeyPrefix prefix, Scope scope, WriteBudget budget) {
        this.tr = tr;
        this.prefix = prefix;
        this.scope = scope;
        this.budget = budget;
    }

    @Override
    public byte[] get(byte[] key) {
        scope.check();
        StoreLimits.checkKey(key);
        return FdbErrors.await(tr.get(prefix.add(key)), budget);
    }

    @Override
    public KeyValueIterator range(byte[] from, byte[] to, int limit, boolean reverse) {
        scope.check();
        StoreLimits.checkKey(from);
        checkEnd(to);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (none) or positive, not " + limit);
        }
        var source = Keys.compare(from, to) >= 0 ? null
                : tr.getRange(prefix.add(from), prefix.addEnd(to), limit, reverse, StreamingMode.ITERATOR).iterator();
        return new FdbRangeIterator(source, prefix, scope, budget);
    }

    /** Checks the exclusive end of a range: only its length, it may be {@code {0xFF}}. */
    static void checkEnd(byte[] to) {
        Objects.requireNonNull(to, "to");
        if (to.length > StoreLimits.MAX_KEY_SIZE) {
            throw new StoreLimitException(StoreLimitException.Limit.KEY_SIZE, to.length);
        }
    }
}
