package dev.hermod.migration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hermod.jmap.internal.JmapComponent;
import dev.hermod.migration.internal.http.HttpBridge;
import dev.hermod.testing.Components;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * What a JMAP client sees of an account (RFC 8620/8621), as canonical JSON: every Mailbox, every Email with
 * its ids, mailboxes, keywords, size, dates and headers, and every Thread, read through the JMAP bundle.
 */
final class JmapDump implements AutoCloseable {

    private static final String USING = "[\"urn:ietf:params:jmap:core\",\"urn:ietf:params:jmap:mail\"]";
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    private final TestServer server;
    private final JmapComponent jmap;
    private final HttpBridge http;
    private final HttpClient client = HttpClient.newHttpClient();

    JmapDump(TestServer server) throws Exception {
        this.server = server;
        this.jmap = new JmapComponent(Components.config(JmapComponent.Config.class,
                Map.of("upload.folder", server.dir.resolve("uploads").toString())), server.store, server.auth);
        this.http = new HttpBridge("/jmap", jmap);
    }

    String dump(String user) throws Exception {
        String account = server.store.account(user).id().toString();
        String calls = """
                [["Mailbox/get", {"accountId": "%1$s"}, "m"],
                 ["Email/query", {"accountId": "%1$s", "sort": [{"property": "receivedAt"}]}, "q"],
                 ["Email/get", {"accountId": "%1$s", "#ids": {"resultOf": "q", "name": "Email/query", "path": "/ids"},
                   "properties": ["id", "blobId", "threadId", "mailboxIds", "keywords", "size", "receivedAt", "messageId",
                     "inReplyTo", "references", "from", "to", "subject", "sentAt", "hasAttachment", "preview"]}, "e"],
                 ["Thread/get", {"accountId": "%1$s", "#ids": {"resultOf": "e", "name": "Email/get", "path": "/list/*/threadId"}}, "t"]]
                """.formatted(account);
        String body = "{\"using\":" + USING + ",\"methodCalls\":" + calls + "}";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(http.url("/jmap/api")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode tree = JSON.readTree(r.body());
        return JSON.writeValueAsString(JSON.treeToValue(tree, Object.class));
    }

    @Override
    public void close() throws Exception {
        http.close();
        TestServer.deactivate(jmap);
    }
}
