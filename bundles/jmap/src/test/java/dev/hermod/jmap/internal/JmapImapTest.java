package dev.hermod.jmap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermod.api.mailbox.Appended;
import dev.hermod.imap.internal.ImapServer;
import dev.hermod.testing.Components;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JMAP and IMAP on one store: states agree both ways (RFC 8620 states are the IMAP MODSEQs), and a change
 * made over IMAP reaches a connected JMAP client by event source and by WebSocket within a second.
 */
class JmapImapTest extends JmapTestSupport {

    private ImapServer imap;
    private int imapPort;

    @BeforeEach
    void startImap() throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", "imap", "host", "127.0.0.1", "port", 0,
                "security", "none", "hostname", "imap.example.org", "workers", 4));
        imap = new ImapServer(Components.config(ImapServer.Config.class, config), config, store, auth);
        imapPort = imap.address().getPort();
    }

    @AfterEach
    void stopImap() {
        deactivate(imap);
    }

    @Test
    void aFlagSetOverImapShowsInEmailChanges() throws Exception {
        Appended appended = deliver("alice", "INBOX", SIMPLE);
        String state = call("alice", "Email/get", "{\"accountId\":\"$A\",\"ids\":[]}").get("state").asText();
        try (ImapLines c = new ImapLines(imapPort)) {
            c.command("LOGIN alice secret");
            c.command("SELECT INBOX");
            c.command("UID STORE " + appended.uid() + " +FLAGS (\\Seen \\Flagged)");
        }
        JsonNode changes = call("alice", "Email/changes", "{\"accountId\":\"$A\",\"sinceState\":\"" + state + "\"}");
        assertEquals(List.of(appended.id().toString()), strings(changes.get("updated")));
        JsonNode email = call("alice", "Email/get", "{\"accountId\":\"$A\",\"ids\":[\"" + appended.id() + "\"],\"properties\":[\"keywords\"]}");
        assertTrue(email.at("/list/0/keywords/$seen").asBoolean());
        assertTrue(email.at("/list/0/keywords/$flagged").asBoolean());
        // The mailbox's counts changed too: the Mailbox collection reports INBOX as updated.
        JsonNode boxes = call("alice", "Mailbox/changes", "{\"accountId\":\"$A\",\"sinceState\":\"" + state + "\"}");
        assertTrue(strings(boxes.get("updated")).contains(inboxId("alice")), boxes.toString());
    }

    @Test
    void aKeywordSetOverJmapIsSeenByAnImapSession() throws Exception {
        Appended appended = deliver("alice", "INBOX", SIMPLE);
        try (ImapLines c = new ImapLines(imapPort)) {
            c.command("LOGIN alice secret");
            c.command("ENABLE CONDSTORE");
            List<String> select = c.command("SELECT INBOX");
            long modseq = highestModSeq(select);
            JsonNode set = call("alice", "Email/set", "{\"accountId\":\"$A\",\"update\":{\"" + appended.id()
                    + "\":{\"keywords/$seen\":true,\"keywords/$answered\":true}}}");
            assertEquals(Long.toString(modseq + 1), set.get("newState").asText());
            List<String> noop = c.command("NOOP");
            String fetch = noop.stream().filter(l -> l.contains("FETCH")).findFirst().orElseThrow(() -> new AssertionError(noop));
            assertTrue(fetch.contains("\\Seen") && fetch.contains("\\Answered"), fetch);
            assertTrue(fetch.contains("MODSEQ (" + (modseq + 1) + ")"), fetch);
            List<String> changed = c.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + modseq + ")");
            assertTrue(changed.get(0).contains("UID " + appended.uid()), changed.toString());
        }
    }

    @Test
    void anImapChangeReachesTheEventSourceWithinASecond() throws Exception {
        Appended appended = deliver("alice", "INBOX", SIMPLE);
        try (Socket socket = new Socket("127.0.0.1", port); ImapLines c = new ImapLines(imapPort)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /jmap/eventsource/?types=*&closeafter=no&ping=0 HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: " + basic("alice") + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader events = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 200 OK", events.readLine());
            String first = nextData(events);
            assertEquals("StateChange", Json.MAPPER.readTree(first).get("@type").asText());
            c.command("LOGIN alice secret");
            c.command("SELECT INBOX");
            long sent = System.nanoTime();
            c.command("UID STORE " + appended.uid() + " +FLAGS (\\Seen)");
            JsonNode change = Json.MAPPER.readTree(nextData(events));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(millis < 1000, "took " + millis + " ms");
            String emailState = change.at("/changed/" + accountId("alice") + "/Email").asText();
            assertEquals(Long.toString(store.account("alice").state()), emailState);
        }
    }

    @Test
    void anImapChangeReachesTheWebSocketWithinASecondAndRequestsWorkOverIt() throws Exception {
        Appended appended = deliver("alice", "INBOX", SIMPLE);
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("jmap")
                .header("Authorization", basic("alice"))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/jmap/ws"), new WebSocket.Listener() {
                    private final StringBuilder message = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        message.append(data);
                        if (last) {
                            received.add(message.toString());
                            message.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"@type\":\"Request\",\"id\":\"r1\",\"using\":[\"urn:ietf:params:jmap:core\",\"urn:ietf:params:jmap:mail\"],"
                + "\"methodCalls\":[[\"Email/query\",{\"accountId\":\"" + accountId("alice") + "\"},\"q\"]]}", true);
        JsonNode response = Json.MAPPER.readTree(received.poll(5, TimeUnit.SECONDS));
        assertEquals("Response", response.get("@type").asText());
        assertEquals("r1", response.get("requestId").asText());
        assertEquals(appended.id().toString(), response.at("/methodResponses/0/1/ids/0").asText());
        ws.sendText("{\"@type\":\"Request\",\"id\":\"r2\",\"using\":[\"urn:nope\"],\"methodCalls\":[]}", true);
        JsonNode error = Json.MAPPER.readTree(received.poll(5, TimeUnit.SECONDS));
        assertEquals("RequestError", error.get("@type").asText());
        assertEquals("urn:ietf:params:jmap:error:unknownCapability", error.get("type").asText());

        ws.sendText("{\"@type\":\"WebSocketPushEnable\",\"dataTypes\":[\"Email\",\"Mailbox\"]}", true);
        Thread.sleep(200);
        try (ImapLines c = new ImapLines(imapPort)) {
            c.command("LOGIN alice secret");
            c.command("SELECT INBOX");
            long sent = System.nanoTime();
            c.command("UID STORE " + appended.uid() + " +FLAGS (\\Flagged)");
            String pushed = received.poll(1, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(pushed != null && millis < 1000, "took " + millis + " ms");
            JsonNode change = Json.MAPPER.readTree(pushed);
            assertEquals("StateChange", change.get("@type").asText());
            JsonNode types = change.at("/changed/" + accountId("alice"));
            assertEquals(Long.toString(store.account("alice").state()), types.get("Email").asText());
            assertTrue(!types.has("Thread"), types.toString());
        }
        ws.sendClose(1000, "").get(5, TimeUnit.SECONDS);
    }

    private static String nextData(BufferedReader events) throws Exception {
        String line;
        while ((line = events.readLine()) != null) {
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        throw new AssertionError("stream ended");
    }

    private static long highestModSeq(List<String> lines) {
        Pattern p = Pattern.compile("HIGHESTMODSEQ (\\d+)");
        for (String line : lines) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError(lines.toString());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void eventSourceClosesAfterTheFirstChangeWhenAskedAndPings() throws Exception {
        Appended appended = deliver("alice", "INBOX", SIMPLE);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /jmap/eventsource/?types=Email&closeafter=state&ping=5 HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: " + basic("alice") + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader events = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 200 OK", events.readLine());
            JsonNode first = Json.MAPPER.readTree(nextData(events));
            List<String> types = new java.util.ArrayList<>();
            first.at("/changed/" + accountId("alice")).fieldNames().forEachRemaining(types::add);
            assertEquals(List.of("Email"), types);
            // No change for five seconds: a ping with the interval.
            assertEquals("{\"interval\":5}", nextData(events));
            store.account("alice").store(store.account("alice").mailbox(dev.hermod.api.mail.MailboxRole.INBOX).orElseThrow().id(),
                    List.of(appended.uid()), new dev.hermod.api.mailbox.KeywordChange(
                            dev.hermod.api.mailbox.KeywordChange.Operation.ADD, java.util.Set.of("$seen"), -1));
            assertEquals("StateChange", Json.MAPPER.readTree(nextData(events)).get("@type").asText());
            // closeafter=state: the response ends after the change.
            String rest;
            while ((rest = events.readLine()) != null) {
                assertTrue(!rest.startsWith("data:"), rest);
            }
        }
    }
}
