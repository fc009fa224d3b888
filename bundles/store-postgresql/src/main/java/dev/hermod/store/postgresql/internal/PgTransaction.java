package dev.hermod.store.postgresql.internal;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Transaction;
import dev.hermod.store.support.BatchedRangeIterator;
import dev.hermod.store.support.TransactionState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction on one pooled connection: {@code REPEATABLE READ, READ ONLY} for reads (a snapshot that
 * never conflicts), the pool's default {@code SERIALIZABLE} for writes. Writes are buffered in
 * {@link PendingWrites} and sent before the reads that must see them and at commit.
 */
final class PgTransaction implements Transaction {

    /** Pairs per range query. */
    static final int BATCH = 256;

    private final Connection connection;
    private final PgSchema schema;
    private final PgErrors errors;
    private final TransactionState state;
    private final PendingWrites pending;

    PgTransaction(Connection connection, PgSchema schema, PgErrors errors, TransactionState state) {
        this.connection = connection;
        this.schema = schema;
        this.errors = errors;
        this.state = state;
        this.pending = state.writable() ? new PendingWrites() : null;
    }

    /** Starts the read snapshot; must be the transaction's first statement. */
    void beginReadOnly() {
        try (PreparedStatement s = connection.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) {
            s.execute();
        } catch (SQLException e) {
            throw errors.map(e, "starting a read transaction");
        }
    }

    @Override
    public byte[] get(byte[] key) {
        state.beforeGet(key);
        try {
            sendBeforeReading(key, null);
            try (PreparedStatement get = connection.prepareStatement(schema.get())) {
                get.setBytes(1, PgSchema.prefix(key));
                get.setBytes(2, key);
                try (ResultSet rs = get.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        } catch (SQLException e) {
            throw fail(e, "reading a key");
        }
    }

    @Override
    public KeyValueIterator range(byte[] from, byte[] to, int limit, boolean reverse) {
        state.beforeRange(from, to, limit);
        return new BatchedRangeIterator(state, this::fetch, from, to, limit, reverse, BATCH);
    }

    @Override
    public void set(byte[] key, byte[] value) {
        state.beforeSet(key, value);
        pending.set(key, value);
        sendIfLarge();
    }

    @Override
    public void clear(byte[] key) {
        state.beforeClear(key);
        pending.clear(key);
        sendIfLarge();
    }

    @Override
    public void clearRange(byte[] from, byte[] to) {
        state.beforeClearRange(from, to);
        pending.clearRange(from, to);
        sendIfLarge();
    }

    @Override
    public void add(byte[] key, long delta) {
        state.beforeAdd(key);
        pending.add(key, delta);
    }

    /** Sends what is pending and commits; a failure the function swallowed still aborts. */
    void commit() {
        state.checkCommit();
        try {
            pending.sendWrites(connection, schema);
            pending.sendAdds(connection, schema);
            connection.commit();
        } catch (SQLException e) {
            throw errors.map(e, "committing");
        }
    }

    void close() {
        state.close();
    }

    private List<KeyValue> fetch(byte[] from, byte[] to, int max, boolean reverse) {
        try {
            sendBeforeReading(from, to);
            try (PreparedStatement range = connection.prepareStatement(schema.range(reverse))) {
                range.setBytes(1, PgSchema.prefix(from));
                range.setBytes(2, PgSchema.prefix(to));
                range.setBytes(3, from);
                range.setBytes(4, to);
                range.setInt(5, max);
                List<KeyValue> pairs = new ArrayList<>(Math.min(max, BATCH));
                try (ResultSet rs = range.executeQuery()) {
                    while (rs.next()) {
                        pairs.add(new KeyValue(rs.getBytes(1), rs.getBytes(2)));
                    }
                }
                return pairs;
            }
        } catch (SQLException e) {
            throw fail(e, "reading a range");
        }
    }

    /** Read-your-writes: sends pending writes, and pending adds if the read touches one of their keys. */
    private void sendBeforeReading(byte[] from, byte[] to) throws SQLException {
        if (pending == null) {
            return;
        }
        pending.sendWrites(connection, schema);
        if (to == null ? pending.hasAddTo(from) : pending.hasAddIn(from, to)) {
            pending.sendAdds(connection, schema);
        }
    }

    private void sendIfLarge() {
        if (pending.large()) {
            try {
                pending.sendWrites(connection, schema);
            } catch (SQLException e) {
                throw fail(e, "writing");
            }
        }
    }

    // After a failed statement PostgreSQL aborts the transaction: it must not commit.
    private RuntimeException fail(SQLException e, String doing) {
        return state.fail(errors.map(e, doing));
    }
}
