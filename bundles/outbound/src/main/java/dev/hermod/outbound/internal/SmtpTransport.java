package dev.hermod.outbound.internal;

import dev.hermod.api.outbound.OutboundMessage;
import dev.hermod.api.outbound.OutboundTransport;
import dev.hermod.api.outbound.TransportResult;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The SMTP {@link OutboundTransport} ({@code name=smtp}): MX hosts or a relay host, one SMTP transaction per call
 * on the caller's thread. Configured by PID {@value #PID} ({@code etc/transport.smtp.cfg}, optional); see the
 * package documentation for the keys and the behaviour.
 */
@Component(service = OutboundTransport.class, configurationPid = SmtpTransport.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = OutboundTransport.NAME + "=smtp")
@Designate(ocd = SmtpTransport.Config.class)
public final class SmtpTransport implements OutboundTransport {

    /** The configuration PID. */
    public static final String PID = "transport.smtp";

    /** The transport's configuration. */
    @ObjectClassDefinition(name = "Hermod outbound SMTP", description = "Delivery of queued mail to other servers.")
    public @interface Config {
        @AttributeDefinition(description = "The name given in EHLO/HELO; empty: this host's canonical name.")
        String hostname() default "";

        @AttributeDefinition(description = "The port of MX hosts (25; other values only for tests).")
        int smtp_port() default 25;

        @AttributeDefinition(description = "DNS resolvers, host[:port] or [ipv6]:port; empty: the system's.")
        String[] dns_servers() default {};

        @AttributeDefinition(description = "Seconds one DNS query may take over all resolvers.", min = "1")
        int dns_timeout() default 10;

        @AttributeDefinition(description = "Relay host (smart host); empty: deliver to the MX hosts.")
        String relay_host() default "";

        @AttributeDefinition(description = "The relay's port; 0: 465 for implicit_tls, else 25.")
        int relay_port() default 0;

        @AttributeDefinition(description = "TLS to the relay: none, starttls (required) or implicit_tls.")
        String relay_security() default "starttls";

        @AttributeDefinition(description = "Verify the relay's certificate (chain and host name).")
        boolean relay_tls_verify() default true;

        @AttributeDefinition(description = "Recipient domains that go through the relay (.example.com for"
                + " subdomains); empty: all mail.")
        String[] relay_domains() default {};

        @AttributeDefinition(description = "User name for AUTH to the relay; empty: no AUTH.")
        String relay_auth_username() default "";

        @AttributeDefinition(description = "Password for AUTH to the relay (published as a service property;"
                + " prefer .relay.auth.password, relay.auth.password.env or relay.auth.password.file).",
                type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String relay_auth_password() default "";

        @AttributeDefinition(description = "Password for AUTH to the relay, kept out of the service properties.",
                type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String _relay_auth_password() default "";

        @AttributeDefinition(description = "Environment variable holding the relay password.")
        String relay_auth_password_env() default "";

        @AttributeDefinition(description = "File holding the relay password (readable by the server only).")
        String relay_auth_password_file() default "";

        @AttributeDefinition(description = "Allow AUTH to the relay without TLS.")
        boolean relay_auth_plaintext() default false;

        @AttributeDefinition(description = "Domains whose MX hosts must offer STARTTLS with a verified certificate"
                + " naming the MX host; else delivery is deferred (451 4.7.5).")
        String[] tls_required_domains() default {};

        @AttributeDefinition(description = "PEM file of certificates to trust for verified TLS instead of the JDK's"
                + " trust store; empty: the JDK's.")
        String tls_trust_file() default "";

        @AttributeDefinition(description = "Look up the MTA-STS policy (RFC 8461) of each"
                + " recipient domain delivered to by MX, and apply it.")
        boolean mta$_$sts_enabled() default true;

        @AttributeDefinition(description = "PEM file of certificates to trust for the"
                + " MTA-STS policy hosts (https://mta-sts.<domain>/) instead of the JDK's trust store; empty: the"
                + " JDK's.")
        String mta$_$sts_trust_file() default "";

        @AttributeDefinition(description = "Seconds one MTA-STS policy fetch may take"
                + " (RFC 8461: at most 60).", min = "1")
        int mta$_$sts_timeout() default 30;

        @AttributeDefinition(description = "HTTPS port of the MTA-STS policy hosts (443;"
                + " other values only for tests).")
        int mta$_$sts_port() default 443;

        @AttributeDefinition(description = "Seconds to open a connection.", min = "1")
        int timeout_connect() default 30;

        @AttributeDefinition(description = "Seconds to wait for the greeting (RFC 5321: 300).", min = "1")
        int timeout_greeting() default 120;

        @AttributeDefinition(description = "Seconds to wait for a reply to a command (RFC 5321: 300 for MAIL and"
                + " RCPT, 120 for DATA).", min = "1")
        int timeout_command() default 120;

        @AttributeDefinition(description = "Seconds one write of the message may block (RFC 5321: 180).", min = "1")
        int timeout_data_block() default 180;

        @AttributeDefinition(description = "Seconds to wait for the reply after the message (RFC 5321: 600).",
                min = "1")
        int timeout_data_end() default 600;

        @AttributeDefinition(description = "Deliveries in progress at once to one destination domain.", min = "1")
        int connections_per_domain() default 5;

        @AttributeDefinition(description = "Seconds a delivery waits for a free slot of its domain before it is"
                + " deferred (451 4.4.5).", min = "1")
        int connections_wait() default 60;

        @AttributeDefinition(description = "Seconds an idle connection is kept for the next message to the same"
                + " host; 0: no reuse.", min = "0")
        int connection_idle_time() default 5;

        @AttributeDefinition(description = "Messages one connection carries before it is closed.", min = "1")
        int connection_max_messages() default 100;
    }

    private final Courier courier;
    private final ConnectionPool pool;
    private final ScheduledExecutorService housekeeping;

    /**
     * Reads the configuration and prepares the resolver, TLS and the connection pool.
     *
     * @param config the configuration
     * @throws IllegalArgumentException if a value is wrong (the message names the key)
     */
    @Activate
    public SmtpTransport(Config config) {
        Settings settings = Settings.of(config, System.getenv());
        DnsClient dns = new DnsClient(settings.dnsServers(), settings.dnsTimeout());
        this.pool = new ConnectionPool(settings.idleTime(), settings.maxTransactions());
        WriteWatchdog watchdog = new WriteWatchdog();
        Settings.MtaStsSettings sts = settings.mtaSts();
        MtaSts mtaSts = !sts.enabled() ? null : new MtaSts(dns, new StsPolicyFetcher(dns,
                TlsContexts.verifying(sts.trustFile(), "mta-sts.trust.file"), sts.port(), sts.timeout()),
                Clock.systemUTC());
        Router router = new Router(settings, new MxResolver(dns, new SecureRandom()), mtaSts);
        this.courier = new Courier(settings, router, pool,
                new DomainLimits(settings.connectionsPerDomain()), new TlsContexts(settings.trustFile()), watchdog);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hermod-outbound-smtp-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> {
            watchdog.check();
            pool.expire();
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public TransportResult send(OutboundMessage message) {
        return courier.send(Objects.requireNonNull(message, "message"));
    }

    /** Stops the housekeeping and closes the idle connections (with QUIT). */
    @Deactivate
    public void close() {
        housekeeping.shutdownNow();
        pool.close();
    }

    /** @return how many idle connections are kept (for tests and status) */
    int idleConnections() {
        return pool.size();
    }
}
