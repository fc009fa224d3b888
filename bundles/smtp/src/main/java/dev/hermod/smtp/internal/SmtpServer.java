package dev.hermod.smtp.internal;

import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.delivery.Delivery;
import dev.hermod.api.crypto.MessageSigner;
import dev.hermod.api.filter.FilterPipeline;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.api.outbound.OutboundQueue;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import dev.hermod.api.server.ProtocolServer;
import dev.hermod.net.support.ConnectionLimiter;
import dev.hermod.net.support.ListenerNames;
import dev.hermod.net.support.ListenerSecurity;
import dev.hermod.net.support.NettyListener;
import dev.hermod.net.support.WorkerPools;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.Locale;
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

/** One SMTP, submission or LMTP listener per factory configuration of PID {@code smtp}. */
@Component(service = ProtocolServer.class, configurationPid = SmtpServer.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SmtpServer.Config.class, factory = true)
public final class SmtpServer implements ProtocolServer {

    static final String PID = "smtp";

    @ObjectClassDefinition(name = "Hermod SMTP listener")
    public @interface Config {
        @AttributeDefinition(options = {@Option(value = "smtp"), @Option(value = "submission"), @Option(value = "lmtp")})
        String protocol() default "smtp";

        String host() default "127.0.0.1";

        int port() default 2525;

        @AttributeDefinition(options = {@Option(value = "none"), @Option(value = "starttls"), @Option(value = "implicit_tls")})
        String security() default "none";

        @AttributeDefinition(description = "Name in the greeting and Received fields; empty for the host's name.")
        String hostname() default "";

        @AttributeDefinition(description = "PEM certificate chain; empty for a self-signed certificate made at start.")
        String tls_certificate() default "";

        @AttributeDefinition(description = "PEM private key (PKCS#8) of tls.certificate.")
        String tls_key() default "";

        @AttributeDefinition(description = "Largest message in octets (SIZE, RFC 1870); 0 for no limit.")
        long message_max_size() default 50L * 1024 * 1024;

        @AttributeDefinition(description = "Longest command line in octets with CRLF (RFC 5321 §4.5.3.1.4: 512 at least).")
        int line_max_length() default 1000;

        int recipients_max() default 100;

        @AttributeDefinition(description = "Open connections allowed per client address; 0 for no limit.")
        int connections_per_ip() default 20;

        @AttributeDefinition(description = "Failed commands before the server closes the connection with 421.")
        int errors_max() default 10;

        @AttributeDefinition(description = "Seconds without a command before the server closes the connection.")
        int idle_timeout() default 300;

        @AttributeDefinition(description = "Offer AUTH (never on LMTP). Plain-text mechanisms only after TLS, as the"
                + " auth configuration says.")
        boolean auth() default true;

        @AttributeDefinition(description = "An authenticated client may use in MAIL FROM only its own addresses"
                + " (and their +detail forms) or <>; others get 553 5.7.1.")
        boolean sender_check() default true;

        @AttributeDefinition(description = "Answer VRFY from the directory (RFC 5321 §3.5.1). Off: 252, which"
                + " says nothing about the user. It lets anyone probe for accounts.")
        boolean vrfy() default false;

        @AttributeDefinition(description = "Answer EXPN with a list's members (RFC 5321 §3.5.2). Off: 502.")
        boolean expn() default false;

        @AttributeDefinition(description = "Submission: store a copy of what an authenticated user sends in the"
                + " Sent mailbox of their account, for clients that do not save one themselves.")
        boolean sent_copy() default false;

        @AttributeDefinition(description = "Threads for directory lookups and deliveries.")
        int workers() default 4;

        @AttributeDefinition(description = "Listener name; empty to take it from the configuration file name.")
        String name() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(SmtpServer.class);

    private final String protocol;
    private final String name;
    private final TransportSecurity security;
    private final ExecutorService workers;
    private final NettyListener socket;

    @Activate
    public SmtpServer(Config config, Map<String, Object> properties, @Reference Delivery delivery,
                      @Reference Authenticator authenticator, @Reference FilterPipeline filters) throws Exception {
        protocol = config.protocol().toLowerCase(Locale.ROOT);
        if (!protocol.equals("smtp") && !protocol.equals("submission") && !protocol.equals("lmtp")) {
            throw new IllegalArgumentException("smtp listener: protocol must be smtp, submission or lmtp, not " + protocol);
        }
        name = ListenerNames.of(PID, config.name(), properties, protocol);
        ListenerSecurity secured = ListenerSecurity.of(config.security(), config.hostname(), config.tls_certificate(),
                config.tls_key());
        security = secured.security();
        String hostname = secured.hostname();
        SslContext tls = secured.tls();
        workers = WorkerPools.fixed("hermod-" + protocol + "-" + name, config.workers());
        Listener listener = new Listener(protocol, name, hostname, tls, secured.implicitTls(),
                Math.max(512, config.line_max_length()), Math.max(0, config.message_max_size()),
                Math.max(1, config.recipients_max()), Math.max(1, config.errors_max()),
                config.auth() && !protocol.equals("lmtp"), config.sender_check(), config.vrfy(), config.expn(),
                delivery, authenticator, filters, workers, outbound,
                config.sent_copy() && protocol.equals("submission"));
        ConnectionLimiter limiter = new ConnectionLimiter(config.connections_per_ip(),
                "421 4.7.0 " + hostname + " Too many connections from your address");
        int idle = Math.max(1, config.idle_timeout());
        try {
            socket = NettyListener.bind(protocol + " listener " + name, config.host(), config.port(), ch -> {
                secured.addImplicitTls(ch);
                SmtpInput input = new SmtpInput(listener.maxLine());
                ch.pipeline().addLast(limiter, new IdleStateHandler(0, 0, idle, TimeUnit.SECONDS), input,
                        new SmtpSession(listener, input));
            });
        } catch (RuntimeException e) {
            workers.shutdownNow();
            throw e;
        }
        LOG.info("{} listener {} on {} ({})", protocol, name, socket.address(), security);
    }

    /** The outbound queue, DKIM signer and mail store, as they come and go. */
    private final Outbound outbound = new Outbound();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindQueue")
    void bindQueue(OutboundQueue queue) {
        outbound.queue = queue;
    }

    void unbindQueue(OutboundQueue queue) {
        if (outbound.queue == queue) {
            outbound.queue = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindSigner")
    void bindSigner(MessageSigner signer) {
        outbound.signer = signer;
    }

    void unbindSigner(MessageSigner signer) {
        if (outbound.signer == signer) {
            outbound.signer = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindMailStore")
    void bindMailStore(MailStore store) {
        outbound.mailStore = store;
    }

    void unbindMailStore(MailStore store) {
        if (outbound.mailStore == store) {
            outbound.mailStore = null;
        }
    }

    @Deactivate
    void deactivate() {
        socket.close();
        workers.shutdown();
        LOG.info("{} listener {} closed", protocol, name);
    }

    @Override
    public String protocol() {
        return protocol;
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
