package dev.hermod.store.postgresql.internal;

import dev.hermod.api.store.StoreLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link PostgresqlKeyValueStore}.
 *
 * @param url                  a {@code jdbc:postgresql:} URL, or empty to use host, port and database
 * @param host                 the server's host
 * @param port                 the server's port
 * @param database             the database
 * @param user                 the role to log in as
 * @param password             its password, may be empty
 * @param poolSize             connections in the pool, i.e. concurrent transactions
 * @param connectionTimeout    how long a transaction waits for a connection
 * @param schema               the schema holding the table
 * @param table                the table; several stores may share a database with different tables
 * @param maxTransactionMillis the transaction deadline; {@link StoreLimits#MAX_TRANSACTION_MILLIS} except
 *                             in tests
 */
record PostgresqlOptions(String url, String host, int port, String database, String user, String password,
        int poolSize, Duration connectionTimeout, String schema, String table, long maxTransactionMillis) {

    PostgresqlOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (poolSize < 1) {
            throw new IllegalArgumentException("store.postgresql pool.size must be at least 1, not " + poolSize);
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("store.postgresql connection.timeout.ms must be at least 250");
        }
    }

    /** Options for a server given by URL, with the defaults of the {@code store.postgresql} configuration. */
    static PostgresqlOptions forUrl(String url, String user, String password, String table) {
        return new PostgresqlOptions(url, "", 5432, "", user, password, 10, Duration.ofSeconds(5), "public", table,
                StoreLimits.MAX_TRANSACTION_MILLIS);
    }

    PostgresqlOptions withMaxTransactionMillis(long millis) {
        return new PostgresqlOptions(url, host, port, database, user, password, poolSize, connectionTimeout, schema,
                table, millis);
    }

    PostgresqlOptions withConnectionTimeout(Duration timeout) {
        return new PostgresqlOptions(url, host, port, database, user, password, poolSize, timeout, schema, table,
                maxTransactionMillis);
    }

    @Override
    public String toString() {
        return "PostgresqlOptions[url=" + url + ", host=" + host + ", port=" + port + ", database=" + database
                + ", user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "(set)") + ", poolSize="
                + poolSize + ", schema=" + schema + ", table=" + table + "]";
    }
}
