package dev.hermod.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.testing.Components;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /crypto form over HTTP with the JDK's client: what a user or another site gets back, and what is kept. */
class CryptoPageTest {

    @TempDir
    static Path keysDir;
    static Tools tools;
    static byte[] publicKey;

    @TempDir
    Path dir;
    TestServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void keys() throws Exception {
        tools = new Tools(keysDir);
        tools.gpgGenerate("Alice <alice@example.org>", "default", "default", "never");
        publicKey = tools.gpgExport(true, "alice@example.org");
    }

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** A multipart/form-data body (RFC 7578) with the fields and, unless null, the file as "key". */
    static HttpRequest.Builder form(String url, Map<String, String> fields, byte[] file) {
        String boundary = "----form" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"key\"; filename=\"key.asc\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    private static Map<String, String> fields(String login, String password, String method) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("login", login);
        f.put("password", password);
        f.put("method", method);
        return f;
    }

    private HttpResponse<String> post(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), BodyHandlers.ofString());
    }

    @Test
    void theFormAsksForEverythingAndIsNeverCached() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.formUrl())).build(),
                BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        String page = r.body();
        for (String part : new String[] {"name=\"login\"", "name=\"password\"", "type=\"password\"", "type=\"file\"",
                "S/MIME AES-256", "S/MIME AES-128", "PGP AES-256", "PGP AES-128", "Disable encryption", ">Update<",
                "enctype=\"multipart/form-data\""}) {
            assertTrue(page.contains(part), part + " missing");
        }
    }

    @Test
    void aGoodUploadIsKeptAndSaidSo() throws Exception {
        HttpResponse<String> r = post(form(server.formUrl(), fields("alice", "secret", "pgp-aes128"), publicKey));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(r.body().contains("Encryption is on"), r.body());
        assertTrue(r.body().contains("PGP (AES-128)"), r.body());
        assertEquals(128, server.keys.get("alice").orElseThrow().cipherBits());
    }

    @Test
    void theWrongPasswordChangesNothing() throws Exception {
        HttpResponse<String> r = post(form(server.formUrl(), fields("alice", "guess", "pgp-aes256"), publicKey));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("The login name or the password is wrong."), r.body());
        assertTrue(r.body().contains("Nothing was changed."));
        assertTrue(server.keys.get("alice").isEmpty());
        // Someone else's password does not open alice's setting either: the key goes to whoever logs in.
        post(form(server.formUrl(), fields("bob", "secret", "pgp-aes256"), publicKey));
        assertTrue(server.keys.get("alice").isEmpty());
        assertTrue(server.keys.get("bob").isPresent());
    }

    @Test
    void aBadUploadGetsAClearMessageAndChangesNothing() throws Exception {
        post(form(server.formUrl(), fields("alice", "secret", "pgp-aes256"), publicKey));
        var before = server.keys.get("alice").orElseThrow();
        Map<byte[], String> bad = new LinkedHashMap<>();
        bad.put(tools.gpgExportSecret("alice@example.org"), "private key");
        bad.put("garbage garbage".getBytes(StandardCharsets.US_ASCII), "not an OpenPGP public key");
        bad.put(new byte[0], "The file is empty");
        bad.put(new byte[10 * 1024 * 1024], "at most 1048576 bytes");
        for (Map.Entry<byte[], String> e : bad.entrySet()) {
            HttpResponse<String> r = post(form(server.formUrl(), fields("alice", "secret", "pgp-aes128"), e.getKey()));
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains(e.getValue()), e.getValue() + " not in " + r.body());
            assertTrue(r.body().contains("Nothing was changed."));
            var after = server.keys.get("alice").orElseThrow();
            assertEquals(before.updated(), after.updated());
            assertEquals(256, after.cipherBits());
        }
        HttpResponse<String> noFile = post(form(server.formUrl(), fields("alice", "secret", "smime-aes256"), null));
        assertEquals(400, noFile.statusCode());
        assertTrue(noFile.body().contains("The file is empty"));
    }

    @Test
    void postsFromOtherSitesAreRefused() throws Exception {
        HttpResponse<String> origin = post(form(server.formUrl(), fields("alice", "secret", "pgp-aes256"), publicKey)
                .header("Origin", "https://evil.example"));
        assertEquals(403, origin.statusCode());
        assertTrue(origin.body().contains("can only be sent from its own page"), origin.body());
        HttpResponse<String> referer = post(form(server.formUrl(), fields("alice", "secret", "pgp-aes256"), publicKey)
                .header("Referer", "http://evil.example/form.html"));
        assertEquals(403, referer.statusCode());
        HttpResponse<String> fetchSite = post(form(server.formUrl(), fields("alice", "secret", "pgp-aes256"), publicKey)
                .header("Sec-Fetch-Site", "cross-site"));
        assertEquals(403, fetchSite.statusCode());
        assertTrue(server.keys.get("alice").isEmpty());
        HttpResponse<String> same = post(form(server.formUrl(), fields("alice", "secret", "pgp-aes256"), publicKey)
                .header("Origin", "http://127.0.0.1:" + server.http.port()).header("Sec-Fetch-Site", "same-origin"));
        assertEquals(200, same.statusCode(), same.body());
    }

    @Test
    void thePageExistsOnlyWhileEnabled() throws Exception {
        server.page.modified(Components.config(CryptoPageSwitch.Config.class, Map.of("encryption.enable", false)));
        HttpResponse<String> off = client.send(HttpRequest.newBuilder(URI.create(server.formUrl())).build(),
                BodyHandlers.ofString());
        assertEquals(404, off.statusCode());
        assertEquals(404, post(form(server.formUrl(), fields("alice", "secret", "pgp-aes256"), publicKey)).statusCode());
        assertTrue(server.keys.get("alice").isEmpty());
        server.page.modified(Components.config(CryptoPageSwitch.Config.class, Map.of("encryption.enable", true)));
        assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(server.formUrl())).build(),
                BodyHandlers.ofString()).statusCode());
    }

    @Test
    void disabledFromTheStartThereIsNoPage() throws Exception {
        server.close();
        server = new TestServer(dir.resolve("off"), Map.of("encryption.enable", false));
        assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(server.formUrl())).build(),
                BodyHandlers.ofString()).statusCode());
    }

    @Test
    void otherMethodsAndPathsAreRefused() throws Exception {
        assertEquals(405, client.send(HttpRequest.newBuilder(URI.create(server.formUrl()))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), BodyHandlers.ofString()).statusCode());
        assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(server.formUrl() + "/other")).build(),
                BodyHandlers.ofString()).statusCode());
    }

    @Test
    void withTheCoresDefaultsPasswordsGoOnlyOverHttps() throws Exception {
        server.close();
        server = new TestServer(dir.resolve("tls"), Map.of(), Map.of(), false);
        HttpResponse<String> plain = post(form(server.formUrl(), fields("alice", "secret", "pgp-aes256"), publicKey));
        assertEquals(403, plain.statusCode());
        assertTrue(plain.body().contains("open this page over HTTPS"), plain.body());
        assertTrue(server.keys.get("alice").isEmpty());
        Files.write(dir.resolve("alice.asc"), publicKey);
        String page = new String(tools.run(null, "curl", "-sS", "--insecure", "--fail-with-body", "-F", "login=alice",
                "-F", "password=secret", "-F", "method=pgp-aes256", "-F", "key=@" + dir.resolve("alice.asc"),
                server.secureFormUrl()), StandardCharsets.UTF_8);
        assertTrue(page.contains("Encryption is on"), page);
        assertTrue(server.keys.get("alice").isPresent());
    }
}
