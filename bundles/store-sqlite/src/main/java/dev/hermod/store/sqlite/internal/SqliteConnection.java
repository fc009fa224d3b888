package dev.hermod.store.sqlite.internal;

import dev.hermod.api.store.KeyValue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One SQLite connection with its prepared statements over the single table
 * {@code kv(k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID}. SQLite compares BLOBs with {@code memcmp}, then by
 * length, which is the store's unsigned lexicographic key order.
 *
 * <p>Transactions are explicit statements ({@code BEGIN [IMMEDIATE]}, {@code COMMIT}, {@code ROLLBACK})
 * on a connection in auto-commit mode, so the driver never begins one behind our back.
 */
final class SqliteConnection implements AutoCloseable {

    static final String SCHEMA = "CREATE TABLE IF NOT EXISTS kv (k BLOB NOT NULL PRIMARY KEY, v BLOB NOT NULL)"
            + " WITHOUT ROWID";
    private static final byte[] EMPTY = {};

    private final Path file;
    private final Connection connection;
    private final Statement control;
    private final PreparedStatement get;
    private final PreparedStatement ascending;
    private final PreparedStatement descending;
    private final PreparedStatement set;
    private final PreparedStatement clear;
    private final PreparedStatement clearRange;

    private SqliteConnection(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        control = connection.createStatement();
        get = connection.prepareStatement("SELECT v FROM kv WHERE k = ?");
        ascending = connection.prepareStatement("SELECT k, v FROM kv WHERE k >= ? AND k < ? ORDER BY k LIMIT ?");
        descending = connection.prepareStatement("SELECT k, v FROM kv WHERE k >= ? AND k < ? ORDER BY k DESC LIMIT ?");
        set = connection.prepareStatement("INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v");
        clear = connection.prepareStatement("DELETE FROM kv WHERE k = ?");
        clearRange = connection.prepareStatement("DELETE FROM kv WHERE k >= ? AND k < ?");
    }

    /**
     * Opens a connection; a writer first creates the table, a reader is made query-only.
     */
    static SqliteConnection open(DataSource source, Path file, boolean writer) {
        Connection c = null;
        try {
            c = source.getConnection();
            try (Statement s = c.createStatement()) {
                if (writer) {
                    s.execute(SCHEMA);
                } else {
                    s.execute("PRAGMA query_only = 1");
                }
            }
            return new SqliteConnection(file, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw SqliteErrors.map(e, file, "opening it");
        }
    }

    /** A pragma's value, e.g. {@code journal_mode}. */
    String pragma(String name) {
        try (ResultSet rs = control.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw SqliteErrors.map(e, file, "reading PRAGMA " + name);
        }
    }

    void begin(boolean immediate) {
        execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN", "starting a transaction");
    }

    void commit() {
        execute("COMMIT", "committing");
    }

    /** Marks a point inside the open transaction that {@link #rollbackToSavepoint()} returns to. */
    void savepoint() {
        execute("SAVEPOINT job", "marking a savepoint");
    }

    /** Keeps what was done since {@link #savepoint()} in the enclosing transaction. */
    void releaseSavepoint() {
        execute("RELEASE job", "releasing a savepoint");
    }

    /** Undoes what was done since {@link #savepoint()}; the enclosing transaction goes on. */
    void rollbackToSavepoint() {
        execute("ROLLBACK TO job", "rolling back to a savepoint");
        execute("RELEASE job", "releasing a savepoint");
    }

    /** Ends a transaction without committing; a connection with no transaction is left as is. */
    void rollback() {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back after an error (e.g. SQLITE_FULL).
            if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                throw SqliteErrors.map(e, file, "rolling back");
            }
        }
    }

    byte[] get(byte[] key) {
        try {
            get.setBytes(1, key);
            try (ResultSet rs = get.executeQuery()) {
                return rs.next() ? bytes(rs, 1) : null;
            }
        } catch (SQLException e) {
            throw SqliteErrors.map(e, file, "reading a key");
        }
    }

    List<KeyValue> range(byte[] from, byte[] to, int max, boolean reverse) {
        PreparedStatement query = reverse ? descending : ascending;
        try {
            query.setBytes(1, from);
            query.setBytes(2, to);
            query.setInt(3, max);
            List<KeyValue> pairs = new ArrayList<>(Math.min(max, 256));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    pairs.add(new KeyValue(bytes(rs, 1), bytes(rs, 2)));
                }
            }
            return pairs;
        } catch (SQLException e) {
            throw SqliteErrors.map(e, file, "reading a range");
        }
    }

    void set(byte[] key, byte[] value) {
        update(set, "writing a key", key, value);
    }

    void clear(byte[] key) {
        update(clear, "clearing a key", key);
    }

    void clearRange(byte[] from, byte[] to) {
        update(clearRange, "clearing a range", from, to);
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private void update(PreparedStatement statement, String doing, byte[]... params) {
        try {
            for (int i = 0; i < params.length; i++) {
                statement.setBytes(i + 1, params[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw SqliteErrors.map(e, file, doing);
        }
    }

    private void execute(String sql, String doing) {
        try {
            control.execute(sql);
        } catch (SQLException e) {
            throw SqliteErrors.map(e, file, doing);
        }
    }

    // A zero-length BLOB may come back as null from the driver.
    private static byte[] bytes(ResultSet rs, int column) throws SQLException {
        byte[] b = rs.getBytes(column);
        return b == null ? EMPTY.clone() : b;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing is best effort
            }
        }
    }
}
