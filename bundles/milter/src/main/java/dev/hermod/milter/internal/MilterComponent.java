package dev.hermod.milter.internal;

import dev.hermod.api.filter.MessageFilter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One milter per factory configuration of PID {@code milter} (e.g. {@code etc/milter-rspamd.cfg}): registers
 * a {@link MilterFilter} as a {@code DATA}-stage {@link MessageFilter} with {@code service.ranking} taken
 * from {@code ranking}, so that several milters run in order, highest first. The filter is registered here
 * rather than by Declarative Services because its ranking comes from the configuration under another name.
 * Stopping the bundle or deleting the configuration unregisters it at once.
 */
@Component(configurationPid = MilterComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = MilterComponent.Config.class, factory = true)
public final class MilterComponent {

    static final String PID = "milter";

    private static final Logger LOG = LoggerFactory.getLogger(MilterComponent.class);

    /** One milter. */
    @ObjectClassDefinition(name = "Hermod milter", description = "A milter (Sendmail milter protocol 6), e.g."
            + " rspamd or spamass-milter, asked about every received message at the DATA stage.")
    public @interface Config {
        @AttributeDefinition(description = "The milter's name, for logs.")
        String name() default "milter";

        @AttributeDefinition(description = "Where the milter listens: inet:host:port (or Sendmail's inet:port@host)"
                + " or unix:/path/to/socket.")
        String address();

        @AttributeDefinition(description = "Order among DATA filters (service.ranking): higher first.")
        int ranking() default 0;

        @AttributeDefinition(description = "Seconds to wait for the connection to the milter.", min = "1")
        int timeout_connect() default 10;

        @AttributeDefinition(description = "Seconds to wait for each reply of the milter.", min = "1")
        int timeout_read() default 60;

        @AttributeDefinition(description = "When the milter is unreachable, times out or breaks the protocol:"
                + " accept lets the message through unfiltered, tempfail answers 451 4.7.1.",
                options = {@Option(label = "accept (fail open)", value = "accept"),
                        @Option(label = "tempfail (fail closed)", value = "tempfail")})
        String failure() default "accept";

        @AttributeDefinition(description = "File a message the milter quarantines into the Junk mailbox."
                + " False: quarantine is logged and the message delivered normally.")
        boolean junk_on_quarantine() default true;

        @AttributeDefinition(description = "This server's host name, sent as macro j. Empty: the local host name.")
        String hostname() default "";
    }

    private final ServiceRegistration<MessageFilter> registration;

    /**
     * Reads the configuration and registers the filter.
     *
     * @param context the bundle's context
     * @param config  the configuration
     * @throws IllegalArgumentException if the address or {@code failure} is malformed
     */
    @Activate
    public MilterComponent(BundleContext context, Config config) {
        MilterSettings settings = settings(config);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(MessageFilter.STAGES, "DATA");
        props.put(Constants.SERVICE_RANKING, config.ranking());
        props.put(Constants.SERVICE_DESCRIPTION, "milter " + settings.name() + " at " + settings.address());
        props.put("hermod.milter.name", settings.name());
        props.put("hermod.milter.address", settings.address().text());
        registration = context.registerService(MessageFilter.class, new MilterFilter(settings), props);
        LOG.info("milter {} at {}: registered with ranking {}, failure {}", settings.name(), settings.address(),
                config.ranking(), settings.failOpen() ? "accept" : "tempfail");
    }

    /** Unregisters the filter. */
    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework unregistered it
        }
    }

    /**
     * @param config the configuration
     * @return the settings
     * @throws IllegalArgumentException if a value is malformed
     */
    static MilterSettings settings(Config config) {
        String failure = config.failure() == null ? "accept" : config.failure().strip().toLowerCase(Locale.ROOT);
        if (!failure.equals("accept") && !failure.equals("tempfail")) {
            throw new IllegalArgumentException("milter failure must be accept or tempfail, not '" + failure + "'");
        }
        if (config.address() == null || config.address().isBlank()) {
            throw new IllegalArgumentException("milter configuration needs an address");
        }
        String host = config.hostname() == null || config.hostname().isBlank() ? localHostName() : config.hostname().strip();
        return new MilterSettings(config.name() == null || config.name().isBlank() ? "milter" : config.name().strip(),
                MilterAddress.parse(config.address()), Duration.ofSeconds(Math.max(1, config.timeout_connect())),
                Duration.ofSeconds(Math.max(1, config.timeout_read())), failure.equals("accept"),
                config.junk_on_quarantine(), host);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
