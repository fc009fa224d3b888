package dev.hermod.jmap.internal;

import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.crypto.MessageSigner;
import dev.hermod.api.delivery.Delivery;
import dev.hermod.api.http.HttpHandler;
import dev.hermod.api.http.HttpRequest;
import dev.hermod.api.http.HttpResponse;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.api.outbound.OutboundQueue;
import dev.hermod.api.sieve.SieveChecker;
import dev.hermod.api.sieve.SieveScripts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

/**
 * JMAP on every HTTP listener, under {@code /jmap} and {@code /.well-known/jmap} (PID {@code jmap},
 * optional: the defaults below apply without {@code etc/jmap.cfg}).
 */
@Component(service = HttpHandler.class, configurationPid = JmapComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {HttpHandler.PATH + "=/jmap", HttpHandler.PATH + "=/.well-known/jmap",
                HttpHandler.MAX_BODY_SIZE + ":Long=52428800"})
@Designate(ocd = JmapComponent.Config.class)
public final class JmapComponent implements HttpHandler {

    static final String PID = "jmap";

    @ObjectClassDefinition(name = "Hermod JMAP")
    public @interface Config {
        @AttributeDefinition(description = "Largest upload in octets (maxSizeUpload). Keep hermod.http.maxBodySize at least this.")
        long maxSizeUpload() default 50L * 1024 * 1024;

        @AttributeDefinition(description = "Uploads one account may run at once (maxConcurrentUpload).")
        int maxConcurrentUpload() default 4;

        @AttributeDefinition(description = "Largest API request in octets (maxSizeRequest).")
        long maxSizeRequest() default 10L * 1024 * 1024;

        @AttributeDefinition(description = "API requests one account may run at once (maxConcurrentRequests).")
        int maxConcurrentRequests() default 8;

        @AttributeDefinition(description = "Method calls in one request (maxCallsInRequest).")
        int maxCallsInRequest() default 32;

        @AttributeDefinition(description = "Objects in one get (maxObjectsInGet).")
        int maxObjectsInGet() default 500;

        @AttributeDefinition(description = "Objects in one set (maxObjectsInSet).")
        int maxObjectsInSet() default 500;

        @AttributeDefinition(description = "Folder for uploads; empty for data/jmap-uploads under the runtime.")
        String upload_folder() default "";

        @AttributeDefinition(description = "Hours an upload is kept (RFC 8620 asks for at least 1).")
        int upload_expiry_hours() default 24;

        @AttributeDefinition(description = "File holding the key of the bearer tokens from /jmap/token (or set the"
                + " environment variable HERMOD_JMAP_TOKEN_SECRET); without either a random key is made at start, so"
                + " tokens end with a restart and are not shared between nodes.")
        String token_secret_file() default "";

        @AttributeDefinition(description = "Hours a bearer token is valid.")
        int token_hours() default 24;

        @AttributeDefinition(description = "The origin clients reach JMAP at, e.g. https://mail.example.org, for the"
                + " session's URLs behind a reverse proxy; empty to take it from each request's Host.")
        String public_url() default "";

        @AttributeDefinition(description = "Seconds a successful Basic login is reused without asking the directory"
                + " again (0: every request asks).")
        int login_cache_seconds() default 60;
    }

    private volatile OutboundQueue outbound;
    private volatile MessageSigner signer;
    private volatile Delivery delivery;
    private volatile SieveScripts scripts;
    private volatile SieveChecker checker;
    private final ScheduledExecutorService timer;
    private final JmapHandler handler;
    private final PushSubscriptions pushes;

    @Activate
    public JmapComponent(Config config, @Reference MailStore store, @Reference Authenticator authenticator) {
        Limits limits = new Limits(config.maxSizeUpload(), Math.max(1, config.maxConcurrentUpload()),
                config.maxSizeRequest(), Math.max(1, config.maxConcurrentRequests()),
                Math.max(1, config.maxCallsInRequest()), Math.max(1, config.maxObjectsInGet()),
                Math.max(1, config.maxObjectsInSet()));
        Path folder = config.upload_folder().isBlank()
                ? Path.of(System.getProperty("karaf.data", System.getProperty("java.io.tmpdir")), "jmap-uploads")
                : Path.of(config.upload_folder());
        Uploads uploads = new Uploads(folder, Duration.ofHours(Math.max(1, config.upload_expiry_hours())));
        pushes = new PushSubscriptions();
        Jmap jmap = new Jmap(store, authenticator, () -> outbound, () -> signer, () -> delivery, () -> scripts, () -> checker, limits,
                new Blobs(uploads), new BearerTokens(secret(config), Duration.ofHours(Math.max(1, config.token_hours())),
                Clock.systemUTC()), new QueryCache(2000), Jmap.standardMethods(), pushes);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hermod-jmap-ping");
            t.setDaemon(true);
            return t;
        });
        handler = new JmapHandler(jmap, new Push(timer), Duration.ofSeconds(Math.max(0, config.login_cache_seconds())),
                config.public_url().trim());
    }

    /** The token key: from the file named in the configuration, else the environment, else none (random). */
    private static String secret(Config config) {
        if (!config.token_secret_file().isBlank()) {
            try {
                return java.nio.file.Files.readString(Path.of(config.token_secret_file())).strip();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("jmap: cannot read token.secret.file " + config.token_secret_file()
                        + " (" + e.getMessage() + ")", e);
            }
        }
        String env = System.getenv("HERMOD_JMAP_TOKEN_SECRET");
        return env == null ? "" : env.strip();
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws Exception {
        return handler.handle(request);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        pushes.close();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setOutbound(OutboundQueue queue) {
        outbound = queue;
    }

    void unsetOutbound(OutboundQueue queue) {
        if (outbound == queue) {
            outbound = null;
        }
    }

    /** The DKIM signer of mail sent to other servers, as for SMTP submission. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setSigner(MessageSigner s) {
        signer = s;
    }

    void unsetSigner(MessageSigner s) {
        if (signer == s) {
            signer = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setDelivery(Delivery d) {
        delivery = d;
    }

    void unsetDelivery(Delivery d) {
        if (delivery == d) {
            delivery = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setScripts(SieveScripts s) {
        scripts = s;
    }

    void unsetScripts(SieveScripts s) {
        if (scripts == s) {
            scripts = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setChecker(SieveChecker c) {
        checker = c;
    }

    void unsetChecker(SieveChecker c) {
        if (checker == c) {
            checker = null;
        }
    }
}
