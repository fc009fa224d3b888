package dev.hermod.store.sqlite.internal;

import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimitException.Limit;
import dev.hermod.api.store.StoreLimits;
import dev.hermod.api.store.Transaction;
import java.util.Objects;

/**
 * A transaction on one SQLite connection: a read transaction on a reader's snapshot, or the write
 * transaction on the writer connection, whose statements run at once inside {@code BEGIN IMMEDIATE}, so
 * reads see the transaction's own writes.
 */
final class SqliteTransaction implements Transaction {

    /** Pairs per range query. */
    static final int BATCH = 256;

    private final SqliteConnection connection;
    private final TxnState state;

    SqliteTransaction(SqliteConnection connection, TxnState state) {
        this.connection = connection;
        this.state = state;
    }

    @Override
    public byte[] get(byte[] key) {
        state.checkUsable();
        StoreLimits.checkKey(key);
        try {
            return connection.get(key);
        } catch (ConflictException e) {
            throw state.fail(e);
        }
    }

    @Override
    public KeyValueIterator range(byte[] from, byte[] to, int limit, boolean reverse) {
        state.checkUsable();
        StoreLimits.checkKey(from);
        checkBound(to);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (none) or positive, not " + limit);
        }
        return new RangeIterator(state, (f, t, max, rev) -> {
            try {
                return connection.range(f, t, max, rev);
            } catch (ConflictException e) {
                throw state.fail(e);
            }
        }, from, to, limit, reverse, BATCH);
    }

    @Override
    public void set(byte[] key, byte[] value) {
        state.checkUsable();
        state.requireWritable();
        StoreLimits.checkKey(key);
        StoreLimits.checkValue(value);
        state.countWrite((long) key.length + value.length);
        write(() -> connection.set(key, value));
    }

    @Override
    public void clear(byte[] key) {
        state.checkUsable();
        state.requireWritable();
        StoreLimits.checkKey(key);
        state.countWrite(key.length);
        write(() -> connection.clear(key));
    }

    @Override
    public void clearRange(byte[] from, byte[] to) {
        state.checkUsable();
        state.requireWritable();
        StoreLimits.checkKey(from);
        checkBound(to);
        state.countWrite((long) from.length + to.length);
        if (Keys.compare(from, to) < 0) {
            write(() -> connection.clearRange(from, to));
        }
    }

    // Writers are serialized, so reading the counter here cannot race: no other transaction commits meanwhile.
    @Override
    public void add(byte[] key, long delta) {
        state.checkUsable();
        state.requireWritable();
        StoreLimits.checkKey(key);
        state.countWrite(key.length);
        write(() -> {
            byte[] current = connection.get(key);
            connection.set(key, Keys.encodeLongLittleEndian(counter(key, current) + delta));
        });
    }

    static long counter(byte[] key, byte[] value) {
        if (value != null && value.length != 8) {
            throw new IllegalStateException("cannot add to " + Keys.printable(key) + ": its value is " + value.length
                    + " bytes, not an 8-byte little-endian counter");
        }
        return Keys.decodeLongLittleEndian(value);
    }

    static void checkBound(byte[] to) {
        Objects.requireNonNull(to, "to");
        if (to.length > StoreLimits.MAX_KEY_SIZE) {
            throw new StoreLimitException(Limit.KEY_SIZE, to.length);
        }
    }

    private void write(Runnable statement) {
        try {
            statement.run();
        } catch (ConflictException e) {
            throw state.fail(e);
        }
    }
}
