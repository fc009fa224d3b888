package dev.hermod.jmap.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JMAP Core (RFC 8620) over HTTP: session, authentication, the request errors, echo, references, blobs. */
class JmapCoreTest extends JmapTestSupport {

    @Test
    void sessionNeedsAuthenticationAndDescribesTheAccount() throws Exception {
        HttpResponse<String> anonymous = get("/.well-known/jmap", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
        assertEquals(401, get("/.well-known/jmap", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("alice:wrong".getBytes(StandardCharsets.UTF_8))).statusCode());

        HttpResponse<String> response = get("/.well-known/jmap", basic("alice"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode session = Json.MAPPER.readTree(response.body());
        String id = accountId("alice");
        assertEquals("alice", session.get("username").asText());
        assertEquals(base() + "/jmap/api", session.get("apiUrl").asText());
        assertEquals(id, session.at("/primaryAccounts/urn:ietf:params:jmap:mail").asText());
        assertEquals(16, session.at("/capabilities/urn:ietf:params:jmap:core/maxCallsInRequest").asInt());
        assertEquals(1_000_000, session.at("/capabilities/urn:ietf:params:jmap:core/maxSizeUpload").asLong());
        assertTrue(session.at("/accounts/" + id + "/accountCapabilities").has("urn:ietf:params:jmap:mail"));
        assertTrue(session.get("downloadUrl").asText().contains("{blobId}"));
        assertEquals("ws://127.0.0.1:" + port + "/jmap/ws",
                session.at("/capabilities/urn:ietf:params:jmap:websocket/url").asText());
    }

    @Test
    void bearerTokensFromBasicLogin() throws Exception {
        HttpResponse<String> issued = post("/jmap/token", basic("alice"), "application/json", new byte[0]);
        assertEquals(200, issued.statusCode(), issued.body());
        String token = Json.MAPPER.readTree(issued.body()).get("access_token").asText();
        HttpResponse<String> session = get("/jmap/session", "Bearer " + token);
        assertEquals(200, session.statusCode());
        assertEquals("alice", Json.MAPPER.readTree(session.body()).get("username").asText());
        HttpResponse<String> forged = get("/jmap/session", "Bearer " + token.substring(0, token.length() - 2) + "xx");
        assertEquals(401, forged.statusCode());
        assertTrue(forged.headers().firstValue("WWW-Authenticate").orElseThrow().contains("invalid_token"));
    }

    @Test
    void requestLevelErrorsAreProblemDetails() throws Exception {
        HttpResponse<String> notJson = post("/jmap/api", basic("alice"), "application/json", "{nope".getBytes());
        assertEquals(400, notJson.statusCode());
        assertEquals("application/problem+json", notJson.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("urn:ietf:params:jmap:error:notJSON", Json.MAPPER.readTree(notJson.body()).get("type").asText());

        HttpResponse<String> notRequest = post("/jmap/api", basic("alice"), "application/json", "{\"using\":[]}".getBytes());
        assertEquals("urn:ietf:params:jmap:error:notRequest", Json.MAPPER.readTree(notRequest.body()).get("type").asText());

        HttpResponse<String> unknown = post("/jmap/api", basic("alice"), "application/json",
                "{\"using\":[\"urn:example:nothing\"],\"methodCalls\":[]}".getBytes());
        assertEquals("urn:ietf:params:jmap:error:unknownCapability", Json.MAPPER.readTree(unknown.body()).get("type").asText());

        StringBuilder calls = new StringBuilder("[");
        for (int i = 0; i < 17; i++) {
            calls.append(i == 0 ? "" : ",").append("[\"Core/echo\",{},\"c").append(i).append("\"]");
        }
        HttpResponse<String> tooMany = post("/jmap/api", basic("alice"), "application/json",
                ("{\"using\":[\"urn:ietf:params:jmap:core\"],\"methodCalls\":" + calls + "]}").getBytes());
        JsonNode limit = Json.MAPPER.readTree(tooMany.body());
        assertEquals("urn:ietf:params:jmap:error:limit", limit.get("type").asText());
        assertEquals("maxCallsInRequest", limit.get("limit").asText());

        byte[] big = ("{\"using\":[\"urn:ietf:params:jmap:core\"],\"methodCalls\":[[\"Core/echo\",{\"x\":\""
                + "a".repeat(100_001) + "\"},\"c\"]]}").getBytes();
        JsonNode tooLarge = Json.MAPPER.readTree(post("/jmap/api", basic("alice"), "application/json", big).body());
        assertEquals("maxSizeRequest", tooLarge.get("limit").asText());

        assertEquals(405, get("/jmap/api", basic("alice")).statusCode());
    }

    @Test
    void methodLevelErrors() throws Exception {
        JsonNode r = api("alice", "[[\"Nope/get\",{},\"a\"],"
                + "[\"Mailbox/get\",{\"accountId\":\"a999\"},\"b\"],"
                + "[\"Mailbox/get\",{\"accountId\":\"$A\",\"ids\":\"x\"},\"c\"],"
                + "[\"Email/get\",{\"accountId\":\"$A\",\"#ids\":{\"resultOf\":\"zz\",\"name\":\"Email/query\",\"path\":\"/ids\"}},\"d\"],"
                + "[\"Mailbox/changes\",{\"accountId\":\"$A\",\"sinceState\":\"999999\"},\"e\"],"
                + "[\"Email/get\",{\"accountId\":\"$A\",\"ids\":[],\"properties\":[\"nope\"]},\"f\"]]");
        JsonNode responses = r.get("methodResponses");
        String[] expected = {"unknownMethod", "accountNotFound", "invalidArguments", "invalidResultReference",
                "cannotCalculateChanges", "invalidArguments"};
        for (int i = 0; i < expected.length; i++) {
            assertEquals("error", responses.get(i).get(0).asText(), responses.get(i).toString());
            assertEquals(expected[i], responses.get(i).get(1).get("type").asText(), responses.get(i).toString());
        }
        // A method of a capability the request does not use is unknown (RFC 8620 §3.6.2).
        HttpResponse<String> coreOnly = post("/jmap/api", basic("alice"), "application/json",
                ("{\"using\":[\"urn:ietf:params:jmap:core\"],\"methodCalls\":[[\"Mailbox/get\",{\"accountId\":\""
                        + accountId("alice") + "\"},\"x\"]]}").getBytes());
        assertEquals("unknownMethod", Json.MAPPER.readTree(coreOnly.body()).at("/methodResponses/0/1/type").asText());
    }

    @Test
    void echoReturnsItsArguments() throws Exception {
        JsonNode r = call("alice", "Core/echo", "{\"hello\":true,\"list\":[1,2,{\"x\":\"y\"}]}");
        assertEquals(Json.MAPPER.readTree("{\"hello\":true,\"list\":[1,2,{\"x\":\"y\"}]}"), r);
    }

    @Test
    void resultReferencesAndCreationIds() throws Exception {
        deliver("alice", "INBOX", SIMPLE);
        JsonNode r = api("alice", "[[\"Mailbox/set\",{\"accountId\":\"$A\",\"create\":{"
                + "\"p\":{\"name\":\"Projects\"},\"c\":{\"name\":\"Child\",\"parentId\":\"#p\"}}},\"0\"],"
                + "[\"Email/query\",{\"accountId\":\"$A\",\"filter\":{\"inMailbox\":\"" + inboxId("alice") + "\"}},\"1\"],"
                + "[\"Email/get\",{\"accountId\":\"$A\",\"#ids\":{\"resultOf\":\"1\",\"name\":\"Email/query\",\"path\":\"/ids\"},"
                + "\"properties\":[\"subject\",\"threadId\"]},\"2\"],"
                + "[\"Thread/get\",{\"accountId\":\"$A\",\"#ids\":{\"resultOf\":\"2\",\"name\":\"Email/get\",\"path\":\"/list/*/threadId\"}},\"3\"],"
                + "[\"Mailbox/get\",{\"accountId\":\"$A\",\"ids\":[\"#c\"],\"properties\":[\"name\",\"parentId\"]},\"4\"]]");
        JsonNode responses = r.get("methodResponses");
        String parent = responses.get(0).get(1).at("/created/p/id").asText();
        assertEquals("Hello there", responses.get(2).get(1).at("/list/0/subject").asText());
        assertEquals(1, responses.get(3).get(1).at("/list/0/emailIds").size());
        assertEquals("Child", responses.get(4).get(1).at("/list/0/name").asText());
        assertEquals(parent, responses.get(4).get(1).at("/list/0/parentId").asText());
        assertTrue(r.has("sessionState"));
    }

    @Test
    void createdIdsGivenByTheClientAreReturned() throws Exception {
        String body = "{\"using\":" + USING + ",\"createdIds\":{\"old\":\"m1\"},\"methodCalls\":[[\"Mailbox/set\","
                + "{\"accountId\":\"" + accountId("alice") + "\",\"create\":{\"n\":{\"name\":\"New\"}}},\"0\"]]}";
        JsonNode r = Json.MAPPER.readTree(post("/jmap/api", basic("alice"), "application/json", body.getBytes()).body());
        assertEquals("m1", r.at("/createdIds/old").asText());
        assertEquals(r.at("/methodResponses/0/1/created/n/id").asText(), r.at("/createdIds/n").asText());
    }

    @Test
    void uploadDownloadImportParseAndBlobCopy() throws Exception {
        String id = accountId("alice");
        HttpResponse<String> uploaded = post("/jmap/upload/" + id + "/", basic("alice"), "message/rfc822",
                MULTIPART.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        JsonNode upload = Json.MAPPER.readTree(uploaded.body());
        String blobId = upload.get("blobId").asText();
        assertEquals(MULTIPART.length(), upload.get("size").asInt());
        assertEquals("message/rfc822", upload.get("type").asText());

        HttpResponse<byte[]> download = client.send(HttpRequest.newBuilder(URI.create(base() + "/jmap/download/" + id
                + "/" + blobId + "/mail.eml?type=message/rfc822")).header("Authorization", basic("alice")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(MULTIPART.getBytes(StandardCharsets.UTF_8), download.body());
        assertEquals("message/rfc822", download.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(download.headers().firstValue("Content-Disposition").orElseThrow().contains("mail.eml"));
        assertEquals("nosniff", download.headers().firstValue("X-Content-Type-Options").orElseThrow());
        // Another user cannot read it.
        assertEquals(404, get("/jmap/download/" + id + "/" + blobId + "/x", basic("bob")).statusCode());

        JsonNode parsed = call("alice", "Email/parse", "{\"accountId\":\"$A\",\"blobIds\":[\"" + blobId + "\",\"Unope\"],"
                + "\"properties\":[\"subject\",\"from\",\"attachments\"]}");
        assertEquals("Réport", parsed.at("/parsed/" + blobId + "/subject").asText());
        assertEquals("Café", parsed.at("/parsed/" + blobId + "/from/0/name").asText());
        assertEquals("r.pdf", parsed.at("/parsed/" + blobId + "/attachments/0/name").asText());
        assertEquals("Unope", parsed.at("/notFound/0").asText());

        JsonNode imported = call("alice", "Email/import", "{\"accountId\":\"$A\",\"emails\":{\"i\":{\"blobId\":\""
                + blobId + "\",\"mailboxIds\":{\"" + inboxId("alice") + "\":true},\"keywords\":{\"$seen\":true},"
                + "\"receivedAt\":\"2024-03-06T12:00:00Z\"}}}");
        String emailId = imported.at("/created/i/id").asText();
        assertFalse(emailId.isEmpty(), imported.toString());
        JsonNode email = call("alice", "Email/get", "{\"accountId\":\"$A\",\"ids\":[\"" + emailId + "\"],"
                + "\"properties\":[\"keywords\",\"receivedAt\",\"size\",\"blobId\"]}");
        assertTrue(email.at("/list/0/keywords/$seen").asBoolean());
        assertEquals("2024-03-06T12:00:00Z", email.at("/list/0/receivedAt").asText());
        assertEquals(MULTIPART.length(), email.at("/list/0/size").asInt());
        String messageBlob = email.at("/list/0/blobId").asText();
        HttpResponse<String> raw = get("/jmap/download/" + id + "/" + messageBlob + "/m.eml", basic("alice"));
        assertEquals(MULTIPART, raw.body());

        JsonNode badImport = call("alice", "Email/import", "{\"accountId\":\"$A\",\"emails\":{\"j\":{\"blobId\":\"Unope\","
                + "\"mailboxIds\":{\"" + inboxId("alice") + "\":true}}}}");
        assertEquals("blobNotFound", badImport.at("/notCreated/j/type").asText());

        JsonNode copy = call("alice", "Blob/copy", "{\"fromAccountId\":\"$A\",\"accountId\":\"$A\",\"blobIds\":[\""
                + blobId + "\",\"Unope\"]}");
        assertEquals(blobId, copy.at("/copied/" + blobId).asText());
        assertEquals("notFound", copy.at("/notCopied/Unope/type").asText());

        HttpResponse<String> tooBig = post("/jmap/upload/" + id + "/", basic("alice"), "application/octet-stream",
                new byte[1_000_001]);
        assertEquals(413, tooBig.statusCode());
    }

    @Test
    void objectLimitsAreEnforced() throws Exception {
        StringBuilder ids = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            ids.append(i == 0 ? "" : ",").append("\"e").append(i).append('"');
        }
        ids.append(']');
        JsonNode get = api("alice", "[[\"Email/get\",{\"accountId\":\"$A\",\"ids\":" + ids + "},\"g\"]]");
        assertEquals("requestTooLarge", get.at("/methodResponses/0/1/type").asText());
        JsonNode set = api("alice", "[[\"Email/set\",{\"accountId\":\"$A\",\"destroy\":" + ids + "},\"s\"]]");
        assertEquals("requestTooLarge", set.at("/methodResponses/0/1/type").asText());
        JsonNode fits = api("alice", "[[\"Email/get\",{\"accountId\":\"$A\",\"ids\":" + ids.toString().replace(",\"e100\"", "")
                + "},\"g\"]]");
        assertEquals(100, fits.at("/methodResponses/0/1/notFound").size());
    }
}
