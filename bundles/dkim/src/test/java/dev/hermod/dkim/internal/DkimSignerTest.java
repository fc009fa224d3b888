package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.testing.DnsServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures made by {@link DkimSigner}, verified by an independent verifier (dkimpy) and by Hermod's
 * {@link DkimVerifier} against a real DNS server: rsa-sha256 and ed25519-sha256, 8-bit headers and body, a body
 * without a final CRLF, folded headers, a message signed before, key choice and failures.
 */
class DkimSignerTest {

    @TempDir
    static Path keyDir;

    @TempDir
    static Path work;

    private static final List<String> RECORDS = new ArrayList<>();
    private static DnsServer dns;
    private static DkimSigner signer;
    private static DkimVerifier verifier;

    static final String MESSAGE = "From: Jane Doe <jane@example.com>\r\n"
            + "To: joe@example.org\r\n"
            + "Subject: Lunch  on Friday?\r\n"
            + "Date: Tue, 2 Jun 2026 10:00:00 +0000\r\n"
            + "Message-ID: <1@example.com>\r\n"
            + "X-Mailer: not signed\r\n"
            + "\r\n"
            + "Hi Joe,  \r\n"
            + "\r\n"
            + "shall we meet at noon?\t\r\n"
            + "\r\n\r\n";

    @BeforeAll
    static void start() throws Exception {
        DkimpyVerifier.require();
        DkimKeys keys = new DkimKeys(keyDir, Clock.systemUTC());
        RECORDS.add(keys.create("example.com", "rsa2026", "rsa").record());
        RECORDS.add(keys.create("example.com", "ed2026", "ed25519").record());
        RECORDS.add(keys.create("example.net", "net", "rsa").record());
        RECORDS.add(keys.create("bücher.example", "b", "ed25519").record());
        dns = DnsServer.start(String.join("\n", RECORDS) + "\n");
        signer = signer(keyDir, Map.of());
        verifier = new DkimVerifier(new DnsLookup(List.of("127.0.0.1:" + dns.port()), Duration.ofSeconds(3)),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    static DkimSigner signer(Path dir, Map<String, List<String>> pinned) {
        DkimSigner.Config defaults = (DkimSigner.Config) Proxy.newProxyInstance(DkimSignerTest.class.getClassLoader(),
                new Class<?>[] {DkimSigner.Config.class}, (proxy, method, args) -> method.getDefaultValue());
        return new DkimSigner(dir, pinned, Arrays.asList(defaults.headers()), Arrays.asList(defaults.oversign()),
                Clock.systemUTC());
    }

    /** Signs for a domain and prepends the fields as the core does. */
    static byte[] signed(DkimSigner s, String domain, byte[] message) throws Exception {
        List<String> fields = s.sign(domain, new ByteArrayInputStream(message));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String f : fields) {
            out.writeBytes((f + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(message);
        return out.toByteArray();
    }

    private static List<String> hermod(byte[] message) {
        return verifier.verify(RawMessage.parse(message)).stream()
                .map(r -> r.result() + (r.reason() == null ? "" : " (" + r.reason() + ")")).toList();
    }

    private static List<String> dkimpy(byte[] message) throws Exception {
        return DkimpyVerifier.verify(message, RECORDS, work);
    }

    private static void assertBothPass(byte[] signed, int signatures) throws Exception {
        String text = new String(signed, StandardCharsets.UTF_8);
        assertEquals(nCopies("True", signatures), dkimpy(signed), text);
        assertEquals(nCopies("pass", signatures), hermod(signed), text);
    }

    private static List<String> nCopies(String s, int n) {
        return Collections.nCopies(n, s);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void rsaAndEd25519SignaturesVerify() throws Exception {
        List<String> fields = signer.sign("example.com", new ByteArrayInputStream(ascii(MESSAGE)));
        assertEquals(2, fields.size(), fields.toString());
        assertTrue(fields.get(0).contains("a=rsa-sha256;") && fields.get(0).contains("s=rsa2026;"), fields.get(0));
        assertTrue(fields.get(1).contains("a=ed25519-sha256;") && fields.get(1).contains("s=ed2026;"), fields.get(1));
        assertBothPass(signed(signer, "example.com", ascii(MESSAGE)), 2);
    }

    @Test
    void fieldIsFoldedAndCarriesTheExpectedTags() throws Exception {
        long before = Instant.now().getEpochSecond();
        for (String field : signer.sign("example.com", new ByteArrayInputStream(ascii(MESSAGE)))) {
            assertTrue(field.startsWith("DKIM-Signature: v=1; a="), field);
            assertFalse(field.endsWith("\r\n"), field);
            String[] lines = field.split("\r\n", -1);
            assertTrue(lines.length > 2, field);
            for (int i = 0; i < lines.length; i++) {
                assertTrue(lines[i].length() <= SignatureField.LINE, "line too long: " + lines[i]);
                assertTrue(i == 0 || lines[i].startsWith("\t"), "continuation without white space: " + lines[i]);
            }
            DkimSignatureHeader sig = DkimSignatureHeader.parse(field, before);
            assertEquals(List.of("from", "to", "subject", "date", "message-id", "from"), sig.signedHeaders());
            assertEquals(Canonicalizer.RELAXED, sig.headerCanon());
            assertEquals(Canonicalizer.RELAXED, sig.bodyCanon());
            assertEquals("example.com", sig.domain());
            assertTrue(sig.timestamp() >= before && sig.timestamp() <= Instant.now().getEpochSecond() + 1, field);
            assertEquals(sig.algorithm().startsWith("rsa") ? 256 : 64, sig.signature().length);
            assertEquals(32, sig.bodyHash().length);
        }
    }

    @Test
    void eightBitUtf8HeaderAndBody() throws Exception {
        String message = "From: Jürgen Groß <juergen@example.com>\r\n"
                + "To: Zoë <zoe@example.org>\r\n"
                + "Subject: Grüße aus Köln — 日本語\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "Schöne Grüße,  Jürgen ✉\r\n";
        byte[] signed = signed(signer, "example.com", message.getBytes(StandardCharsets.UTF_8));
        assertBothPass(signed, 2);
        String tampered = new String(signed, StandardCharsets.UTF_8).replace("Köln", "Bonn");
        assertEquals(List.of("False", "False"), dkimpy(tampered.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bodyWithoutFinalCrlf() throws Exception {
        byte[] signed = signed(signer, "example.com", ascii(MESSAGE + "last line  without a line end"));
        assertBothPass(signed, 2);
        assertBothPass(signed(signer, "example.com", ascii(MESSAGE.substring(0, MESSAGE.indexOf("\r\n\r\n") + 2))), 2);
    }

    @Test
    void foldedHeaders() throws Exception {
        String message = "From: \"Doe, Jane\"\r\n\t<jane@example.com>\r\n"
                + "To: joe@example.org,\r\n  ann@example.org,\r\n\tbob@example.org\r\n"
                + "Subject: a subject that goes on\r\n and on\r\n\tand on\r\n"
                + "List-Id: Team\r\n <team.example.com>\r\n"
                + "\r\n"
                + "Body\r\n";
        byte[] signed = signed(signer, "example.com", ascii(message));
        assertBothPass(signed, 2);
        assertTrue(new String(signed, StandardCharsets.ISO_8859_1).contains("list-id"), "List-* is signed");
        // relaxed canonicalization: folded otherwise on the way, the signature still holds
        String refolded = new String(signed, StandardCharsets.ISO_8859_1).replace(" and on\r\n\tand on", " and on and on");
        assertEquals(List.of("pass", "pass"), hermod(ascii(refolded)));
        assertEquals(List.of("True", "True"), dkimpy(ascii(refolded)));
    }

    @Test
    void secondSignatureOverSignedMessage() throws Exception {
        DkimpySigner other = DkimpySigner.rsa("list", "example.org", work);
        RECORDS.add(other.zoneRecord().strip());
        dns.zone(String.join("\n", RECORDS) + "\n");
        byte[] signedElsewhere = other.sign(ascii(MESSAGE), "relaxed", "relaxed");
        byte[] resigned = signed(signer, "example.com", signedElsewhere);
        assertBothPass(resigned, 3);
        byte[] thrice = signed(signer, "example.net", resigned);
        assertBothPass(thrice, 4);
        assertTrue(new String(thrice, StandardCharsets.ISO_8859_1).startsWith("DKIM-Signature: v=1; a=rsa-sha256;"
                + " c=relaxed/relaxed; d=example.net;"));
    }

    @Test
    void changesToSignedContentFail() throws Exception {
        String signed = new String(signed(signer, "example.com", ascii(MESSAGE)), StandardCharsets.ISO_8859_1);
        assertTrue(dkimpy(ascii(signed.replace("noon", "one"))).stream().allMatch(r -> r.startsWith("error:body_hash_mismatch")));
        assertEquals(List.of("fail (body hash did not verify)", "fail (body hash did not verify)"),
                hermod(ascii(signed.replace("noon", "one"))));
        // From is oversigned: a second From above the signed one breaks the signature
        String added = signed.replace("From: Jane", "From: mallory@example.com\r\nFrom: Jane");
        assertEquals(List.of("fail (signature did not verify)", "fail (signature did not verify)"), hermod(ascii(added)));
        assertEquals(List.of("False", "False"), dkimpy(ascii(added)));
        // an unsigned field may change
        assertEquals(List.of("pass", "pass"), hermod(ascii(signed.replace("not signed", "changed"))));
    }

    @Test
    void domainsWithoutKeyAreNotSigned() throws Exception {
        assertTrue(signer.canSign("example.com"));
        assertTrue(signer.canSign("EXAMPLE.com."));
        assertFalse(signer.canSign("example.org"));
        assertFalse(signer.canSign("not a domain"));
        InputStream in = new ByteArrayInputStream(ascii(MESSAGE));
        assertEquals(List.of(), signer.sign("example.org", in));
        assertEquals(0, in.available(), "the message is read to the end");
    }

    @Test
    void internationalizedDomainSignsWithItsALabel() throws Exception {
        assertTrue(signer.canSign("bücher.example"));
        assertTrue(signer.canSign("xn--bcher-kva.example"));
        List<String> fields = signer.sign("bücher.example", new ByteArrayInputStream(ascii(MESSAGE)));
        assertEquals(1, fields.size());
        assertTrue(fields.get(0).contains("d=xn--bcher-kva.example;"), fields.get(0));
        assertBothPass(signed(signer, "bücher.example", ascii(MESSAGE)), 1);
    }

    @Test
    void newestKeySignsUnlessASelectorIsPinned(@TempDir Path dir) throws Exception {
        DkimKeys keys = new DkimKeys(dir, Clock.systemUTC());
        keys.create("example.com", "old", "rsa");
        keys.create("example.com", "new", "rsa");
        keys.create("example.com", "newer", "rsa");
        Files.setLastModifiedTime(dir.resolve("example.com.old.key"), FileTime.from(Instant.now().minusSeconds(300)));
        Files.setLastModifiedTime(dir.resolve("example.com.new.key"), FileTime.from(Instant.now().minusSeconds(100)));
        Files.setLastModifiedTime(dir.resolve("example.com.newer.key"), FileTime.from(Instant.now().minusSeconds(200)));
        assertEquals(List.of("new"), selectors(signer(dir, Map.of())));
        assertEquals(List.of("old"), selectors(signer(dir, Map.of("example.com", List.of("old")))));
        assertEquals(List.of("newer", "old"), selectors(signer(dir, Map.of("example.com", List.of("newer", "old")))));
        DkimSigner pinnedToMissing = signer(dir, Map.of("example.com", List.of("gone")));
        assertFalse(pinnedToMissing.canSign("example.com"));
        assertEquals(List.of(), pinnedToMissing.sign("example.com", new ByteArrayInputStream(ascii(MESSAGE))));
        List<String> listed = signer(dir, Map.of()).list();
        assertEquals(3, listed.size(), listed.toString());
        assertTrue(listed.get(0).startsWith("example.com new rsa-2048 " + dir.resolve("example.com.new.key"))
                && listed.get(0).endsWith(" in use"), listed.toString());
        assertFalse(listed.get(1).endsWith(" in use"), listed.toString());
    }

    private static List<String> selectors(DkimSigner s) throws Exception {
        List<String> out = new ArrayList<>();
        for (String f : s.sign("example.com", new ByteArrayInputStream(ascii(MESSAGE)))) {
            Matcher m = Pattern.compile("s=([^;]+);").matcher(f);
            assertTrue(m.find());
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void unreadableKeyIsATemporaryFailure(@TempDir Path dir) throws Exception {
        new DkimKeys(dir, Clock.systemUTC()).create("example.com", "good", "rsa");
        Path broken = dir.resolve("example.com.broken.key");
        Files.writeString(broken, "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(new byte[40])
                + "\n-----END PRIVATE KEY-----\n");
        Files.setLastModifiedTime(broken, FileTime.from(Instant.now().plusSeconds(60)));
        DkimSigner s = signer(dir, Map.of());
        assertTrue(s.canSign("example.com"));
        TemporaryFailureException e = assertThrows(TemporaryFailureException.class,
                () -> s.sign("example.com", new ByteArrayInputStream(ascii(MESSAGE))));
        assertTrue(e.getMessage().contains("example.com.broken.key"), e.getMessage());
        // once it is older than a good key, it is skipped
        Files.setLastModifiedTime(broken, FileTime.from(Instant.now().minusSeconds(600)));
        assertEquals(List.of("good"), selectors(signer(dir, Map.of())));
    }

    @Test
    void configurationPinsSelectorsAndNeedsADirectory() {
        Map<String, List<String>> pinned = DkimSigner.pinned(Map.of("selector.Example.COM", "a, b",
                "selector.example.net", new String[] {"c"}, "keys.directory", "/x", "component.id", 1L));
        assertEquals(Map.of("example.com", List.of("a", "b"), "example.net", List.of("c")), pinned);
        assertEquals(List.of("from", "to", "list-*"), DkimSigner.names(List.of("From, to", " LIST-* ", "", "from")));
        assertEquals(Path.of("/etc/hermod/dkim"), DkimSigner.directory("", "/etc/hermod"));
        assertEquals(Path.of("/keys"), DkimSigner.directory("/keys", "/etc/hermod"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DkimSigner.directory("", null));
        assertTrue(e.getMessage().contains("keys.directory"), e.getMessage());
    }
}
