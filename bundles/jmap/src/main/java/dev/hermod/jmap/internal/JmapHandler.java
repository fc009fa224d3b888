package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.auth.AuthStep;
import dev.hermod.api.auth.ClientInfo;
import dev.hermod.api.http.BasicCredentials;
import dev.hermod.api.http.HttpException;
import dev.hermod.api.http.HttpHandler;
import dev.hermod.api.http.HttpRequest;
import dev.hermod.api.http.HttpResponse;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.mailbox.MailAccount;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The JMAP resources under {@code /jmap} and {@code /.well-known/jmap}: session, API, upload, download,
 * event source, WebSocket and token. Every resource but the well-known redirect needs Basic or Bearer
 * authentication.
 */
final class JmapHandler implements HttpHandler {

    static final String REALM = "Basic realm=\"Hermod JMAP\", charset=\"UTF-8\"";

    private final Jmap jmap;
    private final ApiEndpoint api;
    private final Push push;
    private final Duration loginCache;
    private final String publicUrl;
    private final Map<String, CachedLogin> logins = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> requests = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> uploads = new ConcurrentHashMap<>();

    private record CachedLogin(User user, Instant until) {
    }

    /**
     * @param publicUrl the origin clients reach the server at (behind a proxy), or empty to take it from
     *        each request's Host
     */
    JmapHandler(Jmap jmap, Push push, Duration loginCache, String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.jmap = jmap;
        this.api = new ApiEndpoint(jmap);
        this.push = push;
        this.loginCache = loginCache;
    }

    ApiEndpoint api() {
        return api;
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws Exception {
        String path = request.path();
        if (request.method().equals("OPTIONS")) {
            return cors(HttpResponse.noContent().header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                    .header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept")
                    .header("Access-Control-Max-Age", "3600"));
        }
        User user = authenticate(request);
        MailAccount account;
        try {
            account = jmap.store().account(user.name());
        } catch (TemporaryFailureException e) {
            throw new HttpException(503, "Storage is unavailable; try again shortly.", Map.of("Retry-After", "5"));
        }
        // After a restart, the user's verified push subscriptions (RFC 8620 §7.2) start again here.
        try {
            jmap.pushes().resume(user.name(), account);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(JmapHandler.class).warn("jmap: cannot resume the push subscriptions of {}",
                    user.name(), e);
        }
        String base = publicUrl.isEmpty() ? request.baseUri().toString() : publicUrl;
        if (path.equals("/.well-known/jmap") || path.equals("/jmap/session") || path.equals("/jmap")) {
            requireMethod(request, "GET");
            return cors(json(200, SessionResource.build(jmap, user, account, base))
                    .header("Cache-Control", "no-cache, no-store"));
        }
        if (path.equals("/jmap/api") || path.equals("/jmap/api/")) {
            requireMethod(request, "POST");
            return cors(api(request, user, account));
        }
        if (path.startsWith("/jmap/upload/")) {
            requireMethod(request, "POST");
            return cors(upload(request, account, path.substring("/jmap/upload/".length())));
        }
        if (path.startsWith("/jmap/download/")) {
            requireMethod(request, "GET");
            return cors(download(request, account, path.substring("/jmap/download/".length())));
        }
        if (path.equals("/jmap/eventsource") || path.equals("/jmap/eventsource/")) {
            requireMethod(request, "GET");
            return push.eventSource(request, account);
        }
        if (path.equals("/jmap/ws")) {
            if (!request.isWebSocketUpgrade() || !request.webSocketProtocols().contains("jmap")) {
                throw HttpException.badRequest("Open a WebSocket with the subprotocol jmap here (RFC 8887).");
            }
            return HttpResponse.webSocket("jmap", push.webSocket(api, user, account));
        }
        if (path.equals("/jmap/token")) {
            requireMethod(request, "POST");
            if (request.basicCredentials().isEmpty()) {
                throw HttpException.forbidden("Log in with Basic authentication to get a token.");
            }
            ObjectNode token = Json.object().put("access_token", jmap.tokens().issue(user)).put("token_type", "Bearer")
                    .put("expires_in", jmap.tokens().lifetime().toSeconds());
            return json(200, token).header("Cache-Control", "no-store");
        }
        throw HttpException.notFound("No JMAP resource at " + path + "; the session is at /.well-known/jmap.");
    }

    private static void requireMethod(HttpRequest request, String method) {
        if (!request.method().equals(method) && !(method.equals("GET") && request.method().equals("HEAD"))) {
            throw HttpException.methodNotAllowed(method);
        }
    }

    private User authenticate(HttpRequest request) {
        if (request.bearerToken().isPresent()) {
            return jmap.tokens().verify(request.bearerToken().get()).orElseThrow(() ->
                    HttpException.unauthorized("Bearer error=\"invalid_token\"", "The token is not valid or has expired."));
        }
        BasicCredentials credentials = request.basicCredentials().orElseThrow(() ->
                HttpException.unauthorized(REALM, "Log in with Basic (account and password) or a Bearer token."));
        String key = digest(credentials.username() + "\0" + credentials.password());
        CachedLogin cached = logins.get(key);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return cached.user();
        }
        AuthStep step = jmap.authenticator().login(credentials.username(), credentials.password(),
                new ClientInfo(request.remoteAddress().getAddress(), "jmap", request.secure()));
        if (step instanceof AuthStep.Success success) {
            User user = new User(success.principal().name(),
                    success.principal().emails().stream().map(Address::toString).toList());
            if (!loginCache.isZero()) {
                logins.put(key, new CachedLogin(user, Instant.now().plus(loginCache)));
            }
            return user;
        }
        AuthStep.Failure failure = (AuthStep.Failure) step;
        if (failure.reason() == AuthStep.Reason.TEMPORARY_FAILURE || failure.reason() == AuthStep.Reason.TOO_MANY_FAILURES) {
            throw new HttpException(503, failure.message(), Map.of("Retry-After", "30"));
        }
        if (failure.reason() == AuthStep.Reason.ENCRYPTION_REQUIRED) {
            throw HttpException.forbidden("Log in over HTTPS: " + failure.message());
        }
        throw HttpException.unauthorized(REALM, failure.message());
    }

    private HttpResponse api(HttpRequest request, User user, MailAccount account) {
        if (request.body().length > jmap.limits().maxSizeRequest()) {
            return problem(new ApiEndpoint.RequestError("urn:ietf:params:jmap:error:limit", "The request is larger than "
                    + jmap.limits().maxSizeRequest() + " octets.", "maxSizeRequest"));
        }
        Semaphore running = requests.computeIfAbsent(account.name(), k -> new Semaphore(jmap.limits().maxConcurrentRequests()));
        if (!running.tryAcquire()) {
            return problem(new ApiEndpoint.RequestError("urn:ietf:params:jmap:error:limit",
                    "Too many requests at once for this account.", "maxConcurrentRequests"));
        }
        try {
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(request.body());
            } catch (IOException e) {
                body = null;
            }
            if (body == null || body.isMissingNode()) {
                return problem(new ApiEndpoint.RequestError("urn:ietf:params:jmap:error:notJSON",
                        "The body is not JSON (RFC 8259), or its content type is not application/json.", null));
            }
            try {
                return json(200, api.run(user, account, body, request.remoteAddress(), request.secure()));
            } catch (ApiEndpoint.RequestError e) {
                return problem(e);
            }
        } finally {
            running.release();
        }
    }

    private HttpResponse upload(HttpRequest request, MailAccount account, String rest) {
        String accountId = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        if (!accountId.equals(account.id().toString())) {
            throw HttpException.notFound("No such account: " + accountId);
        }
        if (request.body().length > jmap.limits().maxSizeUpload()) {
            throw HttpException.tooLarge(jmap.limits().maxSizeUpload());
        }
        Semaphore running = uploads.computeIfAbsent(account.name(), k -> new Semaphore(jmap.limits().maxConcurrentUpload()));
        if (!running.tryAcquire()) {
            return problem(new ApiEndpoint.RequestError("urn:ietf:params:jmap:error:limit",
                    "Too many uploads at once for this account.", "maxConcurrentUpload"));
        }
        try {
            String blobId = jmap.blobs().uploads().put(accountId, request.body());
            String type = request.header("Content-Type").orElse("application/octet-stream");
            ObjectNode out = Json.object().put("accountId", accountId).put("blobId", blobId).put("type", type)
                    .put("size", request.body().length);
            return json(201, out);
        } finally {
            running.release();
        }
    }

    private HttpResponse download(HttpRequest request, MailAccount account, String rest) {
        String[] parts = rest.split("/", 3);
        if (parts.length < 3 || !parts[0].equals(account.id().toString())) {
            throw HttpException.notFound("No such account or blob.");
        }
        String blobId = parts[1];
        String name = parts[2];
        InputStream in = jmap.blobs().open(account, blobId);
        if (in == null) {
            throw HttpException.notFound("No blob " + blobId + " in this account.");
        }
        byte[] content;
        try (in) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new HttpException(503, "The blob cannot be read now; try again shortly.");
        }
        String type = request.queryParameter("type").filter(t -> !t.isBlank() && !t.contains("\n"))
                .orElse("application/octet-stream");
        String filename = URLDecoder.decode(name, StandardCharsets.UTF_8).replaceAll("[\\r\\n\"]", "_");
        return HttpResponse.ok().body(content, type)
                .header("Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^\\x20-\\x7e]", "_")
                        + "\"; filename*=UTF-8''" + java.net.URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Cache-Control", "private, immutable, max-age=31536000")
                // The type comes from the client's URL: never let a browser run a downloaded blob as a page here.
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "sandbox");
    }

    static HttpResponse json(int status, JsonNode node) {
        return HttpResponse.status(status).json(Json.bytes(node));
    }

    private static HttpResponse problem(ApiEndpoint.RequestError error) {
        return HttpResponse.status(400).body(Json.bytes(error.toJson()), "application/problem+json");
    }

    private static HttpResponse cors(HttpResponse response) {
        return response.header("Access-Control-Allow-Origin", "*");
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
