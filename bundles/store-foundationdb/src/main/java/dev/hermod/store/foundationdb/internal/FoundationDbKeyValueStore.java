package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.Database;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.ReadFunction;
import dev.hermod.api.store.WriteFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The metadata store over an open FoundationDB database; {@link FoundationDbStoreComponent} registers it. */
final class FoundationDbKeyValueStore implements KeyValueStore {

    private static final Logger LOG = LoggerFactory.getLogger(FoundationDbKeyValueStore.class);
    /** How long closing waits beyond the transaction timeout for calls in progress. */
    private static final long CLOSE_GRACE_MILLIS = 1000;

    private final Settings settings;
    private final Database database;
    private final InFlight inFlight;
    private final TransactionRunner runner;

    FoundationDbKeyValueStore(Settings settings, Database database) {
        this.settings = settings;
        this.database = database;
        this.inFlight = new InFlight(settings.name());
        this.runner = new TransactionRunner(database::createTransaction, settings.prefix(), settings.timeoutMillis(),
                settings.retryLimit());
    }

    @Override
    public <T> T read(ReadFunction<T> function) {
        inFlight.enter();
        try {
            return runner.read(function);
        } finally {
            inFlight.exit();
        }
    }

    @Override
    public <T> T write(WriteFunction<T> function) {
        inFlight.enter();
        try {
            return runner.write(function);
        } finally {
            inFlight.exit();
        }
    }

    /**
     * New calls fail at once with a temporary failure; calls in progress get until their timeout (plus a
     * second) to finish; then the database closes.
     */
    void close() {
        try {
            int running = inFlight.close(settings.timeoutMillis() + CLOSE_GRACE_MILLIS);
            if (running > 0) {
                LOG.warn("FoundationDB store '{}' closes with {} transactions still running", settings.name(),
                        running);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            database.close();
        }
    }
}
