package dev.hermod.store.sqlite.internal;

import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.Transaction;
import dev.hermod.store.support.BatchedRangeIterator;
import dev.hermod.store.support.TransactionState;

/**
 * A transaction on one SQLite connection: a read transaction on a reader's snapshot, or the write
 * transaction on the writer connection, whose statements run at once inside {@code BEGIN IMMEDIATE}, so
 * reads see the transaction's own writes.
 */
final class SqliteTransaction implements Transaction {

    /** Pairs per range query. */
    static final int BATCH = 256;

    private final SqliteConnection connection;
    private final TransactionState state;

    SqliteTransaction(SqliteConnection connection, TransactionState state) {
        this.connection = connection;
        this.state = state;
    }

    @Override
    public byte[] get(byte[] key) {
        state.beforeGet(key);
        try {
            return connection.get(key);
        } catch (ConflictException e) {
            throw state.fail(e);
        }
    }

    @Override
    public KeyValueIterator range(byte[] from, byte[] to, int limit, boolean reverse) {
        state.beforeRange(from, to, limit);
        return new BatchedRangeIterator(state, (f, t, max, rev) -> {
            try {
                return connection.range(f, t, max, rev);
            } catch (ConflictException e) {
                throw state.fail(e);
            }
        }, from, to, limit, reverse, BATCH);
    }

    @Override
    public void set(byte[] key, byte[] value) {
        state.beforeSet(key, value);
        write(() -> connection.set(key, value));
    }

    @Override
    public void clear(byte[] key) {
        state.beforeClear(key);
        write(() -> connection.clear(key));
    }

    @Override
    public void clearRange(byte[] from, byte[] to) {
        state.beforeClearRange(from, to);
        if (Keys.compare(from, to) < 0) {
            write(() -> connection.clearRange(from, to));
        }
    }

    // Writers are serialized, so reading the counter here cannot race: no other transaction commits meanwhile.
    @Override
    public void add(byte[] key, long delta) {
        state.beforeAdd(key);
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

    private void write(Runnable statement) {
        try {
            statement.run();
        } catch (ConflictException e) {
            throw state.fail(e);
        }
    }
}
