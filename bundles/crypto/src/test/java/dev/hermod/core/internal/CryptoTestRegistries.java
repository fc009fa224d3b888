package dev.hermod.core.internal;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.crypto.MessageEncryptor;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.testing.Components;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/** The core's provider registry outside a framework, providers bound as DS would (as the core's TestRegistries). */
public final class CryptoTestRegistries {

    private static final AtomicLong IDS = new AtomicLong(1000);

    private CryptoTestRegistries() {
    }

    @SuppressWarnings("unchecked")
    public static ProviderRegistry create(KeyValueStore kv, BlobStore blobs, Directory directory) {
        ProviderRegistry registry = new ProviderRegistry(Components.config(ProviderRegistry.Config.class,
                Map.of("unavailable.wait", 200L)));
        registry.addKeyValueStore((ServiceReference<KeyValueStore>) reference("kv"), kv);
        registry.addBlobStore((ServiceReference<BlobStore>) reference("fs"), blobs);
        registry.addDirectory((ServiceReference<Directory>) reference("test"), directory);
        return registry;
    }

    @SuppressWarnings("unchecked")
    public static void bind(ProviderRegistry registry, MessageEncryptor encryptor) {
        registry.addMessageEncryptor((ServiceReference<MessageEncryptor>) reference("bc"), encryptor);
    }

    private static ServiceReference<?> reference(String name) {
        long id = IDS.incrementAndGet();
        Map<String, Object> properties = Map.of(Constants.SERVICE_ID, id, "name", name, Constants.SERVICE_RANKING, 0);
        return (ServiceReference<?>) Proxy.newProxyInstance(CryptoTestRegistries.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (self, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "getPropertyKeys" -> properties.keySet().toArray(new String[0]);
                    case "getBundle" -> null;
                    case "compareTo" -> Long.compare((Long) ((ServiceReference<?>) args[0]).getProperty(Constants.SERVICE_ID), id);
                    case "equals" -> self == args[0];
                    case "hashCode" -> Long.hashCode(id);
                    case "toString" -> "ServiceReference[" + name + ", " + id + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
