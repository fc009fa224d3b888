package dev.hermod.core.internal.mail;

import dev.hermod.api.store.KeyValueStore;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import java.nio.file.Path;
import java.util.Map;

/** The mail store on the embedded SQLite provider, a new database file for every test. */
class SqliteMailStoreTest extends MailStoreContract {

    @Override
    KeyValueStore openStore(Path dir) {
        return new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
    }

    @Override
    void closeStore(KeyValueStore store) {
        Providers.deactivate(store);
    }
}
