/**
 * The embedded SQLite {@link dev.hermod.api.store.KeyValueStore} provider; nothing is exported.
 *
 * <p>One table {@code kv(k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID} in a WAL-mode database with
 * {@code synchronous=FULL}. One writer connection runs write transactions one at a time
 * ({@code BEGIN IMMEDIATE}); reader connections give read transactions their snapshots. Ranges are read
 * in batches of 256 rows, each batch a query continuing after the last key. Atomic adds read and write
 * the counter inside the serial write transaction.
 *
 * <p>Time limit: a write transaction over {@link dev.hermod.api.store.StoreLimits#MAX_TRANSACTION_MILLIS}
 * fails with {@link dev.hermod.api.store.StoreLimitException} ({@code TRANSACTION_TIME}, not retried); a
 * read transaction over it is retried as a conflict, and fails with
 * {@link dev.hermod.api.mail.TemporaryFailureException} when retries run out.
 */
package dev.hermod.store.sqlite.internal;
