package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.Database;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.StoreLimits;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
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
 * Starts the FoundationDB store when PID {@value #PID} is configured, and registers it as a
 * {@link KeyValueStore} service itself, only once the client library is loaded and the database open:
 * SCR registers a component's declared service before it constructs the component, so a failed
 * activation would leave a service behind that no one can get.
 */
@Component(service = {}, configurationPid = FoundationDbStoreComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = {KeyValueStore.NAME + "=foundationdb", Constants.SERVICE_RANKING + ":Integer=200"})
@Designate(ocd = FoundationDbStoreComponent.Config.class)
@Capability(namespace = "osgi.service", uses = KeyValueStore.class,
        attribute = "objectClass:List<String>=dev.hermod.api.store.KeyValueStore")
public final class FoundationDbStoreComponent {

    static final String PID = "store.foundationdb";

    @ObjectClassDefinition(name = "Hermod store: FoundationDB",
            description = "The metadata store on a FoundationDB cluster. Needs the FoundationDB client package"
                    + " (libfdb_c.so) installed on every Hermod node.")
    public @interface Config {
        @AttributeDefinition(description = "The service's name, for target filters such as"
                + " store.target = (name=foundationdb).")
        String name() default "foundationdb";

        @AttributeDefinition(description = "The service's ranking: the core uses the highest ranked store"
                + " unless store.target picks one (sqlite 0, postgresql 100).")
        int service_ranking() default 200;

        @AttributeDefinition(description = "The cluster file. Empty: FoundationDB's default, the environment"
                + " variable FDB_CLUSTER_FILE, then ./fdb.cluster, then /etc/foundationdb/fdb.cluster.")
        String cluster_file() default "";

        @AttributeDefinition(description = "FoundationDB API version, 610 to 740 and at most what the installed"
                + " client library supports (730 for 7.3, 740 for 7.4). One per process: a change needs a restart.")
        int api_version() default 730;

        @AttributeDefinition(description = "Subspace of Hermod's keys: every key starts with the tuple encoding"
                + " of this name (\\x02hermod\\x00 for hermod), so that several installations and other"
                + " applications share a cluster; keys written may then be at most 10,000 bytes less the"
                + " prefix. Empty: no prefix, Hermod owns the whole key space. Changing it hides the data"
                + " stored under the old one.")
        String subspace() default "hermod";

        @AttributeDefinition(description = "Most time one read or write may take, retries included, in"
                + " milliseconds; then it fails with a temporary error (SMTP 4xx, IMAP NO [UNAVAILABLE]).")
        long transaction_timeout() default StoreLimits.MAX_TRANSACTION_MILLIS;

        @AttributeDefinition(description = "Most retries of a conflicting transaction, 0 to 10.")
        int retry_limit() default StoreLimits.MAX_RETRIES;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FoundationDbStoreComponent.class);

    private final Settings settings;
    private final FoundationDbKeyValueStore store;
    private final ServiceRegistration<KeyValueStore> registration;

    @Activate
    public FoundationDbStoreComponent(Config config, BundleContext context) {
        this(config, context, s -> FdbClient.open(FdbClient.select(s.apiVersion()), s.clusterFilePath()));
    }

    /** @param open opens the database; tests pass a stand-in */
    FoundationDbStoreComponent(Config config, BundleContext context, Function<Settings, Database> open) {
        settings = logged(() -> Settings.from(config));
        store = new FoundationDbKeyValueStore(settings, logged(() -> open.apply(settings)));
        registration = context.registerService(KeyValueStore.class, store, FrameworkUtil.asDictionary(Map.of(
                KeyValueStore.NAME, settings.name(), Constants.SERVICE_RANKING, config.service_ranking())));
        LOG.info("FoundationDB store '{}' started: {}, API version {}, subspace '{}' (key prefix {})",
                settings.name(), settings.clusterFile() == null ? "default cluster file" : settings.clusterFile(),
                settings.apiVersion(), settings.subspace(), settings.prefix());
    }

    /** Unregisters first, so consumers move to another store; then lets calls in progress finish. */
    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it while stopping the bundle
        }
        store.close();
        LOG.info("FoundationDB store '{}' stopped", settings.name());
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
}
