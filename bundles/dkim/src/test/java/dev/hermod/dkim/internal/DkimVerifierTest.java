package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermod.testing.DnsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DKIM verification of messages signed by an independent signer (dkimpy), with the keys published by a real DNS
 * server: RSA-2048 and Ed25519, relaxed and simple canonicalization, l=, tampering, missing keys.
 */
class DkimVerifierTest {

    @TempDir
    static Path keys;

    private static DnsServer dns;
    private static DkimpySigner rsa;
    private static DkimpySigner ed;
    private static DkimpySigner unpublished;
    private static DkimpySigner brokenDns;
    private static DkimVerifier verifier;

    private static final String MESSAGE = "From: Jane Doe <jane@example.com>\r\n"
            + "To: joe@example.org\r\n"
            + "Subject: Lunch  on\r\n\tFriday?\r\n"
            + "Date: Tue, 2 Jun 2026 10:00:00 +0000\r\n"
            + "Message-ID: <1@example.com>\r\n"
            + "\r\n"
            + "Hi Joe,  \r\n"
            + "\r\n"
            + "shall we meet at noon?\t\r\n"
            + "\r\n\r\n";

    @BeforeAll
    static void start() throws Exception {
        DkimpySigner.requireDkimpy();
        rsa = DkimpySigner.rsa("rsa2026", "example.com", keys);
        ed = DkimpySigner.ed25519("ed2026", "example.com", keys);
        unpublished = DkimpySigner.rsa("gone", "example.com", keys);
        brokenDns = DkimpySigner.rsa("sel", "broken.test", keys);
        dns = DnsServer.start(rsa.zoneRecord() + ed.zoneRecord()
                + "revoked._domainkey.example.com. TXT \"v=DKIM1; k=rsa; p=\"\n");
        dns.failWith("sel._domainkey.broken.test");
        verifier = new DkimVerifier(new DnsLookup(List.of("127.0.0.1:" + dns.port()), Duration.ofSeconds(3)),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    private static List<DkimResult> verify(byte[] message) {
        return verifier.verify(RawMessage.parse(message));
    }

    private static byte[] message() {
        return MESSAGE.getBytes(StandardCharsets.US_ASCII);
    }

    private static String result(byte[] message) {
        List<DkimResult> results = verify(message);
        assertEquals(1, results.size(), results.toString());
        return results.get(0).result() + (results.get(0).reason() == null ? "" : " (" + results.get(0).reason() + ")");
    }

    @Test
    void rsaRelaxedAndSimplePass() throws Exception {
        assertEquals("pass", result(rsa.sign(message(), "relaxed", "relaxed")));
        assertEquals("pass", result(rsa.sign(message(), "simple", "simple")));
        assertEquals("pass", result(rsa.sign(message(), "relaxed", "simple")));
        DkimResult r = verify(rsa.sign(message(), "relaxed", "relaxed")).get(0);
        assertEquals("example.com", r.domain());
        assertEquals("rsa2026", r.selector());
    }

    @Test
    void ed25519Pass() throws Exception {
        assertEquals("pass", result(ed.sign(message(), "relaxed", "relaxed")));
        assertEquals("pass", result(ed.sign(message(), "simple", "simple")));
    }

    @Test
    void relaxedSurvivesWhitespaceChangesAndSimpleDoesNot() throws Exception {
        String relaxed = new String(rsa.sign(message(), "relaxed", "relaxed"), StandardCharsets.ISO_8859_1);
        String simple = new String(rsa.sign(message(), "simple", "simple"), StandardCharsets.ISO_8859_1);
        String[] edits = {"Subject: Lunch  on", "Subject:  Lunch on", "Hi Joe,  \r\n", "Hi  Joe, \r\n"};
        assertEquals("pass", result(bytes(relaxed.replace(edits[0], edits[1]).replace(edits[2], edits[3]))));
        assertEquals("fail (signature did not verify)", result(bytes(simple.replace(edits[0], edits[1]))));
        assertEquals("fail (body hash did not verify)", result(bytes(simple.replace(edits[2], edits[3]))));
    }

    @Test
    void lengthLimitedSignaturePassesWithAppendedText() throws Exception {
        byte[] signed = rsa.signWithLength(message());
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        assertEquals(true, text.contains(" l=") || text.contains(";l="), text);
        assertEquals("pass", result(signed));
        assertEquals("pass", result(bytes(text + "Appended by a mailing list\r\n")));
        assertEquals("pass", result(ed.signWithLength(message())));
    }

    @Test
    void tamperedBodyOrSignedHeaderFails() throws Exception {
        for (DkimpySigner signer : List.of(rsa, ed)) {
            String signed = new String(signer.sign(message(), "relaxed", "relaxed"), StandardCharsets.ISO_8859_1);
            assertEquals("fail (body hash did not verify)", result(bytes(signed.replace("noon", "one"))));
            assertEquals("fail (signature did not verify)", result(bytes(signed.replace("Friday", "Monday"))));
            assertEquals("fail (signature did not verify)",
                    result(bytes(signed.replace("jane@example.com", "ceo@example.com"))));
        }
    }

    @Test
    void unsignedHeadersMayChange() throws Exception {
        String signed = new String(rsa.sign(message(), "relaxed", "relaxed"), StandardCharsets.ISO_8859_1);
        assertEquals("pass", result(bytes(signed.replace("\r\n\r\nHi Joe", "\r\nX-Spam: no\r\n\r\nHi Joe"))));
    }

    @Test
    void addedFromFieldBreaksTheSignature() throws Exception {
        // dkimpy signs From twice (h=from:...:from), so a second From added above cannot pass
        String signed = new String(rsa.sign(message(), "relaxed", "relaxed"), StandardCharsets.ISO_8859_1);
        assertEquals("fail (signature did not verify)",
                result(bytes(signed.replace("From: Jane", "From: evil@example.net\r\nFrom: Jane"))));
    }

    @Test
    void missingKeyIsPermerrorAndDnsFailureTemperror() throws Exception {
        assertEquals("permerror", verify(unpublished.sign(message(), "relaxed", "relaxed")).get(0).result());
        assertEquals("temperror", verify(brokenDns.sign(message(), "relaxed", "relaxed")).get(0).result());
        String revoked = new String(rsa.sign(message(), "relaxed", "relaxed"), StandardCharsets.ISO_8859_1)
                .replace("s=rsa2026", "s=revoked");
        assertEquals("permerror (key revoked (empty p=))", result(bytes(revoked)));
    }

    @Test
    void everySignatureIsReported() throws Exception {
        byte[] twice = ed.sign(rsa.sign(message(), "relaxed", "relaxed"), "relaxed", "relaxed");
        List<DkimResult> results = verify(twice);
        assertEquals(2, results.size());
        assertEquals("ed2026", results.get(0).selector());
        assertEquals("rsa2026", results.get(1).selector());
        assertEquals(List.of("pass", "pass"), results.stream().map(DkimResult::result).toList());
    }

    @Test
    void expiredSignatureAndMalformedSignature() throws Exception {
        byte[] signed = rsa.sign(message(), "relaxed", "relaxed");
        DkimVerifier later = new DkimVerifier(new DnsLookup(List.of("127.0.0.1:" + dns.port()), Duration.ofSeconds(3)),
                Clock.fixed(Instant.now().plusSeconds(3600), ZoneOffset.UTC));
        assertEquals("pass", later.verify(RawMessage.parse(signed)).get(0).result()); // no x=: no expiry
        String withX = new String(signed, StandardCharsets.ISO_8859_1).replaceFirst("v=1;", "v=1; x=1000000000;");
        DkimResult expired = verifier.verify(RawMessage.parse(bytes(withX))).get(0);
        assertEquals("permerror", expired.result());
        String noFrom = "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=x; h=to; bh=AAAA; b=AAAA\r\n" + MESSAGE;
        assertEquals("permerror (From is not signed (h= must include it, RFC 6376 §5.4))", result(bytes(noFrom)));
    }

    @Test
    void rsaSha1IsVerifiedButWeak() throws Exception {
        // rsa-sha1 is still verified, and reported as policy (RFC 8301)
        byte[] signed = rsa.sign(message(), "relaxed", "relaxed", "rsa-sha1");
        assertEquals("policy (rsa-sha1 is too weak, RFC 8301)", result(signed));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
