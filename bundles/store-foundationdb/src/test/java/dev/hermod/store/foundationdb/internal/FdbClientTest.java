package dev.hermod.store.foundationdb.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.apple.foundationdb.FDBException;
import org.junit.jupiter.api.Test;

/** The client's failures; the native ones run where no FoundationDB client is installed. */
class FdbClientTest {

    @Test
    void withoutTheClientLibraryActivationFailsWithAClearMessage() {
        assumeTrue(clientMissing(), "the FoundationDB client library is installed");
        // Twice: the second attempt meets fdb-java's failed class initialization, not the load error.
        for (int attempt = 0; attempt < 2; attempt++) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new FoundationDbStoreComponent(Configs.defaults(), null));
            assertTrue(e.getMessage().startsWith("FoundationDB client library libfdb_c.so not found: install the"
                    + " FoundationDB client package"), e.getMessage());
            assertTrue(e.getMessage().contains("libfdb_c.so: cannot open shared object file"), e.getMessage());
        }
    }

    @Test
    void aBadConfigurationFailsBeforeTheLibraryLoads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FoundationDbStoreComponent(Configs.config(java.util.Map.of("api_version", 999)), null));
        assertTrue(e.getMessage().contains("api.version"), e.getMessage());
    }

    @Test
    void apiVersionErrorsSayWhatToDo() {
        assertTrue(FdbClient.selectFailure(new FDBException("API version not supported", 2203), 740)
                .contains("lower store.foundationdb api.version"));
        assertTrue(FdbClient.selectFailure(new FDBException("API version may be set only once", 2201), 730)
                .contains("restart Hermod"));
    }

    @Test
    void openErrorsSayWhatToDo() {
        assertTrue(FdbClient.openFailure(new FDBException("Network can be configured only once", 2009), "x")
                .contains("restart Hermod"));
        assertTrue(FdbClient.openFailure(new FDBException("No cluster file found", 1515), "the default cluster file")
                .contains("set store.foundationdb cluster.file"));
        assertTrue(FdbClient.openFailure(new FDBException("Connection string invalid", 2104), "cluster file /f")
                .contains("valid connection string"));
    }

    /** Whether the client library fails to load here, as on a machine without a FoundationDB client. */
    static boolean clientMissing() {
        try {
            FdbClient.select(Settings.from(Configs.defaults()).apiVersion());
            return false;
        } catch (IllegalStateException e) {
            return e.getMessage().startsWith(FdbClient.LIBRARY_MISSING);
        }
    }
}
