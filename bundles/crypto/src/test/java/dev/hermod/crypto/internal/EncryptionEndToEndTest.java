package dev.hermod.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each method end to end, with independent tools only: a key made by GnuPG or a certificate made by OpenSSL is
 * uploaded through the /crypto form with curl, a message is sent with Python's smtplib, fetched with imaplib
 * and over JMAP with urllib, and decrypted with gpg or openssl to the bytes that were sent; neither the blob files nor the metadata
 * store hold its text.
 */
class EncryptionEndToEndTest {

    @TempDir
    static Path keysDir;
    static Tools tools;

    @TempDir
    Path dir;
    TestServer server;

    @BeforeAll
    static void keys() throws Exception {
        tools = new Tools(keysDir);
        tools.gpgGenerate("Alice <alice@example.org>", "default", "default", "never");
        Files.write(keysDir.resolve("alice.asc"), tools.gpgExport(true, "alice@example.org"));
        Files.write(keysDir.resolve("alice.gpg"), tools.gpgExport(false, "alice@example.org"));
        tools.opensslCertificate("alice", "alice@example.org", "rsa:2048", 365);
        Files.write(keysDir.resolve("alice.der"), tools.opensslDer("alice"));
    }

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    static String message(String secret) {
        return "From: Bob <bob@example.net>\r\n"
                + "To: Alice <alice@example.org>\r\n"
                + "Subject: Board minutes\r\n"
                + "Date: Wed, 25 Nov 2026 09:30:00 +0000\r\n"
                + "Message-ID: <minutes-" + Integer.toHexString(secret.hashCode()) + "@example.net>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "The password of the vault is " + secret + ".\r\n"
                + "Do not tell anyone.\r\n";
    }

    /** Uploads a file through the form with curl; returns the page. */
    String upload(String method, Path file) throws Exception {
        return new String(tools.run(null, "curl", "-sS", "--fail-with-body", "-F", "login=alice", "-F",
                "password=secret", "-F", "method=" + method, "-F", "key=@" + file, server.formUrl()),
                StandardCharsets.UTF_8);
    }

    private byte[] deliverAndFetch(String secret) throws Exception {
        server.send("bob@example.net", "alice@example.org", message(secret));
        return server.fetchNewest("alice");
    }

    private void assertNothingInTheClear(String secret) throws Exception {
        assertFalse(server.blobFiles().isEmpty());
        assertEquals(List.of(), server.filesContaining(secret), "plain text on disk");
        assertEquals(List.of(), server.filesContaining("Do not tell anyone"), "plain text on disk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pgp-aes256:alice.asc", "pgp-aes128:alice.gpg"})
    void pgp(String spec) throws Exception {
        String method = spec.split(":")[0];
        String page = upload(method, keysDir.resolve(spec.split(":")[1]));
        assertTrue(page.contains("Encryption is on"), page);
        assertTrue(page.contains("Alice &lt;alice@example.org&gt;"), page);

        String secret = "pgp" + System.nanoTime();
        byte[] fetched = deliverAndFetch(secret);
        String text = new String(fetched, StandardCharsets.US_ASCII);
        assertTrue(text.contains("Content-Type: multipart/encrypted"), text);
        assertTrue(text.contains("Subject: Board minutes"), "the listing fields stay readable");
        assertFalse(text.contains(secret), text);
        assertArrayEquals(message(secret).getBytes(StandardCharsets.UTF_8), tools.gpgDecrypt(fetched));
        String cipher = method.endsWith("256") ? "'9:" : "'7:";
        assertTrue(tools.gpgPackets(fetched).contains("session key: " + cipher), tools.gpgPackets(fetched));
        assertTrue(server.envelopeOfNewest("alice").contains("Board minutes"), "IMAP ENVELOPE lists it");
        StringBuilder subject = new StringBuilder();
        byte[] overJmap = server.fetchNewestOverJmap("alice", subject);
        assertEquals("Board minutes", subject.toString(), "JMAP lists it");
        assertArrayEquals(message(secret).getBytes(StandardCharsets.UTF_8), tools.gpgDecrypt(overJmap));
        assertNothingInTheClear(secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"smime-aes256:alice.pem", "smime-aes128:alice.der"})
    void smime(String spec) throws Exception {
        String method = spec.split(":")[0];
        String page = upload(method, keysDir.resolve(spec.split(":")[1]));
        assertTrue(page.contains("Encryption is on"), page);
        assertTrue(page.contains("CN=alice"), page);

        String secret = "smime" + System.nanoTime();
        byte[] fetched = deliverAndFetch(secret);
        String text = new String(fetched, StandardCharsets.US_ASCII);
        assertTrue(text.contains("Content-Type: application/pkcs7-mime; smime-type=enveloped-data"), text);
        assertTrue(text.contains("Subject: Board minutes"), "the listing fields stay readable");
        assertArrayEquals(message(secret).getBytes(StandardCharsets.UTF_8), tools.opensslDecrypt(fetched, "alice"));
        assertTrue(tools.opensslPrint(fetched).contains(method.endsWith("256") ? "aes-256-cbc" : "aes-128-cbc"));
        StringBuilder subject = new StringBuilder();
        byte[] overJmap = server.fetchNewestOverJmap("alice", subject);
        assertEquals("Board minutes", subject.toString(), "JMAP lists it");
        assertArrayEquals(message(secret).getBytes(StandardCharsets.UTF_8), tools.opensslDecrypt(overJmap, "alice"));
        assertNothingInTheClear(secret);
    }

    @Test
    void disablingStopsTheEncryptionOfNewMailOnly() throws Exception {
        upload("pgp-aes256", keysDir.resolve("alice.asc"));
        String before = "before" + System.nanoTime();
        byte[] encrypted = deliverAndFetch(before);
        String page = new String(tools.run(null, "curl", "-sS", "--fail-with-body", "-F", "login=alice", "-F",
                "password=secret", "-F", "method=disable", server.formUrl()), StandardCharsets.UTF_8);
        assertTrue(page.contains("Encryption is off"), page);
        String after = "after" + System.nanoTime();
        byte[] plain = deliverAndFetch(after);
        assertTrue(new String(plain, StandardCharsets.UTF_8).contains("The password of the vault is " + after), "stored as it came");
        assertEquals(List.of(), server.filesContaining(before), "mail encrypted before stays encrypted");
        assertArrayEquals(message(before).getBytes(StandardCharsets.UTF_8), tools.gpgDecrypt(encrypted));
    }

    @Test
    void oneMessageToAnEncryptingAndAPlainAccount() throws Exception {
        upload("smime-aes256", keysDir.resolve("alice.pem"));
        String secret = "both" + System.nanoTime();
        java.nio.file.Files.writeString(dir.resolve("message.eml"), message(secret));
        server.python("import smtplib\n"
                + "with smtplib.SMTP('127.0.0.1', " + server.smtpPort + ", timeout=20) as s:\n"
                + "    s.sendmail('carol@example.net', ['alice@example.org', 'bob@example.org'],"
                + " open(r'" + dir.resolve("message.eml") + "', 'rb').read())\n");
        assertArrayEquals(message(secret).getBytes(StandardCharsets.UTF_8),
                tools.opensslDecrypt(server.fetchNewest("alice"), "alice"));
        assertTrue(new String(server.fetchNewest("bob"), StandardCharsets.UTF_8).contains(secret),
                "bob keeps no key: his copy is stored as it came");
    }

    @Test
    void lmtpDeliveryIsEncryptedToo() throws Exception {
        upload("pgp-aes256", keysDir.resolve("alice.asc"));
        String secret = "lmtp" + System.nanoTime();
        server.sendLmtp("bob@example.net", "alice@example.org", message(secret));
        assertArrayEquals(message(secret).getBytes(StandardCharsets.UTF_8), tools.gpgDecrypt(server.fetchNewest("alice")));
        assertNothingInTheClear(secret);
    }

    @Test
    void imapAppendAndJmapImportAreStoredAsSentByDefault() throws Exception {
        upload("pgp-aes256", keysDir.resolve("alice.asc"));
        String secret = "append" + System.nanoTime();
        server.append("alice", message(secret));
        assertArrayEquals(message(secret).getBytes(StandardCharsets.UTF_8), server.fetchNewest("alice"));
        String imported = "import" + System.nanoTime();
        server.jmapImport("alice", message(imported));
        assertTrue(new String(server.fetchNewest("alice"), StandardCharsets.UTF_8).contains(imported));
    }

    @Test
    void imapAppendAndJmapImportAreEncryptedWhenTheAdminSaysSo() throws Exception {
        server.close();
        server = new TestServer(dir.resolve("appends"), Map.of(), Map.of("encrypt.appends", true), true);
        upload("smime-aes128", keysDir.resolve("alice.pem"));
        String secret = "append" + System.nanoTime();
        server.append("alice", message(secret));
        byte[] fetched = server.fetchNewest("alice");
        assertTrue(new String(fetched, StandardCharsets.US_ASCII).contains("application/pkcs7-mime"));
        assertArrayEquals(message(secret).getBytes(StandardCharsets.UTF_8), tools.opensslDecrypt(fetched, "alice"));
        assertNothingInTheClear(secret);

        String imported = "import" + System.nanoTime();
        server.jmapImport("alice", message(imported));
        assertArrayEquals(message(imported).getBytes(StandardCharsets.UTF_8),
                tools.opensslDecrypt(server.fetchNewest("alice"), "alice"));
        assertNothingInTheClear(imported);
    }
}
