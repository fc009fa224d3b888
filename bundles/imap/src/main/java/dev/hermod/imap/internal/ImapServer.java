package dev.hermod.imap.internal;

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
 * One IMAP listener per factory configuration of PID {@code imap} ({@code etc/imap-default.cfg} with
 * STARTTLS, {@code etc/imap-tls.cfg} with implicit TLS): IMAP4rev2 (RFC 9051) and IMAP4rev1 (RFC 3501)
 * over the core's MailStore and Authenticator.
 */
@Component(service = ProtocolServer.class, configurationPid = ImapServer.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ImapServer.Config.class, factory = true)
public final class ImapServer implements ProtocolServer {

    static final String PID = "imap";

    @ObjectClassDefinition(name = "Hermod IMAP listener")
    public @interface Config {
        @AttributeDefinition(options = {@Option(value = "imap")})
        String protocol() default "imap";

        String host() default "127.0.0.1";

        int port() default 1143;

        @AttributeDefinition(options = {@Option(value = "none"), @Option(value = "starttls"), @Option(value = "implicit_tls")})
        String security() default "starttls";

        @AttributeDefinition(description = "Name in the greeting; empty for the host's name.")
        String hostname() default "";

        @AttributeDefinition(description = "PEM certificate chain; empty for a self-signed certificate made at start.")
        String tls_certificate() default "";

        @AttributeDefinition(description = "PEM private key (PKCS#8) of tls.certificate.")
        String tls_key() default "";

        @AttributeDefinition(description = "Longest command line in octets with CRLF (RFC 9051 §4 asks for 8192 at least).")
        int line_max_length() default 65536;

        @AttributeDefinition(description = "Most octets of literals in one command other than APPEND (LOGIN, SEARCH, ...).")
        int literal_max_size() default 1024 * 1024;

        @AttributeDefinition(description = "Largest message APPEND accepts in octets (APPENDLIMIT, RFC 7889); 0 for no limit.")
        long message_max_size() default 50L * 1024 * 1024;

        @AttributeDefinition(description = "Open connections allowed per client address; 0 for no limit.")
        int connections_per_ip() default 50;

        @AttributeDefinition(description = "Seconds without a command before the server logs the client out"
                + " (RFC 9051 §5.4: at least 30 minutes).")
        int idle_timeout() default 1800;

        @AttributeDefinition(description = "Seconds a client may stay connected without logging in.")
        int login_timeout() default 60;

        @AttributeDefinition(description = "Threads for store and directory calls, shared by every connection.")
        int workers() default 8;

        @AttributeDefinition(description = "APPENDs receiving their message at the same time (one thread each);"
                + " past it, APPEND answers NO [UNAVAILABLE].")
        int uploads_max() default 64;

        @AttributeDefinition(description = "Listener name; empty to take it from the configuration file name.")
        String name() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(ImapServer.class);

    private final String name;
    private final TransportSecurity security;
    private final ExecutorService workers;
    private final UploadExecutor uploads;
    private final NettyListener socket;

    @Activate
    public ImapServer(Config config, Map<String, Object> properties, @Reference MailStore store,
                      @Reference Authenticator authenticator) throws Exception {
        if (!config.protocol().equalsIgnoreCase("imap")) {
            throw new IllegalArgumentException("imap listener: protocol must be imap, not " + config.protocol());
        }
        name = ListenerNames.of(PID, config.name(), properties);
        ListenerSecurity secured = ListenerSecurity.of(config.security(), config.hostname(), config.tls_certificate(),
                config.tls_key());
        security = secured.security();
        String hostname = secured.hostname();
        SslContext tls = secured.tls();
        workers = WorkerPools.compensating("hermod-imap-" + name, config.workers());
        uploads = new UploadExecutor(config.uploads_max(), name);
        Listener listener = new Listener(name, hostname, tls, secured.implicitTls(),
                Math.max(1024, config.line_max_length()), Math.max(1024, config.literal_max_size()),
                Math.max(0, config.message_max_size()), Math.max(1, config.login_timeout()), store, authenticator,
                workers, uploads);
        CommandRegistry registry = CommandRegistry.standard();
        ConnectionLimiter limiter = new ConnectionLimiter(config.connections_per_ip(),
                "* BYE [UNAVAILABLE] Too many connections from your address");
        int idle = Math.max(1, config.idle_timeout());
        try {
            socket = NettyListener.bind("imap listener " + name, config.host(), config.port(), ch -> {
                secured.addImplicitTls(ch);
                ImapInput input = new ImapInput(listener.maxLine());
                ch.pipeline().addLast(limiter, new IdleStateHandler(idle, 0, 0, TimeUnit.SECONDS), input,
                        new ImapSession(listener, input, registry));
            });
        } catch (RuntimeException e) {
            workers.shutdownNow();
            uploads.shutdownNow();
            throw e;
        }
        LOG.info("imap listener {} on {} ({})", name, socket.address(), security);
    }

    @Deactivate
    void deactivate() {
        socket.close();
        workers.shutdown();
        uploads.shutdown();
        LOG.info("imap listener {} closed", name);
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
