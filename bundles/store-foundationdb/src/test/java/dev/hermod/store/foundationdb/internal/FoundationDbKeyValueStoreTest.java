package dev.hermod.store.foundationdb.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.StoreLimits;
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
import org.junit.jupiter.api.io.TempDir;

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

    /** A transaction running past FoundationDB's 5 s fails temporarily and commits nothing. */
    @Test
    void aTransactionOverTheDeadlineFailsTemporarily() {
        TemporaryFailureException e = assertThrows(TemporaryFailureException.class, () -> store.write(txn -> {
            txn.get(new byte[] {1});
            sleep(StoreLimits.MAX_TRANSACTION_MILLIS + 500);
            txn.set(new byte[] {1}, new byte[] {1});
            return null;
        }));
        assertFalse(e instanceof ConflictException, e.toString());
        assertNull(store.read(txn -> txn.get(new byte[] {1})));
    }

    /** A cluster that does not answer is a temporary failure once the transaction timeout runs out. */
    @Test
    void anUnreachableClusterFailsTemporarilyAfterTheTimeout(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("fdb.cluster"), "nowhere:test@127.0.0.1:1\n");
        Settings settings = Settings.from(Configs.config(Map.of("cluster_file", file.toString(),
                "transaction_timeout", 1000L)));
        FoundationDbKeyValueStore unreachable = new FoundationDbKeyValueStore(settings,
                FdbClient.open(FdbClient.select(settings.apiVersion()), settings.clusterFilePath()));
        try {
            long start = System.nanoTime();
            TemporaryFailureException e = assertThrows(TemporaryFailureException.class,
                    () -> unreachable.read(txn -> txn.get(new byte[] {1})));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("transaction.timeout"), e.getMessage());
            assertTrue(millis >= 900 && millis < 5000, millis + " ms");
        } finally {
            unreachable.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
