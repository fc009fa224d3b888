package dev.hermod.pop3.internal;

import dev.hermod.net.support.LineFramer;
import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.api.server.ProtocolServer;
import dev.hermod.net.support.ConnectionLimiter;
import dev.hermod.net.support.ListenerNames;
import dev.hermod.net.support.ListenerSecurity;
import dev.hermod.net.support.NettyListener;
import dev.hermod.net.support.WorkerPools;
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
 * One POP3 listener (RFC 1939) per factory configuration of PID {@code pop3} ({@code etc/pop3-default.cfg}:
 * port 1110, STLS; {@code etc/pop3-tls.cfg}: implicit TLS) over the core's {@link MailStore} and
 * {@link Authenticator}.
 */
@Component(service = ProtocolServer.class, configurationPid = Pop3Server.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Pop3Server.Config.class, factory = true)
public final class Pop3Server implements ProtocolServer {

    static final String PID = "pop3";

    @ObjectClassDefinition(name = "Hermod POP3 listener")
    public @interface Config {
        @AttributeDefinition(options = {@Option(value = "pop3")})
        String protocol() default "pop3";

        String host() default "127.0.0.1";

        int port() default 1110;

        @AttributeDefinition(options = {@Option(value = "none"), @Option(value = "starttls"), @Option(value = "implicit_tls")})
        String security() default "starttls";

        @AttributeDefinition(description = "Name in the greeting; empty for the host's name.")
        String hostname() default "";

        @AttributeDefinition(description = "PEM certificate chain; empty for a self-signed certificate made at start.")
        String tls_certificate() default "";

        @AttributeDefinition(description = "PEM private key (PKCS#8) of tls.certificate.")
        String tls_key() default "";

        @AttributeDefinition(description = "Longest command line in octets with CRLF (RFC 2449 allows 255; AUTH"
                + " initial responses need more).")
        int line_max_length() default 2048;

        @AttributeDefinition(description = "Failed logins on one connection before the server closes it.")
        int auth_failures_max() default 3;

        @AttributeDefinition(description = "Open connections allowed per client address; 0 for no limit.")
        int connections_per_ip() default 20;

        @AttributeDefinition(description = "Seconds without a command before the server closes the connection"
                + " (RFC 1939 §3: at least 600).")
        int idle_timeout() default 600;

        @AttributeDefinition(description = "Whether messages retrieved with RETR are marked \\Seen at QUIT.")
        boolean seen_on_retr() default true;

        @AttributeDefinition(description = "Threads for store and directory calls, shared by every connection;"
                + " one waiting for a client that reads slowly is made up for with another.")
        int workers() default 2;

        @AttributeDefinition(description = "Listener name; empty to take it from the configuration file name.")
        String name() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(Pop3Server.class);

    private final String name;
    private final TransportSecurity security;
    private final ExecutorService workers;
    private final NettyListener socket;

    @Activate
    public Pop3Server(Config config, Map<String, Object> properties, @Reference MailStore store,
                      @Reference Authenticator authenticator) throws Exception {
        if (!config.protocol().equalsIgnoreCase(PID)) {
            throw new IllegalArgumentException("pop3 listener: protocol must be pop3, not " + config.protocol());
        }
        name = ListenerNames.of(PID, config.name(), properties);
        ListenerSecurity secured = ListenerSecurity.of(config.security(), config.hostname(), config.tls_certificate(),
                config.tls_key());
        security = secured.security();
        String hostname = secured.hostname();
        SslContext tls = secured.tls();
        workers = WorkerPools.compensating("hermod-pop3-" + name, config.workers());
        Listener listener = new Listener(name, hostname, tls, secured.implicitTls(),
                Math.max(512, config.line_max_length()), Math.max(1, config.auth_failures_max()),
                config.seen_on_retr(), store, authenticator, workers);
        // RFC 3206 §4: SYS/TEMP, a problem that may go away
        ConnectionLimiter limiter = new ConnectionLimiter(config.connections_per_ip(),
                "-ERR [SYS/TEMP] Too many connections from your address; try again later");
        int idle = Math.max(1, config.idle_timeout());
        try {
            socket = NettyListener.bind("pop3 listener " + name, config.host(), config.port(), ch -> {
                secured.addImplicitTls(ch);
                LineFramer input = new LineFramer(listener.maxLine());
                ch.pipeline().addLast(limiter, new IdleStateHandler(idle, 0, 0, TimeUnit.SECONDS), input,
                        new Pop3Session(listener, input));
            });
        } catch (RuntimeException e) {
            workers.shutdownNow();
            throw e;
        }
        LOG.info("pop3 listener {} on {} ({})", name, socket.address(), security);
    }

    @Deactivate
    void deactivate() {
        socket.close();
        workers.shutdown();
        LOG.info("pop3 listener {} closed", name);
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
