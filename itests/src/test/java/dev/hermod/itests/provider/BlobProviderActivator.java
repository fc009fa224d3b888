package dev.hermod.itests.provider;

import dev.hermod.api.blob.BlobStore;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers a {@link TestBlobStore}, named by the bundle's manifest, as a third-party provider would. */
public final class BlobProviderActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", context.getBundle().getHeaders().get(TestBundles.NAME_HEADER));
        properties.put("service.ranking", Integer.valueOf(context.getBundle().getHeaders().get(TestBundles.RANKING_HEADER)));
        context.registerService(BlobStore.class, new TestBlobStore(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the service.
    }
}
