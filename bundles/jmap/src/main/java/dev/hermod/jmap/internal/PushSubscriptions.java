package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mailbox.MailAccount;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PushSubscription/get and /set (RFC 8620 §7.2): StateChange objects POSTed to a URL the client gives.
 *
 * <p>A new subscription is sent a PushVerification (§7.2.2) at once; nothing else is sent until the client
 * sets the matching {@code verificationCode}. A verified, unexpired subscription follows the account's change
 * notifications ({@code MailAccount.subscribe}) and POSTs a StateChange (§7.1) filtered by its {@code types},
 * at most one per {@value #MIN_INTERVAL_MS} ms (a burst of changes gives one POST with the latest state). An
 * answer of 410 Gone destroys the subscription; after {@value #MAX_FAILURES} failed deliveries in a row
 * (other error statuses, timeouts) delivery stops until the client updates the subscription.
 *
 * <p>The URL must be {@code https:}; {@code http:} is accepted only for a loopback host (a push service on
 * the same machine). Message encryption (RFC 8291, the {@code keys} property) is not implemented: a
 * subscription with {@code keys} is refused. {@code expires} is capped at {@value #MAX_DAYS} days.
 *
 * <p>Subscriptions are kept per user as JSON in the account setting {@value #SETTING}; the server's
 * verification code is kept there too. The listeners live in memory: after a restart they are registered
 * again when the user's next JMAP request is authenticated ({@link #resume}).
 */
final class PushSubscriptions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PushSubscriptions.class);
    static final String SETTING = "jmap.pushSubscriptions";
    static final int MAX_DAYS = 7;
    static final long MIN_INTERVAL_MS = 1000;
    static final int MAX_FAILURES = 5;
    static final int MAX_PER_USER = 50;
    private static final Set<String> IMMUTABLE = Set.of("id", "deviceClientId", "url", "keys");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http;
    private final ScheduledExecutorService timer;
    /** Live subscriptions by user, then by id; a user is present once its stored subscriptions are resumed. */
    private final Map<String, Map<String, Live>> users = new ConcurrentHashMap<>();

    PushSubscriptions() {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hermod-jmap-push-url");
            t.setDaemon(true);
            return t;
        });
    }

    /** One subscription in memory: its stored JSON and delivery state. Guarded by the user's map. */
    private final class Live {
        final String user;
        final String id;
        final MailAccount account;
        ObjectNode data;
        AutoCloseable listener;
        ScheduledFuture<?> pending;
        ScheduledFuture<?> expiry;
        long latest = -1;
        long lastSent;
        int failures;
        /** Delivery stopped after repeated failures, until the client updates the subscription. */
        boolean stopped;

        Live(String user, String id, MailAccount account, ObjectNode data) {
            this.user = user;
            this.id = id;
            this.account = account;
            this.data = data;
        }

        boolean verified() {
            return data.path("verified").asBoolean(false);
        }

        Instant expires() {
            return Instant.parse(data.get("expires").asText());
        }
    }

    // --- lifecycle ---

    /** Registers the stored subscriptions' listeners of a user, once (after a restart: on the first request). */
    void resume(String user, MailAccount account) {
        if (!users.containsKey(user)) {
            live(user, account);
        }
    }

    /**
     * The user's subscriptions, brought in line with the stored ones first: a subscription created, verified
     * or destroyed through another node sharing the store shows here too.
     */
    private Map<String, Live> live(String user, MailAccount account) {
        Map<String, Live> map = users.computeIfAbsent(user, u -> new HashMap<>());
        synchronized (map) {
            ObjectNode stored = load(account);
            for (var it = map.values().iterator(); it.hasNext(); ) {
                Live l = it.next();
                if (!stored.has(l.id)) {
                    stop(l);
                    it.remove();
                }
            }
            boolean changed = false;
            for (var it = stored.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!(e.getValue() instanceof ObjectNode data) || !data.path("expires").isTextual()) {
                    it.remove();
                    changed = true;
                    continue;
                }
                Live l = map.get(e.getKey());
                if (l == null) {
                    l = new Live(user, e.getKey(), account, data);
                    map.put(l.id, l);
                } else if (!l.data.equals(data)) {
                    l.data = data;
                    l.stopped = false;
                }
                if (!l.expires().isAfter(Instant.now())) {
                    stop(l);
                    map.remove(l.id);
                    it.remove();
                    changed = true;
                    continue;
                }
                if (!l.stopped) {
                    start(l);
                } else if (l.expiry == null) {
                    scheduleExpiry(l);
                }
            }
            if (changed) {
                save(account, map);
            }
        }
        return map;
    }

    @Override
    public void close() {
        for (Map<String, Live> map : users.values()) {
            synchronized (map) {
                map.values().forEach(this::stop);
            }
        }
        timer.shutdownNow();
    }

    // --- storage ---

    private static ObjectNode load(MailAccount account) {
        return account.setting(SETTING).map(bytes -> {
            try {
                JsonNode node = Json.MAPPER.readTree(bytes);
                return node instanceof ObjectNode o ? o : Json.object();
            } catch (IOException e) {
                LOG.warn("jmap: setting {} of {} is not JSON; push subscriptions dropped", SETTING, account.name());
                return Json.object();
            }
        }).orElseGet(Json::object);
    }

    private static void save(MailAccount account, Map<String, Live> map) {
        ObjectNode all = Json.object();
        map.values().forEach(l -> all.set(l.id, l.data));
        account.putSetting(SETTING, all.isEmpty() ? null : Json.bytes(all));
    }

    // --- methods ---

    static void register(Methods m) {
        m.add("PushSubscription/get", Capabilities.CORE, (call, args) -> call.jmap.pushes().get(call, args));
        m.add("PushSubscription/set", Capabilities.CORE, (call, args) -> call.jmap.pushes().set(call, args));
    }

    /** §7.2.1: no accountId, no state; url and keys are never returned. */
    ObjectNode get(Call call, ObjectNode args) throws MethodException {
        List<String> ids = Standard.ids(call, args);
        List<String> properties = Json.stringList(args, "properties");
        Map<String, Live> map = live(call.user.name(), call.account);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("list");
        ArrayNode notFound = out.putArray("notFound");
        synchronized (map) {
            List<String> wanted = ids == null ? new ArrayList<>(map.keySet()) : ids;
            for (String id : wanted) {
                Live l = map.get(id);
                if (l == null) {
                    notFound.add(id);
                    continue;
                }
                ObjectNode shown = Json.object().put("id", l.id);
                shown.set("deviceClientId", l.data.get("deviceClientId"));
                shown.set("verificationCode", l.data.path("verificationCode").isTextual()
                        ? l.data.get("verificationCode") : Json.MAPPER.nullNode());
                shown.set("expires", l.data.get("expires"));
                shown.set("types", l.data.path("types").isArray() ? l.data.get("types") : Json.MAPPER.nullNode());
                if (properties != null) {
                    ObjectNode some = Json.object().put("id", l.id);
                    shown.fields().forEachRemaining(f -> {
                        if (properties.contains(f.getKey())) {
                            some.set(f.getKey(), f.getValue());
                        }
                    });
                    shown = some;
                }
                list.add(shown);
            }
        }
        return out;
    }

    /** §7.2.2: no accountId, no ifInState, no states. */
    ObjectNode set(Call call, ObjectNode args) throws MethodException {
        int count = args.path("create").size() + args.path("update").size() + args.path("destroy").size();
        if (count > call.jmap.limits().maxObjectsInSet()) {
            throw MethodException.requestTooLarge("At most " + call.jmap.limits().maxObjectsInSet() + " objects per set.");
        }
        Map<String, Live> map = live(call.user.name(), call.account);
        ObjectNode created = Json.object();
        ObjectNode notCreated = Json.object();
        ObjectNode updated = Json.object();
        ObjectNode notUpdated = Json.object();
        ArrayNode destroyed = Json.array();
        ObjectNode notDestroyed = Json.object();
        List<Live> toVerify = new ArrayList<>();
        synchronized (map) {
            for (var it = args.path("create").fields(); it.hasNext(); ) {
                var e = it.next();
                try {
                    if (map.size() >= MAX_PER_USER) {
                        throw SetError.forbidden("At most " + MAX_PER_USER + " push subscriptions per user.");
                    }
                    Live l = create(call, e.getValue());
                    map.put(l.id, l);
                    call.createdIds.put(e.getKey(), l.id);
                    created.set(e.getKey(), Json.object().put("id", l.id).set("expires", l.data.get("expires")));
                    toVerify.add(l);
                } catch (SetError error) {
                    notCreated.set(e.getKey(), error.toJson());
                }
            }
            for (var it = args.path("update").fields(); it.hasNext(); ) {
                var e = it.next();
                String id = call.resolve(e.getKey());
                Live l = map.get(id);
                try {
                    if (l == null) {
                        throw SetError.notFound();
                    }
                    if (!e.getValue().isObject()) {
                        throw SetError.invalidProperties("The patch must be an object.");
                    }
                    ObjectNode changed = update(l, (ObjectNode) e.getValue());
                    updated.set(id, changed.isEmpty() ? Json.MAPPER.nullNode() : changed);
                } catch (SetError error) {
                    notUpdated.set(id, error.toJson());
                }
            }
            for (JsonNode idNode : args.path("destroy")) {
                String id = call.resolve(idNode.asText());
                Live l = map.remove(id);
                if (l == null) {
                    notDestroyed.set(id, SetError.notFound().toJson());
                } else {
                    stop(l);
                    destroyed.add(id);
                }
            }
            if (!created.isEmpty() || !updated.isEmpty() || !destroyed.isEmpty()) {
                save(call.account, map);
            }
        }
        toVerify.forEach(this::sendVerification);
        ObjectNode out = Json.object();
        out.set("created", created);
        out.set("updated", updated);
        out.set("destroyed", destroyed);
        out.set("notCreated", notCreated);
        out.set("notUpdated", notUpdated);
        out.set("notDestroyed", notDestroyed);
        return out;
    }

    private Live create(Call call, JsonNode o) throws SetError {
        if (!o.isObject()) {
            throw SetError.invalidProperties("A PushSubscription is an object.");
        }
        for (var it = o.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!Set.of("deviceClientId", "url", "keys", "verificationCode", "expires", "types").contains(name)) {
                throw SetError.invalidProperties("Unknown or server-set property " + name + ".", name);
            }
        }
        if (!o.path("deviceClientId").isTextual() || o.get("deviceClientId").asText().isEmpty()) {
            throw SetError.invalidProperties("deviceClientId is required.", "deviceClientId");
        }
        if (!o.path("url").isTextual()) {
            throw SetError.invalidProperties("url is required.", "url");
        }
        checkUrl(o.get("url").asText());
        if (o.has("keys") && !o.get("keys").isNull()) {
            throw SetError.invalidProperties("Push message encryption (RFC 8291, keys) is not supported by this"
                    + " server; create the subscription without keys.", "keys");
        }
        if (o.has("verificationCode") && !o.get("verificationCode").isNull()) {
            throw SetError.invalidProperties("verificationCode is set after the PushVerification arrives.",
                    "verificationCode");
        }
        ObjectNode data = Json.object();
        data.put("deviceClientId", o.get("deviceClientId").asText());
        data.put("url", o.get("url").asText());
        data.put("expires", expires(o.get("expires")).toString());
        data.set("types", types(o.get("types")));
        data.putNull("verificationCode");
        data.put("code", random(16));
        data.put("verified", false);
        Live l = new Live(call.user.name(), "P" + random(12), call.account, data);
        scheduleExpiry(l);
        return l;
    }

    private ObjectNode update(Live l, ObjectNode patch) throws SetError {
        ObjectNode changed = Json.object();
        ObjectNode next = l.data.deepCopy();
        boolean verifiedNow = false;
        for (var it = patch.fields(); it.hasNext(); ) {
            var f = it.next();
            switch (f.getKey()) {
                case "verificationCode" -> {
                    String code = f.getValue().isTextual() ? f.getValue().asText() : null;
                    if (code == null || !code.equals(next.path("code").asText())) {
                        throw SetError.invalidProperties("The verificationCode does not match the one sent"
                                + " in the PushVerification.", "verificationCode");
                    }
                    next.put("verificationCode", code);
                    verifiedNow = !next.path("verified").asBoolean();
                    next.put("verified", true);
                }
                case "expires" -> {
                    Instant asked = f.getValue().isNull() ? null : parse(f.getValue());
                    Instant capped = expires(f.getValue());
                    next.put("expires", capped.toString());
                    if (asked == null || !asked.equals(capped)) {
                        changed.put("expires", capped.toString());
                    }
                }
                case "types" -> next.set("types", types(f.getValue()));
                default -> throw SetError.invalidProperties(IMMUTABLE.contains(f.getKey())
                        ? f.getKey() + " cannot be changed." : "Unknown property " + f.getKey() + ".", f.getKey());
            }
        }
        l.data = next;
        l.failures = 0;
        l.stopped = false;
        scheduleExpiry(l);
        if (verifiedNow || l.listener == null) {
            start(l);
        }
        return changed;
    }

    /** https only; http for a loopback host, so that a push service on this machine can be used (and tested). */
    static void checkUrl(String text) throws SetError {
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw SetError.invalidProperties("url is not a URL.", "url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw SetError.invalidProperties("url must be an https: URL.", "url");
        }
        if (scheme.equals("http") && !loopback(host)) {
            throw SetError.invalidProperties("url must be https: (http: only for a loopback host).", "url");
        }
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only IP literals: a name is not resolved here.
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static Instant parse(JsonNode value) throws SetError {
        try {
            return Instant.parse(value.asText());
        } catch (RuntimeException e) {
            throw SetError.invalidProperties("expires is a UTCDate.", "expires");
        }
    }

    /** The expiry asked for, capped at {@value #MAX_DAYS} days from now; null or absent means the cap. */
    private static Instant expires(JsonNode value) throws SetError {
        Instant max = Instant.now().plus(Duration.ofDays(MAX_DAYS)).truncatedTo(ChronoUnit.SECONDS);
        if (value == null || value.isNull()) {
            return max;
        }
        if (!value.isTextual()) {
            throw SetError.invalidProperties("expires is a UTCDate.", "expires");
        }
        Instant asked = parse(value);
        if (!asked.isAfter(Instant.now())) {
            throw SetError.invalidProperties("expires is in the past.", "expires");
        }
        return asked.isAfter(max) ? max : asked;
    }

    private static JsonNode types(JsonNode value) throws SetError {
        if (value == null || value.isNull()) {
            return Json.MAPPER.nullNode();
        }
        if (!value.isArray()) {
            throw SetError.invalidProperties("types is null or a list of type names.", "types");
        }
        for (JsonNode t : value) {
            if (!t.isTextual()) {
                throw SetError.invalidProperties("types is null or a list of type names.", "types");
            }
        }
        return value.deepCopy();
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // --- delivery ---

    private Map<String, Live> mapOf(Live l) {
        return users.getOrDefault(l.user, Map.of());
    }

    /** Starts following the account's changes, once the subscription is verified and while unexpired. */
    private void start(Live l) {
        if (l.expiry == null) {
            scheduleExpiry(l);
        }
        if (!l.verified() || l.listener != null) {
            return;
        }
        Map<String, Live> map = mapOf(l);
        l.latest = l.account.state();
        l.listener = l.account.subscribe(state -> {
            synchronized (map) {
                if (map.get(l.id) != l || state <= l.latest) {
                    return;
                }
                l.latest = state;
                if (l.pending == null) {
                    long wait = Math.max(0, l.lastSent + MIN_INTERVAL_MS - System.currentTimeMillis());
                    l.pending = timer.schedule(() -> deliver(l), wait, TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    /** Stops delivery (the subscription stays as stored). Called with the user's map locked. */
    private void stop(Live l) {
        if (l.listener != null) {
            try {
                l.listener.close();
            } catch (Exception e) {
                LOG.debug("jmap: closing a push subscription's listener failed", e);
            }
            l.listener = null;
        }
        if (l.pending != null) {
            l.pending.cancel(false);
            l.pending = null;
        }
        if (l.expiry != null) {
            l.expiry.cancel(false);
            l.expiry = null;
        }
    }

    private void scheduleExpiry(Live l) {
        if (l.expiry != null) {
            l.expiry.cancel(false);
        }
        long delay = Math.max(0, Duration.between(Instant.now(), l.expires()).toMillis());
        l.expiry = timer.schedule(() -> drop(l, "expired"), delay, TimeUnit.MILLISECONDS);
    }

    /** Destroys a subscription from the server's side: expired, or the push service answered 410 Gone. */
    private void drop(Live l, String why) {
        Map<String, Live> map = mapOf(l);
        synchronized (map) {
            if (map.get(l.id) != l) {
                return;
            }
            if (why.equals("expired") && l.expires().isAfter(Instant.now())) {
                scheduleExpiry(l);
                return;
            }
            map.remove(l.id);
            stop(l);
            try {
                ObjectNode stored = load(l.account);
                if (stored.remove(l.id) != null) {
                    l.account.putSetting(SETTING, stored.isEmpty() ? null : Json.bytes(stored));
                }
            } catch (RuntimeException e) {
                LOG.warn("jmap: cannot save the push subscriptions of {}", l.user, e);
            }
        }
        LOG.info("jmap: push subscription {} of {} removed ({})", l.id, l.user, why);
    }

    private void deliver(Live l) {
        ObjectNode change;
        String url;
        Map<String, Live> map = mapOf(l);
        synchronized (map) {
            l.pending = null;
            if (map.get(l.id) != l || l.listener == null) {
                return;
            }
            if (!l.expires().isAfter(Instant.now())) {
                timer.execute(() -> drop(l, "expired"));
                return;
            }
            l.lastSent = System.currentTimeMillis();
            Set<String> types = null;
            if (l.data.path("types").isArray()) {
                types = new LinkedHashSet<>();
                for (JsonNode t : l.data.get("types")) {
                    types.add(t.asText());
                }
            }
            change = Push.stateChange(l.account, l.latest, types);
            if (change.path("changed").path(l.account.id().toString()).isEmpty()) {
                return;
            }
            url = l.data.get("url").asText();
        }
        post(url, change).whenComplete((response, error) -> delivered(l, response, error));
    }

    private void delivered(Live l, HttpResponse<Void> response, Throwable error) {
        int status = response == null ? 0 : response.statusCode();
        if (status == 410) {
            drop(l, "410 Gone from the push service");
            return;
        }
        Map<String, Live> map = mapOf(l);
        synchronized (map) {
            if (status >= 200 && status < 300) {
                l.failures = 0;
                return;
            }
            l.failures++;
            LOG.debug("jmap: push to subscription {} of {} failed: {}", l.id, l.user,
                    error != null ? error.toString() : "status " + status);
            if (l.failures >= MAX_FAILURES && map.get(l.id) == l) {
                LOG.info("jmap: push subscription {} of {} stopped after {} failed deliveries", l.id, l.user, l.failures);
                l.stopped = true;
                if (l.listener != null) {
                    try {
                        l.listener.close();
                    } catch (Exception e) {
                        LOG.debug("jmap: closing a push subscription's listener failed", e);
                    }
                    l.listener = null;
                }
            }
        }
    }

    /** §7.2.2: the PushVerification, sent once when the subscription is created. */
    private void sendVerification(Live l) {
        ObjectNode verification = Json.object().put("@type", "PushVerification").put("pushSubscriptionId", l.id)
                .put("verificationCode", l.data.get("code").asText());
        post(l.data.get("url").asText(), verification).whenComplete((response, error) -> {
            if (response != null && response.statusCode() == 410) {
                drop(l, "410 Gone from the push service");
            } else if (error != null || response.statusCode() / 100 != 2) {
                LOG.debug("jmap: PushVerification for {} of {} failed: {}", l.id, l.user,
                        error != null ? error.toString() : "status " + response.statusCode());
            }
        });
    }

    private java.util.concurrent.CompletableFuture<HttpResponse<Void>> post(String url, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("TTL", "86400")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }
}
