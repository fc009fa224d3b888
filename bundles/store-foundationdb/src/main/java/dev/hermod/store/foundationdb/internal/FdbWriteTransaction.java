package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.MutationType;
import com.apple.foundationdb.Range;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import dev.hermod.api.store.StoreLimits;
import dev.hermod.api.store.Transaction;

/** One attempt of a write function over a FoundationDB transaction. */
final class FdbWriteTransaction implements Transaction {

    private final com.apple.foundationdb.Transaction tr;
    private final KeyPrefix prefix;
    private final Scope scope;
    private final WriteBudget budget;
    private final FdbReadView reads;
    private final FdbReadView snapshot;

    FdbWriteTransaction(com.apple.foundationdb.Transaction tr, KeyPrefix prefix, Scope scope, WriteBudget budget) {
        this.tr = tr;
        this.prefix = prefix;
        this.scope = scope;
        this.budget = budget;
        this.reads = new FdbReadView(tr, prefix, scope, budget);
        this.snapshot = new FdbReadView(tr.snapshot(), prefix, scope, budget);
    }

    @Override
    public byte[] get(byte[] key) {
        return reads.get(key);
    }

    @Override
    public KeyValueIterator range(byte[] from, byte[] to, int limit, boolean reverse) {
        return reads.range(from, to, limit, reverse);
    }

    @Override
    public void set(byte[] key, byte[] value) {
        scope.check();
        StoreLimits.checkKey(key);
        StoreLimits.checkValue(value);
        prefix.checkWritable(key);
        budget.set(key, value);
        tr.set(prefix.add(key), value);
    }

    @Override
    public void clear(byte[] key) {
        scope.check();
        StoreLimits.checkKey(key);
        budget.key(key);
        tr.clear(prefix.add(key));
    }

    @Override
    public void clearRange(byte[] from, byte[] to) {
        scope.check();
        StoreLimits.checkKey(from);
        FdbReadView.checkEnd(to);
        if (Keys.compare(from, to) >= 0) {
            return;
        }
        budget.range(from, to);
        tr.clear(new Range(prefix.add(from), prefix.addEnd(to)));
    }

    /** FoundationDB's ADD mutation: little-endian, and free of conflicts. */
    @Override
    public void add(byte[] key, long delta) {
        scope.check();
        StoreLimits.checkKey(key);
        prefix.checkWritable(key);
        budget.key(key);
        tr.mutate(MutationType.ADD, prefix.add(key), Keys.encodeLongLittleEndian(delta));
    }

    @Override
    public ReadTransaction snapshot() {
        scope.check();
        return snapshot;
    }
}
