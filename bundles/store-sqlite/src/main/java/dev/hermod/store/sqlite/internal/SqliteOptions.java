package dev.hermod.store.sqlite.internal;

import dev.hermod.api.store.StoreLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link SqliteKeyValueStore}.
 *
 * @param file                 the database file; its directory is created if missing
 * @param readers              reader connections, i.e. concurrent read transactions
 * @param busyTimeout          how long a transaction waits for the writer or a reader connection, and
 *                             SQLite's busy timeout for locks held by other processes
 * @param maxTransactionMillis the transaction deadline; {@link StoreLimits#MAX_TRANSACTION_MILLIS} except
 *                             in tests
 */
record SqliteOptions(Path file, int readers, Duration busyTimeout, long maxTransactionMillis) {

    SqliteOptions {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (readers < 1) {
            throw new IllegalArgumentException("store.sqlite readers must be at least 1, not " + readers);
        }
        if (busyTimeout.isNegative()) {
            throw new IllegalArgumentException("store.sqlite busy.timeout.ms must not be negative");
        }
    }

    /** The defaults of the {@code store.sqlite} configuration, for {@code file}. */
    static SqliteOptions defaults(Path file) {
        return new SqliteOptions(file, 4, Duration.ofSeconds(5), StoreLimits.MAX_TRANSACTION_MILLIS);
    }
}
