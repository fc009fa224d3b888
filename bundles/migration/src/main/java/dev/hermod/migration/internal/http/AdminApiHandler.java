package dev.hermod.migration.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermod.api.http.HttpException;
import dev.hermod.api.http.HttpHandler;
import dev.hermod.api.http.HttpRequest;
import dev.hermod.api.http.HttpResponse;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.migration.MailMigration;
import dev.hermod.api.migration.ServerBackup;
import dev.hermod.api.outbound.OutboundQueue;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin HTTP API at {@code /admin/api}; see the package documentation. PID {@code admin.api}. */
@Component(service = HttpHandler.class, configurationPid = "admin.api", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {HttpHandler.PATH + "=/admin/api", HttpHandler.MAX_BODY_SIZE + ":Long=65536"})
@Designate(ocd = AdminApiHandler.Config.class)
public final class AdminApiHandler implements HttpHandler {

    @ObjectClassDefinition(name = "Hermod admin HTTP API")
    public @interface Config {
        @AttributeDefinition(description = "File holding the bearer token (mode 600); empty: no token, only the Karaf admin's password")
        String token_file() default "";

        @AttributeDefinition(description = "Environment variable holding the bearer token; empty: none")
        String token_env() default "";

        @AttributeDefinition(description = "JAAS realm that checks Basic credentials")
        String realm() default "karaf";

        @AttributeDefinition(description = "Role a Basic user must hold")
        String role() default "admin";
    }

    private static final Logger LOG = LoggerFactory.getLogger(AdminApiHandler.class);

    private final ObjectMapper json = new ObjectMapper();
    private final AdminAuth auth;
    private final Operations operations;
    private final ServerBackup backup;
    private volatile OutboundQueue queue;
    private final ExecutorService workers = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "hermod-admin-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    @Activate
    public AdminApiHandler(Config config, BundleContext context, @Reference MailMigration migration,
            @Reference ServerBackup backup) {
        this(new AdminAuth(token(config), new KarafJaas(config.realm(), config.role())), migration, backup);
    }

    AdminApiHandler(AdminAuth auth, MailMigration migration, ServerBackup backup) {
        this.auth = auth;
        this.backup = backup;
        this.operations = new Operations(migration, backup);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setQueue(OutboundQueue queue) {
        this.queue = queue;
    }

    void unsetQueue(OutboundQueue queue) {
        if (this.queue == queue) {
            this.queue = null;
        }
    }

    @Deactivate
    void deactivate() {
        workers.shutdown();
    }

    private static String token(Config config) {
        if (!config.token_env().isBlank() && System.getenv(config.token_env()) != null) {
            return System.getenv(config.token_env());
        }
        if (!config.token_file().isBlank()) {
            try {
                return Files.readString(Path.of(config.token_file()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                LOG.warn("admin.api: cannot read the token file {}: {}; only Basic credentials are accepted",
                        config.token_file(), e.getMessage());
            }
        }
        return null;
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws Exception {
        auth.check(request);
        String path = request.subPath().replaceAll("^/+|/+$", "");
        if (path.isEmpty()) {
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                throw HttpException.methodNotAllowed("GET");
            }
            return HttpResponse.ok().json(json.writeValueAsBytes(Operations.describe()));
        }
        if (path.equals("backup") && (request.method().equals("GET") || request.method().equals("HEAD"))) {
            return download();
        }
        if (path.equals("queue") || path.startsWith("queue/")) {
            return HttpResponse.ok().json(json.writeValueAsBytes(QueueApi.handle(queue, request.method(), path)));
        }
        if (!request.method().equals("POST")) {
            throw HttpException.methodNotAllowed("POST");
        }
        JsonNode body;
        try {
            body = request.body().length == 0 ? json.createObjectNode() : json.readTree(request.body());
        } catch (IOException e) {
            throw HttpException.badRequest("The request body is not JSON: " + e.getMessage());
        }
        if (!body.isObject()) {
            throw HttpException.badRequest("The request body must be a JSON object");
        }
        Operations.Bound operation = operations.bind(path, body);
        LOG.info("Admin API: {} by {}", path, request.remoteAddress());
        return HttpResponse.eventStream(stream -> workers.execute(() -> {
            try {
                Object report = operation.run(new EventProgress(stream, json));
                EventProgress.send(stream, json, "result", Reports.of(report));
            } catch (MailboxException | IllegalArgumentException | IllegalStateException e) {
                EventProgress.send(stream, json, "error", Map.of("kind", "invalid", "message", String.valueOf(e.getMessage())));
            } catch (TemporaryFailureException | UncheckedIOException | IOException e) {
                EventProgress.send(stream, json, "error", Map.of("kind", "temporary", "message", String.valueOf(e.getMessage())));
            } catch (Exception e) {
                LOG.warn("Admin API: {} failed", path, e);
                EventProgress.send(stream, json, "error", Map.of("kind", "temporary", "message", String.valueOf(e)));
            } finally {
                stream.close();
            }
        }));
    }

    /** The archive, written by a worker into a pipe while the server sends it. */
    private HttpResponse download() {
        return HttpResponse.ok().header("Content-Disposition", "attachment; filename=\"hermod-backup.zip\"")
                .body(() -> {
                    PipedInputStream in = new PipedInputStream(1 << 16);
                    PipedOutputStream out = new PipedOutputStream(in);
                    workers.execute(() -> {
                        try {
                            backup.backup(out, dev.hermod.api.admin.MigrationProgress.NONE);
                            out.close();
                        } catch (IOException | RuntimeException e) {
                            LOG.warn("Admin API: the backup download failed: {}", e.toString());
                            try {
                                in.close(); // the server's read fails and it resets the connection: no partial archive looks whole
                            } catch (IOException ignored) {
                                // closing a pipe does not fail
                            }
                        }
                    });
                    return in;
                }, -1, "application/zip");
    }
}
