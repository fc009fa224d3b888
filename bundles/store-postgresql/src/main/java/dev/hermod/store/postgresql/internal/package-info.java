/**
 * The PostgreSQL {@link dev.hermod.api.store.KeyValueStore} provider; nothing is exported.
 *
 * <p>One table per store ({@code store.postgresql table}, default {@code hermod_kv}) holding
 * {@code (k bytea, v bytea, kh = sha256(k) primary key)} with an index on the first 1024 bytes of the
 * key, and a function {@code <table>_add}; all created on first start if missing (see
 * {@code PgSchema}). Needs PostgreSQL 13 or later (incremental sort; {@code sha256}), and a role that
 * may create in the schema the first time.
 *
 * <p>Write transactions are {@code SERIALIZABLE} and retried on SQLSTATE 40001/40P01; reads are
 * {@code REPEATABLE READ, READ ONLY} snapshots. Writes are buffered and sent in batches; ranges are read
 * 256 rows per query. How adds stay exact under contention is explained on
 * {@code PostgresqlKeyValueStore}. A refused connection, or a pool that cannot connect within
 * {@code connection.timeout.ms}, is a {@link dev.hermod.api.mail.TemporaryFailureException} ("PostgreSQL at
 * host:port unavailable: ..."); a pooled connection that dies under a transaction (a server restart) gets
 * the transaction run once more on a fresh connection, as the API allows after an unknown commit outcome.
 *
 * <p>Time limit: a write transaction over
 * {@link dev.hermod.api.store.StoreLimits#MAX_TRANSACTION_MILLIS} fails with
 * {@link dev.hermod.api.store.StoreLimitException} ({@code TRANSACTION_TIME}, not retried); a read
 * transaction over it is retried as a conflict. A statement waiting longer than that on a lock is
 * cancelled by {@code statement_timeout} and retried.
 */
package dev.hermod.store.postgresql.internal;
