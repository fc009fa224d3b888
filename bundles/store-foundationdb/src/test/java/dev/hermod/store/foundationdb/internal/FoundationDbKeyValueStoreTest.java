package dev.hermod.store.foundationdb.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hermod.api.store.KeyValueStore;
import dev.hermod.tck.KeyValueStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The store contract against a real FoundationDB cluster, named by the environment variable
 * {@code FDB_CLUSTER_FILE}; skipped without one. Runs in a subspace of its own, removed afterwards.
 */
@EnabledIfEnvironmentVariable(named = "FDB_CLUSTER_FILE", matches = ".+",
        disabledReason = FoundationDbKeyValueStoreTest.NOT_TESTED)
class FoundationDbKeyValueStoreTest implements KeyValueStoreContract {

    static final String NOT_TESTED = "FoundationDB not tested: FDB_CLUSTER_FILE is not set";

    private static FoundationDbKeyValueStore store;
    private static int prefixLength;

    @BeforeAll
    static void open() {
        String clusterFile = System.getenv("FDB_CLUSTER_FILE");
        if (!Files.isReadable(Path.of(clusterFile))) {
            return;
        }
        String subspace = "hermod-test-" + UUID.randomUUID();
        prefixLength = KeyPrefix.of(subspace).length();
        Settings settings = Settings.from(Configs.config(Map.of("cluster_file", clusterFile, "subspace", subspace)));
        store = new FoundationDbKeyValueStore(settings,
                FdbClient.open(FdbClient.select(settings.apiVersion()), settings.clusterFilePath()));
    }

    @BeforeEach
    void empty() {
        assumeTrue(store != null, "FoundationDB not tested: FDB_CLUSTER_FILE=" + System.getenv("FDB_CLUSTER_FILE")
                + " is not a readable cluster file");
        clear();
    }

    @AfterAll
    static void close() {
        if (store != null) {
            clear();
            store.close();
        }
    }

    private static void clear() {
        store.write(txn -> {
            txn.clearRange(new byte[0], new byte[] {(byte) 0xFF});
            return null;
        });
    }

    @Override
    public KeyValueStore store() {
        return store;
    }

    /** Deviation: written keys are shorter by the subspace prefix (see {@link SubspaceKeyLimit}). */
    @Override
    @Test
    public void keysAndValuesUpToTheLimitsAreAccepted() {
        SubspaceKeyLimit.assertKeysFitUpToTheLimitLessThePrefix(store, prefixLength);
    }
}
