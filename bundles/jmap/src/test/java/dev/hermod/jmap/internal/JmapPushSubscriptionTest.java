package dev.hermod.jmap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.hermod.http.internal.HttpTestServers;
import dev.hermod.testing.Components;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PushSubscription (RFC 8620 §7.2) against a real push endpoint: a JDK HTTP server on 127.0.0.1. */
class JmapPushSubscriptionTest extends JmapTestSupport {

    /** One POST the endpoint received. */
    record Received(String contentType, String ttl, JsonNode body) {
    }

    HttpServer endpoint;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final AtomicInteger answer = new AtomicInteger(201);

    @BeforeEach
    void startEndpoint() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/push", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("TTL"), Json.MAPPER.readTree(body)));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/push";
    }

    JsonNode call(String method, String args) throws Exception {
        JsonNode r = api("alice", "[[\"" + method + "\"," + args + ",\"c\"]]").get("methodResponses").get(0);
        assertEquals(method, r.get(0).asText(), r.toString());
        return r.get(1);
    }

    JsonNode create(String extra) throws Exception {
        JsonNode set = call("PushSubscription/set", "{\"create\":{\"k\":{\"deviceClientId\":\"phone\",\"url\":\"" + url()
                + "\"" + extra + "}}}");
        assertNotNull(set.path("created").get("k"), set.toString());
        return set.get("created").get("k");
    }

    Received next(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Creates and verifies a subscription; returns its id. */
    String subscribe(String extra) throws Exception {
        String id = create(extra).get("id").asText();
        Received verification = next(2000);
        assertNotNull(verification, "no PushVerification");
        String code = verification.body().get("verificationCode").asText();
        JsonNode set = call("PushSubscription/set", "{\"update\":{\"" + id + "\":{\"verificationCode\":\"" + code + "\"}}}");
        assertTrue(set.path("updated").has(id), set.toString());
        return id;
    }

    @Test
    void verificationThenStateChangesUntilDestroyed() throws Exception {
        JsonNode created = create("");
        String id = created.get("id").asText();
        Instant expires = Instant.parse(created.get("expires").asText());
        assertTrue(expires.isAfter(Instant.now().plus(Duration.ofDays(6))) && !expires.isAfter(Instant.now().plus(Duration.ofDays(7))));

        Received verification = next(2000);
        assertNotNull(verification, "no PushVerification");
        assertEquals("PushVerification", verification.body().get("@type").asText());
        assertEquals(id, verification.body().get("pushSubscriptionId").asText());
        assertTrue(verification.contentType().startsWith("application/json"));
        assertEquals("86400", verification.ttl());
        String code = verification.body().get("verificationCode").asText();

        // §7.2: url and keys are never returned.
        JsonNode get = call("PushSubscription/get", "{}");
        assertFalse(get.has("accountId"));
        assertFalse(get.has("state"));
        JsonNode sub = get.get("list").get(0);
        assertEquals(id, sub.get("id").asText());
        assertEquals("phone", sub.get("deviceClientId").asText());
        assertTrue(sub.get("verificationCode").isNull());
        assertTrue(sub.get("types").isNull());
        assertFalse(sub.has("url"));
        assertFalse(sub.has("keys"));
        JsonNode some = call("PushSubscription/get", "{\"ids\":[\"" + id + "\",\"nope\"],\"properties\":[\"url\",\"keys\",\"deviceClientId\"]}");
        assertEquals(List.of("id", "deviceClientId"), fieldNames(some.get("list").get(0)));
        assertEquals("nope", some.get("notFound").get(0).asText());

        // Unverified: nothing is sent; a wrong code is refused.
        JsonNode wrong = call("PushSubscription/set", "{\"update\":{\"" + id + "\":{\"verificationCode\":\"x" + code + "\"}}}");
        assertEquals("invalidProperties", wrong.get("notUpdated").get(id).get("type").asText());
        store.account("alice").createMailbox("Before", null, null);
        assertNull(next(1300), "sent before verification");

        JsonNode right = call("PushSubscription/set", "{\"update\":{\"" + id + "\":{\"verificationCode\":\"" + code + "\"}}}");
        assertTrue(right.get("updated").has(id), right.toString());
        assertEquals(code, call("PushSubscription/get", "{}").get("list").get(0).get("verificationCode").asText());

        var account = store.account("alice");
        account.createMailbox("After", null, null);
        Received change = next(2000);
        assertNotNull(change, "no StateChange");
        assertEquals("StateChange", change.body().get("@type").asText());
        assertEquals("86400", change.ttl());
        JsonNode states = change.body().get("changed").get(accountId("alice"));
        assertEquals(List.of("Mailbox", "Email", "Thread", "EmailDelivery"), fieldNames(states));
        assertEquals(Long.toString(account.state()), states.get("Mailbox").asText());

        JsonNode destroy = call("PushSubscription/set", "{\"destroy\":[\"" + id + "\"]}");
        assertEquals(id, destroy.get("destroyed").get(0).asText());
        account.createMailbox("Gone", null, null);
        assertNull(next(1500), "sent after destroy");
        assertEquals(0, call("PushSubscription/get", "{}").get("list").size());
    }

    @Test
    void typesFilterAndBurstsAreCoalesced() throws Exception {
        String id = subscribe(",\"types\":[\"Mailbox\"]");
        var account = store.account("alice");
        for (int i = 0; i < 6; i++) {
            account.createMailbox("Burst" + i, null, null);
        }
        List<Received> all = new ArrayList<>();
        Received r;
        while ((r = next(2500)) != null) {
            all.add(r);
        }
        assertFalse(all.isEmpty());
        assertTrue(all.size() <= 2, "not coalesced: " + all.size() + " POSTs");
        JsonNode states = all.get(all.size() - 1).body().get("changed").get(accountId("alice"));
        assertEquals(List.of("Mailbox"), fieldNames(states));
        assertEquals(Long.toString(account.state()), states.get("Mailbox").asText());

        // Types that name nothing this server pushes: no POST.
        call("PushSubscription/set", "{\"update\":{\"" + id + "\":{\"types\":[\"CalendarEvent\"]}}}");
        account.createMailbox("Quiet", null, null);
        assertNull(next(1500));
    }

    @Test
    void goneDestroysTheSubscription() throws Exception {
        String id = subscribe("");
        answer.set(410);
        store.account("alice").createMailbox("One", null, null);
        assertNotNull(next(2000));
        long until = System.currentTimeMillis() + 2000;
        JsonNode get;
        do {
            Thread.sleep(50);
            get = call("PushSubscription/get", "{\"ids\":[\"" + id + "\"]}");
        } while (get.get("notFound").isEmpty() && System.currentTimeMillis() < until);
        assertEquals(id, get.get("notFound").get(0).asText());
    }

    @Test
    void invalidSubscriptionsAreRefused() throws Exception {
        JsonNode set = call("PushSubscription/set", "{\"create\":{"
                + "\"plain\":{\"deviceClientId\":\"d\",\"url\":\"http://push.example.org/x\"},"
                + "\"keys\":{\"deviceClientId\":\"d\",\"url\":\"" + url() + "\",\"keys\":{\"p256dh\":\"AAAA\",\"auth\":\"BBBB\"}},"
                + "\"nodevice\":{\"url\":\"" + url() + "\"},"
                + "\"nourl\":{\"deviceClientId\":\"d\"},"
                + "\"code\":{\"deviceClientId\":\"d\",\"url\":\"" + url() + "\",\"verificationCode\":\"x\"},"
                + "\"past\":{\"deviceClientId\":\"d\",\"url\":\"" + url() + "\",\"expires\":\"2001-01-01T00:00:00Z\"}}}");
        JsonNode notCreated = set.get("notCreated");
        assertEquals(6, notCreated.size(), set.toString());
        assertEquals("url", notCreated.get("plain").get("properties").get(0).asText());
        assertEquals("keys", notCreated.get("keys").get("properties").get(0).asText());
        assertTrue(notCreated.get("keys").get("description").asText().contains("not supported"));
        assertEquals("deviceClientId", notCreated.get("nodevice").get("properties").get(0).asText());
        assertEquals("url", notCreated.get("nourl").get("properties").get(0).asText());
        notCreated.forEach(e -> assertEquals("invalidProperties", e.get("type").asText()));
        assertNull(next(500), "a refused subscription was sent something");

        // https to any host, keys null, expires capped at 7 days and returned.
        JsonNode ok = call("PushSubscription/set", "{\"create\":{\"k\":{\"deviceClientId\":\"d\","
                + "\"url\":\"https://push.invalid/x\",\"keys\":null,\"expires\":\"2999-01-01T00:00:00Z\"}}}");
        JsonNode created = ok.get("created").get("k");
        assertTrue(Instant.parse(created.get("expires").asText()).isBefore(Instant.now().plus(Duration.ofDays(8))));
        String id = created.get("id").asText();
        JsonNode update = call("PushSubscription/set", "{\"update\":{\"" + id + "\":{\"url\":\"https://other.invalid/\"}}}");
        assertEquals("invalidProperties", update.get("notUpdated").get(id).get("type").asText());
        JsonNode expires = call("PushSubscription/set", "{\"update\":{\"" + id + "\":{\"expires\":\"2999-01-01T00:00:00Z\"}}}");
        assertTrue(expires.get("updated").get(id).get("expires").asText().startsWith("20"));
    }

    @Test
    void subscriptionsSurviveARestart() throws Exception {
        String id = subscribe("");
        // A new JMAP component over the same store, as after a restart.
        HttpTestServers.unbind(http, jmap);
        jmap.deactivate();
        jmap = new JmapComponent(Components.config(JmapComponent.Config.class, jmapConfig()), store, auth);
        HttpTestServers.bind(http, jmap, Map.of(dev.hermod.api.http.HttpHandler.PATH,
                new String[] {"/jmap", "/.well-known/jmap"}, dev.hermod.api.http.HttpHandler.MAX_BODY_SIZE, 52428800L,
                "service.id", 2L));
        JsonNode get = call("PushSubscription/get", "{}");
        assertEquals(id, get.get("list").get(0).get("id").asText());
        assertFalse(get.get("list").get(0).has("url"));
        store.account("alice").createMailbox("Restarted", null, null);
        Received change = next(2000);
        assertNotNull(change, "no StateChange after the restart");
        assertEquals("StateChange", change.body().get("@type").asText());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
