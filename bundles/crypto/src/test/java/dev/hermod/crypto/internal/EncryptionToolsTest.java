package dev.hermod.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.crypto.EncryptionResult;
import dev.hermod.api.crypto.KeyKind;
import dev.hermod.testing.Components;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages encrypted by the bundle, decrypted by GnuPG and OpenSSL to the original bytes. */
class EncryptionToolsTest {

    @TempDir
    static Path dir;
    static Tools tools;

    static final String ORIGINAL = """
            Return-Path: <sender@example.net>\r
            Received: from mx.example.net by mx.example.org; Tue, 24 Nov 2026 10:00:00 +0000\r
            From: Sender <sender@example.net>\r
            To: Alice <alice@example.org>\r
            Cc: carol@example.org\r
            Subject: Quarterly figures\r
            Date: Tue, 24 Nov 2026 10:00:00 +0000\r
            Message-ID: <figures-1@example.net>\r
            X-Mailer: secret-mailer 1.0\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            The merger with Initech closes on Friday. Keep it quiet.\r
            --b1\r
            Content-Type: application/octet-stream; name="numbers.bin"\r
            Content-Transfer-Encoding: base64\r
            \r
            AAECAwQFBgcICQ==\r
            --b1--\r
            """;

    @BeforeAll
    static void keys() throws Exception {
        tools = new Tools(dir);
        tools.gpgGenerate("Alice <alice@example.org>", "default", "default", "never");
        tools.gpgGenerate("Bob <bob@example.org>", "future-default", "default", "never");
        tools.opensslCertificate("alice", "alice@example.org", "rsa:2048", 365);
        tools.opensslCertificate("carol", "carol@example.org", "EC", 365);
    }

    private static byte[] encrypt(KeyKind kind, int bits, byte[] upload, String message, String... visible)
            throws Exception {
        MemoryKeys keys = new MemoryKeys();
        keys.put("alice", KeyUpload.check(kind, bits, upload, Instant.now()).key());
        AtRestEncryptor encryptor = new AtRestEncryptor(keys, Components.config(AtRestEncryptor.Config.class,
                visible.length == 0 ? Map.of() : Map.of("visible.headers", visible)));
        assertEquals(Optional.of(kind), encryptor.keyKind("alice"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(EncryptionResult.ENCRYPTED, encryptor.encrypt("alice",
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), out));
        return out.toByteArray();
    }

    private static String header(byte[] message) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        return s.substring(0, s.indexOf("\r\n\r\n") + 2);
    }

    private static void assertListable(byte[] encrypted) {
        String header = header(encrypted);
        for (String field : new String[] {"From: Sender <sender@example.net>", "To: Alice <alice@example.org>",
                "Cc: carol@example.org", "Subject: Quarterly figures", "Date: Tue, 24 Nov 2026 10:00:00 +0000",
                "Message-ID: <figures-1@example.net>"}) {
            assertTrue(header.contains(field + "\r\n"), field + " missing from\n" + header);
        }
        assertFalse(header.contains("X-Mailer"), header);
        assertFalse(header.contains("Received"), header);
        String all = new String(encrypted, StandardCharsets.ISO_8859_1);
        assertFalse(all.contains("Initech"), "the body is in the clear");
        assertFalse(all.contains("numbers.bin"), "the attachment's name is in the clear");
    }

    @Test
    void pgpAes256IsPgpMimeThatGnuPgDecryptsToTheOriginal() throws Exception {
        byte[] encrypted = encrypt(KeyKind.PGP, 256, tools.gpgExport(true, "alice@example.org"), ORIGINAL);
        assertListable(encrypted);
        assertTrue(header(encrypted).contains("Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";"));
        String text = new String(encrypted, StandardCharsets.US_ASCII);
        assertTrue(text.contains("Content-Type: application/pgp-encrypted\r\n"), text);
        assertTrue(text.contains("\r\nVersion: 1\r\n"), text);
        assertFalse(text.replace("\r\n", "").contains("\n"), "bare LF in the message");
        assertArrayEquals(ORIGINAL.getBytes(StandardCharsets.UTF_8), tools.gpgDecrypt(encrypted));
        String packets = tools.gpgPackets(encrypted);
        assertTrue(packets.contains("session key: '9:"), "not AES-256:\n" + packets);
        assertTrue(packets.contains("mdc_method: 2"), "no integrity protection:\n" + packets);
    }

    @Test
    void pgpAes128ToSeveralKeysDecryptsWithEither() throws Exception {
        byte[] encrypted = encrypt(KeyKind.PGP, 128, tools.gpgExport(false, "alice@example.org", "bob@example.org"),
                ORIGINAL);
        String packets = tools.gpgPackets(encrypted);
        assertTrue(packets.contains("session key: '7:"), "not AES-128:\n" + packets);
        assertArrayEquals(ORIGINAL.getBytes(StandardCharsets.UTF_8), tools.gpgDecrypt(encrypted));
        // Two public-key encrypted session key packets: one for each key.
        assertEquals(2, packets.split(":pubkey enc packet:", -1).length - 1, packets);
    }

    @Test
    void smimeAes256IsEnvelopedDataThatOpenSslDecryptsToTheOriginal() throws Exception {
        byte[] encrypted = encrypt(KeyKind.SMIME, 256, Files.readAllBytes(dir.resolve("alice.pem")), ORIGINAL);
        assertListable(encrypted);
        assertTrue(header(encrypted).contains(
                "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\""));
        assertTrue(tools.opensslPrint(encrypted).contains("aes-256-cbc"));
        assertArrayEquals(ORIGINAL.getBytes(StandardCharsets.UTF_8), tools.opensslDecrypt(encrypted, "alice"));
    }

    @Test
    void smimeAes128ForAnRsaAndAnEcCertificate() throws Exception {
        byte[] both = (Files.readString(dir.resolve("alice.pem")) + Files.readString(dir.resolve("carol.pem")))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] encrypted = encrypt(KeyKind.SMIME, 128, both, ORIGINAL);
        assertTrue(tools.opensslPrint(encrypted).contains("aes-128-cbc"));
        assertArrayEquals(ORIGINAL.getBytes(StandardCharsets.UTF_8), tools.opensslDecrypt(encrypted, "alice"));
        assertArrayEquals(ORIGINAL.getBytes(StandardCharsets.UTF_8), tools.opensslDecrypt(encrypted, "carol"));
    }

    @Test
    void theVisibleFieldsAreConfigurable() throws Exception {
        byte[] encrypted = encrypt(KeyKind.PGP, 256, tools.gpgExport(true, "alice@example.org"), ORIGINAL,
                "From", "Date");
        String header = header(encrypted);
        assertTrue(header.contains("From: Sender <sender@example.net>\r\n"), header);
        assertFalse(header.contains("Quarterly"), header);
        assertFalse(header.contains("alice@example.org"), header);
        assertArrayEquals(ORIGINAL.getBytes(StandardCharsets.UTF_8), tools.gpgDecrypt(encrypted));
    }

    @Test
    void encryptedMessagesAreStoredAsTheyAre() throws Exception {
        MemoryKeys keys = new MemoryKeys();
        keys.put("alice", KeyUpload.check(KeyKind.PGP, 256, tools.gpgExport(true, "alice@example.org"),
                Instant.now()).key());
        AtRestEncryptor encryptor = new AtRestEncryptor(keys, Components.config(AtRestEncryptor.Config.class, Map.of()));
        byte[] pgpMime = encrypt(KeyKind.PGP, 256, tools.gpgExport(true, "alice@example.org"), ORIGINAL);
        byte[] smime = encrypt(KeyKind.SMIME, 256, Files.readAllBytes(dir.resolve("alice.pem")), ORIGINAL);
        String inline = "From: a@example.net\r\nSubject: hi\r\n\r\n\r\n"
                + new String(tools.run("hi".getBytes(), "gpg", "--batch", "--armor", "--trust-model", "always",
                "--encrypt", "-r", "alice@example.org"), StandardCharsets.US_ASCII);
        String p7m = "From: a@example.net\r\nContent-Type: application/octet-stream; name=\"mail.p7m\"\r\n\r\nMIIB\r\n";
        for (byte[] message : new byte[][] {pgpMime, smime, inline.getBytes(StandardCharsets.US_ASCII),
                p7m.getBytes(StandardCharsets.US_ASCII)}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(EncryptionResult.ALREADY_ENCRYPTED,
                    encryptor.encrypt("alice", new ByteArrayInputStream(message), out));
            assertEquals(0, out.size());
        }
        assertEquals(EncryptionResult.NO_KEY, encryptor.encrypt("bob",
                new ByteArrayInputStream(ORIGINAL.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream()));
        assertEquals(Optional.empty(), encryptor.keyKind("bob"));
    }

    @Test
    void anOpaqueSignedMessageIsReadableByAnyoneSoItIsEncrypted() throws Exception {
        Files.writeString(dir.resolve("body.txt"), "Signed but readable: the merger with Initech.\r\n");
        byte[] signed = tools.run(null, "openssl", "cms", "-sign", "-nodetach", "-in", "body.txt", "-signer",
                "alice.pem", "-inkey", "alice.key", "-from", "alice@example.org", "-to", "bob@example.org",
                "-subject", "Signed", "-outform", "SMIME");
        String message = new String(signed, StandardCharsets.US_ASCII).replaceAll("\r?\n", "\r\n");
        assertTrue(message.contains("smime-type=signed-data"), message);
        byte[] encrypted = encrypt(KeyKind.SMIME, 256, Files.readAllBytes(dir.resolve("alice.pem")), message);
        assertArrayEquals(message.getBytes(StandardCharsets.US_ASCII), tools.opensslDecrypt(encrypted, "alice"));
    }
}
