package dev.hermod.crypto.internal;

import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.crypto.EncryptionKeys;
import dev.hermod.api.http.HttpHandler;
import java.time.Clock;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link CryptoPage} at {@code /crypto} on the HTTP listeners while {@code jmap.encryption.enable} is
 * {@code true} (the default): the page exists only then, and turning the key off takes it away at once,
 * without a restart. Reads the {@code jmap} PID, which the JMAP bundle also reads for its own keys.
 */
@Component(configurationPid = CryptoPageSwitch.PID, immediate = true)
@Designate(ocd = CryptoPageSwitch.Config.class)
public final class CryptoPageSwitch {

    static final String PID = "jmap";

    @ObjectClassDefinition(name = "Hermod encryption page", description = "The /crypto form on the HTTP listeners.")
    public @interface Config {
        @AttributeDefinition(description = "Serve the /crypto form where users upload the S/MIME certificate or PGP"
                + " public key their stored mail is encrypted with. Off: the page does not exist (keys already"
                + " uploaded are still used).")
        boolean encryption_enable() default true;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CryptoPageSwitch.class);

    private final BundleContext context;
    private final CryptoPage page;
    private ServiceRegistration<HttpHandler> registration;

    @Activate
    public CryptoPageSwitch(BundleContext context, @Reference Authenticator authenticator,
                            @Reference EncryptionKeys keys, Config config) {
        this.context = context;
        this.page = new CryptoPage(authenticator, keys, Clock.systemUTC());
        apply(config);
    }

    @Modified
    void modified(Config config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        unregister();
    }

    private synchronized void apply(Config config) {
        if (config.encryption_enable() && registration == null) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(HttpHandler.PATH, CryptoPage.PATH);
            properties.put(HttpHandler.MAX_BODY_SIZE, CryptoPage.MAX_BODY);
            registration = context.registerService(HttpHandler.class, page, properties);
            LOG.info("The encryption form is served at {}", CryptoPage.PATH);
        } else if (!config.encryption_enable() && registration != null) {
            unregister();
            LOG.info("The encryption form is off (jmap.encryption.enable = false)");
        }
    }

    private void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
    }
}
