package dev.hermod.directory.sql.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hermod.api.mail.TemporaryFailureException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection pool, and the one place that runs SQL: arguments are always bound parameters, every
 * statement has a timeout, and an {@link SQLException} becomes a {@link TemporaryFailureException} that
 * says where and what failed.
 */
final class Database implements AutoCloseable {

    /** Reads a result set. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Works on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String where;
    private final int queryTimeoutSeconds;

    Database(SqlDirectoryOptions options) {
        this.dialect = options.dialect();
        this.where = options.where();
        this.queryTimeoutSeconds = (int) Math.max(1, (options.queryTimeout().toMillis() + 999) / 1000);
        HikariConfig config = new HikariConfig();
        config.setPoolName("hermod-directory-sql");
        config.setDataSource(dialect.dataSource(options.url(), options.user(), options.password(),
                options.connectionTimeout(), options.queryTimeout()));
        config.setMaximumPoolSize(options.poolSize());
        config.setMinimumIdle(Math.min(2, options.poolSize()));
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(5_000, options.connectionTimeout().toMillis()));
        config.setAutoCommit(true);
        // Start even while the server is down: lookups fail temporarily meanwhile, and work once it is up.
        config.setInitializationFailTimeout(-1);
        this.pool = new HikariDataSource(config);
    }

    Dialect dialect() {
        return dialect;
    }

    String where() {
        return where;
    }

    /**
     * Runs a lookup with every {@code ?} bound to {@code argument}.
     *
     * @param key the query's configuration key, for messages
     * @param placeholders how many {@code ?} the statement has
     * @param maxRows the most rows read, 0 for all
     */
    <T> T query(String key, String sql, int placeholders, String argument, int maxRows, Reader<T> reader) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            if (maxRows > 0) {
                ps.setMaxRows(maxRows);
            }
            for (int i = 1; i <= placeholders; i++) {
                ps.setString(i, argument);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw failure(key, e);
        }
    }

    /** The non-null values of the first column, as strings. */
    List<String> firstColumn(String key, String sql, int placeholders, String argument, int maxRows) {
        return query(key, sql, placeholders, argument, maxRows, rs -> {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                String v = rs.getString(1);
                if (v != null) {
                    values.add(v);
                }
            }
            return values;
        });
    }

    /** Runs work on a connection in auto-commit mode. */
    <T> T withConnection(String what, Work<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Runs work in one transaction, committed if it returns and rolled back if it throws. SQL errors reach
     * the caller as they are, to tell a constraint violation from an outage.
     */
    <T> T transaction(Work<T> work) throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the pool discards a broken connection
                }
            }
        }
    }

    /** A prepared statement with the query timeout. */
    PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout(queryTimeoutSeconds);
        return ps;
    }

    private Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** An SQL failure as the temporary failure the Directory contract asks for. */
    TemporaryFailureException failure(String what, SQLException e) {
        if (unavailable(e)) {
            return new TemporaryFailureException("directory database at " + where + " unavailable: " + detail(e)
                    + "; logins fail and mail is deferred until it answers", e);
        }
        return new TemporaryFailureException("directory " + what + " failed on " + where + ": " + e.getMessage()
                + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")")
                + "; if this persists, check directory.sql " + what, e);
    }

    static boolean unavailable(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
    }

    static boolean constraintViolation(SQLException e) {
        String state = e.getSQLState();
        // SQLite reports constraints as error code 19 (SQLITE_CONSTRAINT) and extended codes of it.
        return state != null && state.startsWith("23") || (e.getErrorCode() & 0xff) == 19
                && e.getClass().getName().startsWith("org.sqlite");
    }

    private static String detail(SQLException e) {
        Throwable cause = e.getCause();
        String own = e.getMessage() == null ? e.toString() : e.getMessage();
        return cause != null && cause.getMessage() != null && !own.contains(cause.getMessage())
                ? cause.getMessage() + " (" + own + ")" : own;
    }

    @Override
    public void close() {
        pool.close();
    }
}
