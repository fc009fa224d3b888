package dev.hermod.core.internal;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.testing.Components;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/** The core's provider registry outside a framework, with one store, blob store and directory bound as DS would. */
public final class MigrationRegistries {

    private static final AtomicLong IDS = new AtomicLong(5000);

    private MigrationRegistries() {
    }

    @SuppressWarnings("unchecked")
    public static ProviderRegistry create(String kvName, KeyValueStore kv, String blobName, BlobStore blobs, Directory directory) {
        ProviderRegistry registry = new ProviderRegistry(Components.config(ProviderRegistry.Config.class,
                Map.of("unavailable.wait", 200L)));
        registry.addKeyValueStore((ServiceReference<KeyValueStore>) reference(kvName), kv);
        registry.addBlobStore((ServiceReference<BlobStore>) reference(blobName), blobs);
        registry.addDirectory((ServiceReference<Directory>) reference("test"), directory);
        return registry;
    }

    private static ServiceReference<?> reference(String name) {
        long id = IDS.incrementAndGet();
        Map<String, Object> properties = new HashMap<>(Map.of(Constants.SERVICE_ID, id, "name", name,
                Constants.SERVICE_RANKING, 0));
        return (ServiceReference<?>) Proxy.newProxyInstance(MigrationRegistries.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (self, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "getPropertyKeys" -> properties.keySet().toArray(new String[0]);
                    case "getBundle" -> null;
                    case "compareTo" -> {
                        ServiceReference<?> other = (ServiceReference<?>) args[0];
                        int byRanking = Integer.compare((Integer) properties.get(Constants.SERVICE_RANKING),
                                (Integer) other.getProperty(Constants.SERVICE_RANKING));
                        yield byRanking != 0 ? byRanking : Long.compare((Long) other.getProperty(Constants.SERVICE_ID), id);
                    }
                    case "equals" -> self == args[0];
                    case "hashCode" -> Long.hashCode(id);
                    case "toString" -> "ServiceReference[" + name + ", " + id + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
