package dev.hermod.jmap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.Appended;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.core.internal.auth.DirectoryAuthenticator;
import dev.hermod.core.internal.delivery.LocalDelivery;
import dev.hermod.core.internal.mail.MailStoreComponent;
import dev.hermod.core.internal.queue.QueueComponent;
import dev.hermod.core.internal.sieve.SieveScriptStore;
import dev.hermod.http.internal.HttpServer;
import dev.hermod.http.internal.HttpTestServers;
import dev.hermod.sieve.internal.SieveCheckerComponent;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs JMAP on the real HTTP listener on 127.0.0.1 over the real core, SQLite and file-system providers,
 * with the users alice and bob (password "secret") of example.org; alice has a 10 MB quota.
 */
abstract class JmapTestSupport {

    static final String USING = "[\"urn:ietf:params:jmap:core\",\"urn:ietf:params:jmap:mail\","
            + "\"urn:ietf:params:jmap:submission\",\"urn:ietf:params:jmap:vacationresponse\","
            + "\"urn:ietf:params:jmap:quota\",\"urn:ietf:params:jmap:sieve\"]";

    @TempDir
    Path dir;

    KeyValueStore kv;
    MailStoreComponent store;
    DirectoryAuthenticator auth;
    LocalDelivery delivery;
    QueueComponent queue;
    SieveScriptStore scripts;
    HttpServer http;
    JmapComponent jmap;
    int port;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static final class Users implements Directory {
        @Override
        public Optional<Principal> authenticate(Credentials c) {
            return c instanceof PlainCredentials p && p.secret().equals("secret") ? principal(p.name()) : Optional.empty();
        }

        @Override
        public Optional<Principal> principal(String name) {
            return (Set.of("alice", "bob").contains(name) || name.matches("user\\d+")) ? Optional.of(new Principal(name, PrincipalType.INDIVIDUAL,
                    null, name.equals("alice") ? 10_000_000 : 0, 0, List.of(new Address(name, "example.org")),
                    Set.of(), true)) : Optional.empty();
        }

        @Override
        public Set<String> recipients(Address a) {
            return a.domain().equals("example.org") && principal(a.localPart()).isPresent() ? Set.of(a.localPart()) : Set.of();
        }

        @Override
        public boolean isLocalDomain(String domain) {
            return domain.equals("example.org");
        }

        @Override
        public List<Address> expand(String list) {
            return List.of();
        }

        @Override
        public List<Principal> verify(String partial) {
            return List.of();
        }
    }

    Map<String, Object> jmapConfig() {
        return Map.of("upload.folder", dir.resolve("uploads").toString(), "maxCallsInRequest", 16,
                "maxObjectsInGet", 100, "maxObjectsInSet", 100, "maxSizeRequest", 100_000L, "maxSizeUpload", 1_000_000L);
    }

    ProviderRegistry registry;

    @BeforeEach
    void startServer() throws Exception {
        kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        BlobStore blobs = new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString(), "fsync", false)),
                Components.bundleContext(Map.of(), dir));
        registry = TestRegistries.create(kv, blobs, new Users());
        store = new MailStoreComponent(registry, Components.config(MailStoreComponent.Config.class, Map.of()));
        auth = new DirectoryAuthenticator(registry, Components.config(DirectoryAuthenticator.Config.class,
                Map.of("plaintext.without.tls", true)));
        delivery = new LocalDelivery(registry, store, Components.config(LocalDelivery.Config.class, Map.of()));
        queue = new QueueComponent(registry, delivery, Components.config(QueueComponent.Config.class,
                Map.of("poll.seconds", 3600, "hostname", "mail.example.org")));
        scripts = new SieveScriptStore(registry);
        jmap = new JmapComponent(Components.config(JmapComponent.Config.class, jmapConfig()), store, auth);
        jmap.setOutbound(queue);
        jmap.setDelivery(delivery);
        jmap.setScripts(scripts);
        jmap.setChecker(new SieveCheckerComponent());
        http = HttpTestServers.start(Map.of());
        HttpTestServers.bind(http, jmap, Map.of(dev.hermod.api.http.HttpHandler.PATH,
                new String[] {"/jmap", "/.well-known/jmap"}, dev.hermod.api.http.HttpHandler.MAX_BODY_SIZE, 52428800L,
                "service.id", 1L));
        port = http.address().getPort();
    }

    @AfterEach
    void stopServer() {
        HttpTestServers.stop(http);
        jmap.deactivate();
        deactivate(queue);
        deactivate(store);
        deactivate(kv);
    }

    static void deactivate(Object component) {
        try {
            Method m = component.getClass().getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(component);
        } catch (NoSuchMethodException e) {
            // nothing to stop
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String authorization, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String accountId(String user) {
        return store.account(user).id().toString();
    }

    /** Posts a JMAP request (text with {@code $A} for alice's account id) and returns the response object. */
    JsonNode api(String user, String methodCalls) throws Exception {
        String body = "{\"using\":" + USING + ",\"methodCalls\":" + methodCalls.replace("$A", accountId(user)) + "}";
        HttpResponse<String> response = post("/jmap/api", basic(user), "application/json", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }

    /** The arguments of the one response to the request's only call, checking its name. */
    JsonNode call(String user, String name, String args) throws Exception {
        JsonNode response = api(user, "[[\"" + name + "\"," + args + ",\"c1\"]]");
        ArrayNode responses = (ArrayNode) response.get("methodResponses");
        assertEquals(name, responses.get(0).get(0).asText(), responses.toString());
        return responses.get(0).get(1);
    }

    static ObjectNode object(String json) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    Appended deliver(String account, String mailbox, String message) throws IOException {
        MailAccount mail = store.account(account);
        var box = mailbox.equals("INBOX") ? mail.mailbox(MailboxRole.INBOX).orElseThrow() : mail.find(mailbox).orElseThrow();
        return mail.append(box.id(), new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), Set.of(),
                Instant.parse("2024-03-05T10:15:30Z"));
    }

    String inboxId(String account) {
        return store.account(account).mailbox(MailboxRole.INBOX).orElseThrow().id().toString();
    }

    static final String SIMPLE = "From: Bob Example <bob@example.org>\r\nTo: alice@example.org\r\n"
            + "Subject: Hello there\r\nDate: Tue, 5 Mar 2024 10:00:00 +0000\r\nMessage-ID: <one@example.org>\r\n\r\n"
            + "Hi Alice,\r\nhow are you?\r\n";

    static final String MULTIPART = "From: =?UTF-8?Q?Caf=C3=A9?= <carol@example.net>\r\nTo: alice@example.org, "
            + "Team: dave@example.net, erin@example.net;\r\nSubject: =?UTF-8?Q?R=C3=A9port?=\r\n"
            + "Date: Wed, 6 Mar 2024 11:00:00 +0100\r\nMessage-ID: <two@example.net>\r\nIn-Reply-To: <one@example.org>\r\n"
            + "List-Unsubscribe: <mailto:leave@example.net>, <https://example.net/leave>\r\nX-Custom: a\r\n b\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            + "preamble\r\n--b1\r\nContent-Type: multipart/alternative; boundary=\"b2\"\r\n\r\n"
            + "--b2\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "See the attachment, caf=C3=A9.\r\n--b2\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + "<p>See the <b>attachment</b>.</p>\r\n--b2--\r\n"
            + "--b1\r\nContent-Type: application/pdf; name=\"r.pdf\"\r\nContent-Disposition: attachment; filename=\"r.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n";

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
