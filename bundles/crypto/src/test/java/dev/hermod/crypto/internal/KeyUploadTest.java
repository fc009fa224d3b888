package dev.hermod.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.crypto.KeyKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads made by GnuPG and OpenSSL: what is accepted, and the message for what is refused. */
class KeyUploadTest {

    @TempDir
    static Path dir;
    static Tools tools;

    @BeforeAll
    static void keys() throws Exception {
        tools = new Tools(dir);
        // An explicit algorithm makes a primary key only; "default" and "future-default" add an encryption subkey.
        tools.gpgGenerate("Alice <alice@example.org>", "default", "default", "never");
        tools.gpgGenerate("Bob <bob@example.org>", "future-default", "default", "never");
        tools.gpgGenerate("Old <old@example.org>", "default", "default", "1y", "--faked-system-time", "20200101T000000");
        tools.gpgGenerate("Signer <signer@example.org>", "rsa2048", "sign", "never");
        tools.opensslCertificate("alice", "alice@example.org", "rsa:2048", 365);
        tools.opensslCertificate("carol", "carol@example.org", "EC", 365);
    }

    private static KeyUpload.Accepted pgp(byte[] upload) throws UploadRejected {
        return KeyUpload.check(KeyKind.PGP, 256, upload, Instant.now());
    }

    private static KeyUpload.Accepted smime(byte[] upload) throws UploadRejected {
        return KeyUpload.check(KeyKind.SMIME, 128, upload, Instant.now());
    }

    private static String refusedPgp(byte[] upload) {
        return assertThrows(UploadRejected.class, () -> pgp(upload)).getMessage();
    }

    private static String refusedSmime(byte[] upload) {
        return assertThrows(UploadRejected.class, () -> smime(upload)).getMessage();
    }

    @Test
    void armoredAndBinaryPublicKeysAreAccepted() throws Exception {
        KeyUpload.Accepted armored = pgp(tools.gpgExport(true, "alice@example.org"));
        assertEquals(1, armored.recipients().size());
        assertTrue(armored.recipients().get(0).contains("Alice <alice@example.org>"), armored.recipients().toString());
        assertEquals(256, armored.key().cipherBits());
        KeyUpload.Accepted binary = pgp(tools.gpgExport(false, "bob@example.org"));
        assertTrue(binary.recipients().get(0).contains("Bob <bob@example.org>"));
    }

    @Test
    void severalPublicKeysAreAllRecipients() throws Exception {
        KeyUpload.Accepted both = pgp(tools.gpgExport(true, "alice@example.org", "bob@example.org"));
        assertEquals(2, both.recipients().size(), both.recipients().toString());
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        concatenated.writeBytes(tools.gpgExport(true, "alice@example.org"));
        concatenated.writeBytes(tools.gpgExport(true, "bob@example.org"));
        assertEquals(2, pgp(concatenated.toByteArray()).recipients().size());
        assertEquals(2, pgp(tools.gpgExport(false, "alice@example.org", "bob@example.org")).recipients().size());
    }

    @Test
    void aPrivateKeyIsRefused() throws Exception {
        assertTrue(refusedPgp(tools.gpgExportSecret("alice@example.org")).contains("private key"));
    }

    @Test
    void anExpiredKeyIsRefused() throws Exception {
        String message = refusedPgp(tools.gpgExport(true, "old@example.org"));
        assertTrue(message.contains("expired on 2020-12-31"), message);
    }

    @Test
    void aKeyThatCannotEncryptIsRefused() throws Exception {
        String message = refusedPgp(tools.gpgExport(true, "signer@example.org"));
        assertTrue(message.contains("cannot encrypt"), message);
    }

    @Test
    void oneBadKeyAmongSeveralRefusesTheUpload() throws Exception {
        String message = refusedPgp(tools.gpgExport(true, "alice@example.org", "signer@example.org"));
        assertTrue(message.contains("cannot encrypt"), message);
    }

    @Test
    void garbageEmptyAndHugeFilesAreRefused() throws Exception {
        assertTrue(refusedPgp("hello, this is not a key\n".getBytes(StandardCharsets.US_ASCII))
                .contains("not an OpenPGP public key"));
        assertTrue(refusedSmime("hello, this is not a certificate\n".getBytes(StandardCharsets.US_ASCII))
                .contains("not an X.509 certificate"));
        assertTrue(refusedPgp(new byte[0]).contains("empty"));
        assertTrue(refusedSmime(new byte[0]).contains("empty"));
        assertTrue(refusedPgp(new byte[10 * 1024 * 1024]).contains("at most 1048576 bytes"));
    }

    @Test
    void aCertificateInDerOrPemIsAccepted() throws Exception {
        KeyUpload.Accepted pem = smime(Files.readAllBytes(dir.resolve("alice.pem")));
        assertTrue(pem.recipients().get(0).contains("CN=alice"), pem.recipients().toString());
        assertEquals(128, pem.key().cipherBits());
        assertEquals(KeyKind.SMIME, smime(tools.opensslDer("alice")).key().kind());
    }

    @Test
    void severalCertificatesInOnePemAreAllRecipients() throws Exception {
        byte[] both = (Files.readString(dir.resolve("alice.pem")) + Files.readString(dir.resolve("carol.pem")))
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(2, smime(both).recipients().size());
    }

    @Test
    void severalCertificatesInDerAreRefused() throws Exception {
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        two.writeBytes(tools.opensslDer("alice"));
        two.writeBytes(tools.opensslDer("alice"));
        assertTrue(refusedSmime(two.toByteArray()).contains("as one PEM file"));
    }

    @Test
    void privateKeysAndPkcs12AreRefused() throws Exception {
        assertTrue(refusedSmime(Files.readAllBytes(dir.resolve("alice.key"))).contains("private key"));
        byte[] combined = (Files.readString(dir.resolve("alice.pem")) + Files.readString(dir.resolve("alice.key")))
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(refusedSmime(combined).contains("private key"));
        byte[] p12 = tools.run(null, "openssl", "pkcs12", "-export", "-in", "alice.pem", "-inkey", "alice.key",
                "-passout", "pass:");
        assertTrue(refusedSmime(p12).contains("PKCS #12"));
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        tools.opensslCertificate("brief", "brief@example.org", "rsa:2048", 1);
        String message = assertThrows(UploadRejected.class, () -> KeyUpload.check(KeyKind.SMIME, 256,
                Files.readAllBytes(dir.resolve("brief.pem")), Instant.now().plus(Duration.ofDays(2)))).getMessage();
        assertTrue(message.contains("expired on"), message);
    }

    @Test
    void aCertificateForSigningOnlyIsRefused() throws Exception {
        tools.opensslCertificate("signing", "signing@example.org", "rsa:2048", 365,
                "keyUsage=critical,digitalSignature");
        assertTrue(refusedSmime(Files.readAllBytes(dir.resolve("signing.pem"))).contains("may not be used for encryption"));
        tools.opensslCertificate("server", "server@example.org", "rsa:2048", 365, "extendedKeyUsage=serverAuth");
        assertTrue(refusedSmime(Files.readAllBytes(dir.resolve("server.pem"))).contains("not for e-mail"));
    }

    @Test
    void theWrongKindForTheMethodIsSaidSo() throws Exception {
        assertTrue(refusedPgp(Files.readAllBytes(dir.resolve("alice.pem"))).contains("S/MIME certificate"));
        assertTrue(refusedSmime(tools.gpgExport(true, "alice@example.org")).contains("PGP key"));
    }
}
