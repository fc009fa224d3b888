package dev.hermod.core.internal.mail;

import dev.hermod.api.store.KeyValueStore;
import dev.hermod.store.postgresql.internal.PostgresqlStoreComponent;
import dev.hermod.testing.Components;
import dev.hermod.testing.PostgresServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The mail store on the PostgreSQL provider against a real server; one table, emptied before every test. */
class PostgresqlMailStoreTest extends MailStoreContract {

    private static PostgresqlStoreComponent shared;

    @BeforeAll
    static void connect() {
        PostgresServer server = PostgresServer.shared();
        shared = new PostgresqlStoreComponent(Components.config(PostgresqlStoreComponent.Config.class, Map.of(
                "host", server.host(), "port", server.port(), "database", server.database(), "user", server.user(),
                ".password", server.password(), "table", "mailstore_test", "pool.size", 20)));
    }

    @AfterAll
    static void disconnect() {
        if (shared != null) {
            Providers.deactivate(shared);
        }
    }

    @Override
    KeyValueStore openStore(Path dir) {
        shared.write(txn -> {
            txn.clearRange(new byte[0], new byte[] {(byte) 0xFF});
            return null;
        });
        return shared;
    }

    @Override
    void closeStore(KeyValueStore store) {
        // shared by the class
    }
}
