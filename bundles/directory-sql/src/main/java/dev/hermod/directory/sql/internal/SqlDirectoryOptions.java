package dev.hermod.directory.sql.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link SqlDirectory}, resolved from the {@code directory.sql} configuration.
 *
 * @param url                 the JDBC URL, never with the password
 * @param user                the database user, empty for none
 * @param password            its password, empty for none
 * @param poolSize            pooled connections
 * @param connectionTimeout   how long a lookup waits for a connection before it fails temporarily
 * @param queryTimeout        how long one statement may run
 * @param queries             the named queries
 * @param columns             the columns of {@code query.name}
 * @param cacheTtl            how long answers are kept; zero: not at all
 * @param loginByEmail        whether a login name that is an address resolves through {@code query.recipients}
 * @param subaddressSeparators each character separates a sub-address detail ({@code user+tag@}); empty: none
 * @param createSchema        whether the sample schema's tables are created when missing
 * @param sampleDomain        the domain put into a newly created {@code domains} table, empty for none
 * @param adminEnabled        whether to register a DirectoryAdmin when the sample schema is there
 */
record SqlDirectoryOptions(String url, String user, String password, int poolSize, Duration connectionTimeout,
        Duration queryTimeout, Queries queries, Columns columns, Duration cacheTtl, boolean loginByEmail,
        String subaddressSeparators, boolean createSchema, String sampleDomain, boolean adminEnabled) {

    SqlDirectoryOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(subaddressSeparators, "subaddressSeparators");
        Objects.requireNonNull(sampleDomain, "sampleDomain");
        Dialect.of(url);
        if (poolSize < 1) {
            throw new IllegalArgumentException("directory.sql pool.size must be at least 1, not " + poolSize);
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("directory.sql connection.timeout.ms must be at least 250");
        }
        if (queryTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("directory.sql query.timeout.ms must be positive");
        }
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("directory.sql cache.ttl.ms must be 0 (no cache) or positive");
        }
    }

    /** Options for a database with the sample schema and the defaults of the configuration, for tests. */
    static SqlDirectoryOptions sample(String url, String user, String password) {
        return new SqlDirectoryOptions(url, user, password, 4, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Queries.SAMPLE, Columns.SAMPLE, Duration.ZERO, true, "+", true, "example.org", true);
    }

    SqlDirectoryOptions withQueries(Queries q) {
        return new SqlDirectoryOptions(url, user, password, poolSize, connectionTimeout, queryTimeout, q, columns,
                cacheTtl, loginByEmail, subaddressSeparators, createSchema, sampleDomain, adminEnabled);
    }

    SqlDirectoryOptions withCacheTtl(Duration ttl) {
        return new SqlDirectoryOptions(url, user, password, poolSize, connectionTimeout, queryTimeout, queries, columns,
                ttl, loginByEmail, subaddressSeparators, createSchema, sampleDomain, adminEnabled);
    }

    SqlDirectoryOptions withConnectionTimeout(Duration timeout) {
        return new SqlDirectoryOptions(url, user, password, poolSize, timeout, queryTimeout, queries, columns,
                cacheTtl, loginByEmail, subaddressSeparators, createSchema, sampleDomain, adminEnabled);
    }

    SqlDirectoryOptions withLoginByEmail(boolean on) {
        return new SqlDirectoryOptions(url, user, password, poolSize, connectionTimeout, queryTimeout, queries, columns,
                cacheTtl, on, subaddressSeparators, createSchema, sampleDomain, adminEnabled);
    }

    SqlDirectoryOptions withSubaddressSeparators(String separators) {
        return new SqlDirectoryOptions(url, user, password, poolSize, connectionTimeout, queryTimeout, queries, columns,
                cacheTtl, loginByEmail, separators, createSchema, sampleDomain, adminEnabled);
    }

    Dialect dialect() {
        return Dialect.of(url);
    }

    /** Where the database is, for messages: the URL without parameters. */
    String where() {
        return Dialect.display(url);
    }

    @Override
    public String toString() {
        return "SqlDirectoryOptions[url=" + where() + ", user=" + user + ", password="
                + (password.isEmpty() ? "(none)" : "(set)") + ", poolSize=" + poolSize + ", cacheTtl=" + cacheTtl + "]";
    }
}
