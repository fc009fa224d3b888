package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.Database;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.ReadFunction;
import dev.hermod.api.store.StoreLimits;
import dev.hermod.api.store.WriteFunction;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata store on a FoundationDB cluster, for several Hermod nodes sharing one store. Starts only
 * when PID {@value #PID} is configured.
 */
@Component(service = KeyValueStore.class, configurationPid = FoundationDbKeyValueStore.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {KeyValueStore.NAME + "=foundationdb", "service.ranking:Integer=200"})
@Designate(ocd = FoundationDbKeyValueStore.Config.class)
public final class FoundationDbKeyValueStore implements KeyValueStore {

    static final String PID = "store.foundationdb";

    @ObjectClassDefinition(name = "Hermod store: FoundationDB",
            description = "The metadata store on a FoundationDB cluster. Needs the FoundationDB client package"
                    + " (libfdb_c.so) installed on every Hermod node.")
    public @interface Config {
        @AttributeDefinition(description = "The service's name, for target filters such as"
                + " store.target = (name=foundationdb).")
        String name() default "foundationdb";

        @AttributeDefinition(description = "The cluster file. Empty: FoundationDB's default, the environment"
                + " variable FDB_CLUSTER_FILE, then ./fdb.cluster, then /etc/foundationdb/fdb.cluster.")
        String cluster_file() default "";

        @AttributeDefinition(description = "FoundationDB API version, 610 to 740 and at most what the installed"
                + " client library supports (730 for 7.3, 740 for 7.4). One per process: a change needs a restart.")
        int api_version() default 730;

        @AttributeDefinition(description = "Subspace of Hermod's keys: every key starts with the tuple encoding"
                + " of this name (\\x02hermod\\x00 for hermod), so that several installations and other"
                + " applications share a cluster. Empty: no prefix, Hermod owns the whole key space."
                + " Changing it hides the data stored under the old one.")
        String subspace() default "hermod";

        @AttributeDefinition(description = "Most time one read or write may take, retries included, in"
                + " milliseconds; then it fails with a temporary error (SMTP 4xx, IMAP NO [UNAVAILABLE]).")
        long transaction_timeout() default StoreLimits.MAX_TRANSACTION_MILLIS;

        @AttributeDefinition(description = "Most retries of a conflicting transaction, 0 to 10.")
        int retry_limit() default StoreLimits.MAX_RETRIES;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FoundationDbKeyValueStore.class);
    /** How long deactivation waits beyond the transaction timeout for calls in progress. */
    private static final long CLOSE_GRACE_MILLIS = 1000;

    private final Settings settings;
    private final Database database;
    private final InFlight inFlight;
    private final TransactionRunner runner;

    @Activate
    public FoundationDbKeyValueStore(Config config) {
        this(logged(() -> Settings.from(config)));
    }

    private FoundationDbKeyValueStore(Settings settings) {
        this(settings, logged(() -> FdbClient.open(FdbClient.select(settings.apiVersion()),
                settings.clusterFilePath())));
    }

    /** Over an open database; tests pass a stand-in. */
    FoundationDbKeyValueStore(Settings settings, Database database) {
        this.settings = settings;
        this.database = database;
        this.inFlight = new InFlight(settings.name());
        this.runner = new TransactionRunner(database::createTransaction, settings.prefix(), settings.timeoutMillis(),
                settings.retryLimit());
        LOG.info("FoundationDB store '{}' started: {}, API version {}, subspace '{}' (key prefix {})",
                settings.name(), settings.clusterFile() == null ? "default cluster file" : settings.clusterFile(),
                settings.apiVersion(), settings.subspace(), settings.prefix());
    }

    /** Logs a configuration or client failure for the admin; SCR then logs the failed activation. */
    private static <T> T logged(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.error(e.getMessage());
            throw e;
        }
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

    /** New calls fail at once; calls in progress get until their timeout; then the database closes. */
    @Deactivate
    void deactivate() {
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
        LOG.info("FoundationDB store '{}' stopped", settings.name());
    }
}
