package dev.hermod.store.foundationdb.internal;

import dev.hermod.api.store.KeyValueStore;
import dev.hermod.tck.KeyValueStoreContract;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store contract through the whole provider (component, retry loop, wrappers) over
 * {@link FakeCluster}, an in-memory stand-in for FoundationDB: checks this provider's logic where no
 * cluster is available, not FoundationDB itself. With no subspace, as when Hermod owns the cluster.
 */
class FakeClusterStoreTest implements KeyValueStoreContract {

    FakeCluster cluster;
    FoundationDbKeyValueStore store;

    /** The subspace the store runs in. */
    String subspace() {
        return "";
    }

    @BeforeEach
    void open() {
        cluster = new FakeCluster();
        store = new FoundationDbKeyValueStore(Settings.from(Configs.config(Map.of("subspace", subspace()))),
                cluster.database());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public KeyValueStore store() {
        return store;
    }
}
