package dev.hermod.http.internal;

import dev.hermod.api.http.HttpHandler;
import dev.hermod.api.server.ProtocolServer;
import dev.hermod.net.support.ListenerNames;
import dev.hermod.net.support.ListenerSecurity;
import dev.hermod.net.support.ListenerSecurity;
import dev.hermod.net.support.NettyListener;
import dev.hermod.net.support.WorkerPools;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLParameters;
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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP listener per factory configuration of PID {@code http} ({@code etc/http-default.cfg} plain
 * HTTP/1.1, {@code etc/http-tls.cfg} with implicit TLS, HTTP/2 or HTTP/1.1 by ALPN). Requests go to the {@link HttpHandler} services registered
 * in the framework, by longest path prefix; handlers come and go while the listener runs.
 */
@Component(service = ProtocolServer.class, configurationPid = HttpServer.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpServer.Config.class, factory = true)
public final class HttpServer implements ProtocolServer {

    static final String PID = "http";

    @ObjectClassDefinition(name = "Hermod HTTP listener")
    public @interface Config {
        @AttributeDefinition(options = {@Option(value = "http")})
        String protocol() default "http";

        String host() default "127.0.0.1";

        int port() default 8080;

        @AttributeDefinition(options = {@Option(value = "none"), @Option(value = "implicit_tls")})
        String security() default "none";

        @AttributeDefinition(description = "Name for the self-signed certificate; empty for the host's name.")
        String hostname() default "";

        @AttributeDefinition(description = "PEM certificate chain; empty for a self-signed certificate made at start.")
        String tls_certificate() default "";

        @AttributeDefinition(description = "PEM private key (PKCS#8) of tls.certificate.")
        String tls_key() default "";

        @AttributeDefinition(description = "Largest request body in bytes for handlers that set no limit of their own.")
        long body_default_max_size() default 1024L * 1024;

        @AttributeDefinition(description = "Largest request body in bytes on this listener, whatever a handler allows.")
        long body_max_size() default 64L * 1024 * 1024;

        @AttributeDefinition(description = "Longest request line in bytes (longer: 414).")
        int request_line_max_length() default 8192;

        @AttributeDefinition(description = "Most bytes of request headers (more: 431).")
        int header_max_size() default 16384;

        @AttributeDefinition(description = "Seconds a connection may stay idle between requests.")
        int idle_timeout() default 120;

        @AttributeDefinition(description = "Bytes of response queued for a slow client before its event stream or WebSocket is closed.")
        int output_max_queued() default 4 * 1024 * 1024;

        @AttributeDefinition(description = "Whether a TLS listener offers HTTP/2 (h2 by ALPN) besides HTTP/1.1.")
        boolean http2() default true;

        @AttributeDefinition(description = "Threads running handlers, shared by every connection.")
        int workers() default 16;

        @AttributeDefinition(description = "Listener name; empty to take it from the configuration file name.")
        String name() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Routes routes = new Routes();
    private final String name;
    private final TransportSecurity security;
    private final ExecutorService workers;
    private final NettyListener socket;

    @Activate
    public HttpServer(Config config, Map<String, Object> properties) throws Exception {
        if (!config.protocol().equalsIgnoreCase(PID)) {
            throw new IllegalArgumentException("http listener: protocol must be http, not " + config.protocol());
        }
        name = ListenerNames.of(PID, config.name(), properties);
        if (config.security().equalsIgnoreCase("starttls")) {
            throw new IllegalArgumentException("http listener " + name
                    + ": security must be none or implicit_tls (HTTP has no STARTTLS)");
        }
        ListenerSecurity secured = ListenerSecurity.of(config.security(), config.hostname(), config.tls_certificate(),
                config.tls_key());
        security = secured.security();
        SslContext tls = secured.tls();
        workers = WorkerPools.fixed("hermod-http-" + name, config.workers());
        long cap = Math.max(0, config.body_max_size());
        Listener listener = new Listener(name, tls != null, Math.min(cap, Math.max(0, config.body_default_max_size())),
                cap, routes, workers);
        int idle = Math.max(1, config.idle_timeout());
        int lineMax = Math.max(256, config.request_line_max_length());
        int headerMax = Math.max(1024, config.header_max_size());
        int queued = Math.max(64 * 1024, config.output_max_queued());
        boolean http2 = config.http2() && tls != null && http2Available();
        try {
            socket = NettyListener.bind("http listener " + name, config.host(), config.port(),
                    bootstrap -> bootstrap.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(queued / 2, queued)), ch -> {
                        ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.SECONDS));
                        if (tls == null) {
                            ProtocolSelector.http1(ch.pipeline(), listener, lineMax, headerMax);
                            return;
                        }
                        SslHandler handler = tls.newHandler(ch.alloc());
                        if (http2) {
                            // ALPN (RFC 7301): offer h2, fall back to HTTP/1.1.
                            SSLParameters parameters = handler.engine().getSSLParameters();
                            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
                            handler.engine().setSSLParameters(parameters);
                        }
                        ch.pipeline().addFirst("tls", handler);
                        ch.pipeline().addLast("select", new ProtocolSelector(listener, lineMax, headerMax));
                    });
        } catch (RuntimeException e) {
            workers.shutdownNow();
            throw e;
        }
        LOG.info("http listener {} on {} ({}{})", name, socket.address(), security, http2 ? ", HTTP/2" : "");
    }

    @Reference(service = HttpHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindHandler(HttpHandler handler, Map<String, Object> properties) {
        routes.add(handler, properties);
    }

    void updatedHandler(HttpHandler handler, Map<String, Object> properties) {
        routes.remove(handler);
        routes.add(handler, properties);
    }

    void unbindHandler(HttpHandler handler) {
        routes.remove(handler);
    }

    /** @return the routing table, for tests that run the server without a framework */
    Routes routes() {
        return routes;
    }

    @Deactivate
    void deactivate() {
        socket.close();
        workers.shutdown();
        LOG.info("http listener {} closed", name);
    }

    /** Whether Netty's HTTP/2 codec is installed (it is an optional import). */
    private static boolean http2Available() {
        try {
            Class.forName("io.netty.handler.codec.http2.Http2FrameCodecBuilder", false, HttpServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.info("http: HTTP/2 is off, netty-codec-http2 is not installed");
            return false;
        }
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
