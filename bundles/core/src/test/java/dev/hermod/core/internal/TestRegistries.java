package dev.hermod.core.internal;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.crypto.MessageEncryptor;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.filter.MessageFilter;
import dev.hermod.api.outbound.OutboundTransport;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.testing.Components;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * A {@link ProviderRegistry} outside a framework for tests of the core's services and of the bundles that use
 * them (published as the core's test jar): providers are bound and unbound as DS would, with stand-in service
 * references ordered as OSGi orders them (higher ranking first, then the lower service id).
 */
public final class TestRegistries {

    private static final AtomicLong SERVICE_IDS = new AtomicLong(1000);

    private TestRegistries() {
    }

    /** @param unavailableWaitMs how long callers wait for a missing provider */
    public static ProviderRegistry create(long unavailableWaitMs) {
        return new ProviderRegistry(Components.config(ProviderRegistry.Config.class,
                Map.of("unavailable.wait", unavailableWaitMs)));
    }

    /**
     * A registry with a metadata store, a blob store and a directory bound, as the protocol bundles' tests
     * use it; a missing provider is waited for 200 ms.
     */
    public static ProviderRegistry create(KeyValueStore kv, BlobStore blobs, Directory directory) {
        ProviderRegistry registry = create(200);
        bind(registry, kv, "kv");
        bind(registry, blobs, "fs");
        bind(registry, directory, "test");
        return registry;
    }

    /** Binds an outbound transport as DS would. */
    public static void addTransport(ProviderRegistry registry, OutboundTransport transport) {
        bind(registry, transport, "smtp");
    }

    /**
     * Binds a message filter as DS would, with its ranking and stages.
     *
     * @param stages the {@link MessageFilter#STAGES} property; none for the filter's default
     */
    @SuppressWarnings("unchecked")
    public static Binding addFilter(ProviderRegistry registry, MessageFilter filter, String name, int ranking,
                                    String... stages) {
        Map<String, Object> extra = new HashMap<>(Map.of(Constants.SERVICE_RANKING, ranking));
        if (stages.length > 0) {
            extra.put(MessageFilter.STAGES, stages);
        }
        ServiceReference<MessageFilter> ref = (ServiceReference<MessageFilter>) reference(name, extra);
        registry.addMessageFilter(ref, filter);
        return new Binding(ref);
    }

    /** A handle to unbind a provider with. */
    public record Binding(ServiceReference<?> reference) {
    }

    @SuppressWarnings("unchecked")
    public static Binding bind(ProviderRegistry registry, KeyValueStore store, String name) {
        ServiceReference<KeyValueStore> ref = (ServiceReference<KeyValueStore>) reference(name);
        registry.addKeyValueStore(ref, store);
        return new Binding(ref);
    }

    @SuppressWarnings("unchecked")
    public static Binding bind(ProviderRegistry registry, BlobStore store, String name) {
        ServiceReference<BlobStore> ref = (ServiceReference<BlobStore>) reference(name);
        registry.addBlobStore(ref, store);
        return new Binding(ref);
    }

    @SuppressWarnings("unchecked")
    public static Binding bind(ProviderRegistry registry, Directory directory, String name) {
        ServiceReference<Directory> ref = (ServiceReference<Directory>) reference(name);
        registry.addDirectory(ref, directory);
        return new Binding(ref);
    }

    @SuppressWarnings("unchecked")
    public static Binding bind(ProviderRegistry registry, OutboundTransport transport, String name) {
        ServiceReference<OutboundTransport> ref = (ServiceReference<OutboundTransport>) reference(name);
        registry.addOutboundTransport(ref, transport);
        return new Binding(ref);
    }

    @SuppressWarnings("unchecked")
    public static Binding bind(ProviderRegistry registry, MessageEncryptor encryptor, String name) {
        ServiceReference<MessageEncryptor> ref = (ServiceReference<MessageEncryptor>) reference(name);
        registry.addMessageEncryptor(ref, encryptor);
        return new Binding(ref);
    }

    @SuppressWarnings("unchecked")
    public static void unbindEncryptor(ProviderRegistry registry, Binding binding) {
        registry.removeMessageEncryptor((ServiceReference<MessageEncryptor>) binding.reference());
    }

    @SuppressWarnings("unchecked")
    public static void unbindTransport(ProviderRegistry registry, Binding binding) {
        registry.removeOutboundTransport((ServiceReference<OutboundTransport>) binding.reference());
    }

    @SuppressWarnings("unchecked")
    public static void unbindStore(ProviderRegistry registry, Binding binding) {
        registry.removeKeyValueStore((ServiceReference<KeyValueStore>) binding.reference());
    }

    @SuppressWarnings("unchecked")
    public static void unbindBlobStore(ProviderRegistry registry, Binding binding) {
        registry.removeBlobStore((ServiceReference<BlobStore>) binding.reference());
    }

    private static ServiceReference<?> reference(String name) {
        return reference(name, Map.of());
    }

    private static ServiceReference<?> reference(String name, Map<String, Object> extra) {
        long id = SERVICE_IDS.incrementAndGet();
        Map<String, Object> properties = new HashMap<>(Map.of(Constants.SERVICE_ID, id, "name", name,
                Constants.SERVICE_RANKING, 0));
        properties.putAll(extra);
        return (ServiceReference<?>) Proxy.newProxyInstance(TestRegistries.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (self, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "getPropertyKeys" -> properties.keySet().toArray(new String[0]);
                    case "getBundle" -> null;
                    // OSGi order: higher ranking is greater; on a tie the lower service id is greater.
                    case "compareTo" -> {
                        ServiceReference<?> other = (ServiceReference<?>) args[0];
                        int byRanking = Integer.compare((Integer) properties.get(Constants.SERVICE_RANKING),
                                (Integer) other.getProperty(Constants.SERVICE_RANKING));
                        yield byRanking != 0 ? byRanking
                                : Long.compare((Long) other.getProperty(Constants.SERVICE_ID), id);
                    }
                    case "equals" -> self == args[0];
                    case "hashCode" -> Long.hashCode(id);
                    case "toString" -> "ServiceReference[" + name + ", " + id + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
