package dev.hermod.managesieve.internal;

import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.server.ProtocolServer;
import dev.hermod.net.support.ConnectionLimiter;
import dev.hermod.net.support.ListenerNames;
import dev.hermod.net.support.ListenerSecurity;
import dev.hermod.net.support.NettyListener;
import dev.hermod.net.support.WorkerPools;
import dev.hermod.api.sieve.SieveChecker;
import dev.hermod.api.sieve.SieveScripts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ManageSieve listener (RFC 5804) per factory configuration of PID {@code managesieve}
 * ({@code etc/managesieve-default.cfg}: port 4190, STARTTLS) over the core's {@link SieveScripts} and
 * {@link Authenticator} and the Sieve bundle's {@link SieveChecker}.
 */
@Component(service = ProtocolServer.class, configurationPid = ManageSieveServer.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ManageSieveServer.Config.class, factory = true)
public final class ManageSieveServer implements ProtocolServer {

    static final String PID = "managesieve";

    @ObjectClassDefinition(name = "Hermod ManageSieve listener")
    public @interface Config {
        @AttributeDefinition(options = {@Option(value = "managesieve")})
        String protocol() default "managesieve";

        String host() default "127.0.0.1";

        int port() default 4190;

        @AttributeDefinition(options = {@Option(value = "none"), @Option(value = "starttls"), @Option(value = "implicit_tls")})
        String security() default "starttls";

        @AttributeDefinition(description = "Name in the greeting; empty for the host's name.")
        String hostname() default "";

        @AttributeDefinition(description = "PEM certificate chain; empty for a self-signed certificate made at start.")
        String tls_certificate() default "";

        @AttributeDefinition(description = "PEM private key (PKCS#8) of tls.certificate.")
        String tls_key() default "";

        @AttributeDefinition(description = "Longest command line in octets with CRLF (scripts come as literals).")
        int line_max_length() default 8192;

        @AttributeDefinition(description = "The MAXREDIRECTS capability; keep it equal to max.redirects in"
                + " etc/sieve.cfg.")
        int max_redirects() default 4;

        @AttributeDefinition(description = "Open connections allowed per client address; 0 for no limit.")
        int connections_per_ip() default 20;

        @AttributeDefinition(description = "Failed commands in a row before the server says BYE.")
        int errors_max() default 20;

        @AttributeDefinition(description = "Seconds without a command before the server closes the connection.")
        int idle_timeout() default 600;

        @AttributeDefinition(description = "Threads for store, checker and directory calls, shared by every connection.")
        int workers() default 2;

        @AttributeDefinition(description = "Listener name; empty to take it from the configuration file name.")
        String name() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(ManageSieveServer.class);

    private final String name;
    private final TransportSecurity security;
    private final ExecutorService workers;
    private final NettyListener socket;

    @Activate
    public ManageSieveServer(Config config, Map<String, Object> properties, @Reference SieveScripts scripts,
                             @Reference SieveChecker checker, @Reference Authenticator authenticator)
            throws Exception {
        if (!config.protocol().equalsIgnoreCase(PID)) {
            throw new IllegalArgumentException("managesieve listener: protocol must be managesieve, not "
                    + config.protocol());
        }
        name = ListenerNames.of(PID, config.name(), properties);
        ListenerSecurity secured = ListenerSecurity.of(config.security(), config.hostname(), config.tls_certificate(),
                config.tls_key());
        security = secured.security();
        String hostname = secured.hostname();
        SslContext tls = secured.tls();
        workers = WorkerPools.fixed("hermod-managesieve-" + name, config.workers());
        Listener listener = new Listener(name, hostname, tls, secured.implicitTls(),
                Math.max(1024, config.line_max_length()), Math.max(0, config.max_redirects()),
                Math.max(1, config.errors_max()), scripts, checker, authenticator, workers);
        // RFC 5804 §1.3
        ConnectionLimiter limiter = new ConnectionLimiter(config.connections_per_ip(),
                "BYE (TRYLATER) \"Too many connections from your address\"");
        int idle = Math.max(1, config.idle_timeout());
        try {
            socket = NettyListener.bind("managesieve listener " + name, config.host(), config.port(), ch -> {
                secured.addImplicitTls(ch);
                SieveInput input = new SieveInput(listener.maxLine());
                ch.pipeline().addLast(limiter, new IdleStateHandler(idle, 0, 0, TimeUnit.SECONDS), input,
                        new ManageSieveSession(listener, input));
            });
        } catch (RuntimeException e) {
            workers.shutdownNow();
            throw e;
        }
        LOG.info("managesieve listener {} on {} ({})", name, socket.address(), security);
    }

    @Deactivate
    void deactivate() {
        socket.close();
        workers.shutdown();
        LOG.info("managesieve listener {} closed", name);
    }

    @Override
    public String protocol() {
        return PID;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress address() {
        return socket.address();
    }

    @Override
    public TransportSecurity security() {
        return security;
    }
}
