package dev.hermod.itests.provider;

import dev.hermod.api.filter.MessageFilter;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers a {@link VerdictFilter} for every stage, as a third-party filter bundle would. */
public final class FilterProviderActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", "verdicts");
        properties.put(MessageFilter.STAGES, new String[] {"ehlo", "mail", "rcpt", "data"});
        properties.put("service.ranking", 50);
        context.registerService(MessageFilter.class, new VerdictFilter(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the service.
    }
}
