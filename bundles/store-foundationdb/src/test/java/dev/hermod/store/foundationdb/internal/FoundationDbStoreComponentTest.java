package dev.hermod.store.foundationdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.apple.foundationdb.Database;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.KeyValueStore;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The component registers the store only once it works, and unregisters it before closing it. */
class FoundationDbStoreComponentTest {

    private final FakeCluster cluster = new FakeCluster();
    private final Database database = cluster.database();
    private final List<Object[]> registered = new ArrayList<>();
    private final List<String> unregistered = new ArrayList<>();

    private final BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                registered.add(args);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                        (registration, m, a) -> {
                            unregistered.add(m.getName());
                            return null;
                        });
            });

    @Test
    void registersTheWorkingStoreWithItsNameAndRanking() {
        FoundationDbStoreComponent component = new FoundationDbStoreComponent(
                Configs.config(Map.of("name", "main-fdb")), context, settings -> database);
        assertEquals(1, registered.size());
        assertEquals(KeyValueStore.class, registered.get(0)[0]);
        Dictionary<?, ?> properties = (Dictionary<?, ?>) registered.get(0)[2];
        assertEquals("main-fdb", properties.get("name"));
        assertEquals(200, properties.get("service.ranking"));
        KeyValueStore store = (KeyValueStore) registered.get(0)[1];
        store.write(txn -> {
            txn.set(new byte[] {1}, new byte[] {2});
            return null;
        });
        assertArrayEquals(new byte[] {2}, store.read(txn -> txn.get(new byte[] {1})));

        component.deactivate();
        assertEquals(List.of("unregister"), unregistered);
        assertThrows(TemporaryFailureException.class, () -> store.read(txn -> null));
        assertThrows(IllegalStateException.class, database::createTransaction, "the database is closed");
    }

    @Test
    void aFailureToOpenRegistersNothing() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new FoundationDbStoreComponent(Configs.defaults(), context, settings -> {
                    throw new IllegalStateException("no cluster");
                }));
        assertEquals("no cluster", failure.getMessage());
        assertEquals(List.of(), registered);
    }

    @Test
    void aBadConfigurationRegistersNothing() {
        assertThrows(IllegalArgumentException.class, () -> new FoundationDbStoreComponent(
                Configs.config(Map.of("retry_limit", 99)), context, settings -> database));
        assertEquals(List.of(), registered);
    }

    @Test
    void aMissingClientLibraryRegistersNothing() {
        assumeTrue(FdbClientTest.clientMissing(), "the FoundationDB client library is installed");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new FoundationDbStoreComponent(Configs.defaults(), context));
        assertTrue(e.getMessage().startsWith(FdbClient.LIBRARY_MISSING), e.getMessage());
        assertEquals(List.of(), registered);
    }
}
