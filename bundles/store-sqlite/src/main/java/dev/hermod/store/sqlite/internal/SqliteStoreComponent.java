package dev.hermod.store.sqlite.internal;

import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.ReadFunction;
import dev.hermod.api.store.StoreLimits;
import dev.hermod.api.store.WriteFunction;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Registers the embedded SQLite store as the default {@link KeyValueStore} ({@code name=sqlite}, ranking
 * 0). It needs no configuration: without a {@code store.sqlite} configuration the database is
 * {@code <karaf.data>/hermod/metadata.sqlite}. A configuration change reopens the database.
 */
@Component(service = KeyValueStore.class, configurationPid = SqliteStoreComponent.PID,
        property = {"name=sqlite", "service.ranking:Integer=0"})
@Designate(ocd = SqliteStoreComponent.Config.class)
public final class SqliteStoreComponent implements KeyValueStore {

    static final String PID = "store.sqlite";

    @ObjectClassDefinition(name = "Hermod metadata store: SQLite",
            description = "The embedded metadata store: one SQLite database file in WAL mode.")
    public @interface Config {
        @AttributeDefinition(description = "Database file. Empty: <karaf.data>/hermod/metadata.sqlite."
                + " A relative path is resolved against karaf.data.")
        String path() default "";

        @AttributeDefinition(description = "Reader connections: how many read transactions run at once.", min = "1")
        int readers() default 4;

        @AttributeDefinition(description = "Milliseconds a transaction waits for the writer or a reader connection,"
                + " and for locks held by other processes, before it is retried or fails.", min = "0")
        int busy_timeout_ms() default 5000;
    }

    private final SqliteKeyValueStore store;

    @Activate
    public SqliteStoreComponent(Config config, BundleContext context) {
        Path file = databaseFile(config.path(), context.getProperty("karaf.data"), context.getDataFile(""));
        store = new SqliteKeyValueStore(new SqliteOptions(file, config.readers(),
                Duration.ofMillis(config.busy_timeout_ms()), StoreLimits.MAX_TRANSACTION_MILLIS));
    }

    @Deactivate
    void deactivate() {
        store.close();
    }

    @Override
    public <T> T read(ReadFunction<T> function) {
        return store.read(function);
    }

    @Override
    public <T> T write(WriteFunction<T> function) {
        return store.write(function);
    }

    /**
     * Where the database lives: the configured path, else under Karaf's data directory, else in the
     * bundle's own data area.
     */
    static Path databaseFile(String configured, String karafData, File bundleData) {
        Path base = karafData != null && !karafData.isBlank() ? Path.of(karafData.trim())
                : bundleData != null ? bundleData.toPath() : null;
        String path = configured == null ? "" : configured.trim();
        if (!path.isEmpty()) {
            Path file = Path.of(path);
            return file.isAbsolute() || base == null ? file : base.resolve(file);
        }
        if (base == null) {
            throw new IllegalStateException("store.sqlite: no path configured, no karaf.data property and no bundle"
                    + " data area; set store.sqlite path");
        }
        return karafData != null && !karafData.isBlank() ? base.resolve("hermod").resolve("metadata.sqlite")
                : base.resolve("metadata.sqlite");
    }
}
