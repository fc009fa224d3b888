package dev.hermod.outbound.internal;

import static dev.hermod.outbound.internal.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.outbound.TransportResult.Outcome;
import dev.hermod.api.outbound.TransportResult.Status;
import dev.hermod.testing.DnsServer;
import dev.hermod.testing.DovecotServer;
import dev.hermod.testing.PostfixServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MTA-STS (RFC 8461) end to end: TXT records in a real DNS server, policies from an HTTPS server with a
 * certificate made by openssl (trusted through {@code mta-sts.trust.file}), delivery to a real Postfix whose
 * certificate names some of the MX hosts (trusted through {@code tls.trust.file}), read back from Dovecot.
 */
class MtaStsDeliveryTest {

    /** Domains with a policy host; the policy server's certificate names mta-sts.<each>. */
    private static final String[] POLICY_DOMAINS = {"remote.example", "notlisted.example", "badcert.example",
        "testing.example", "rotate.example", "cached.example", "expiry.example", "broken.example"};

    private static final Map<String, String> RECORDS = new LinkedHashMap<>();

    private static DnsServer dns;
    private static DovecotServer dovecot;
    private static PostfixServer postfix;
    private static PolicyServer policies;
    private static Path directory;

    @BeforeAll
    static void start() throws Exception {
        StringBuilder zone = new StringBuilder();
        for (String d : POLICY_DOMAINS) {
            zone.append(d).append(". MX 10 mx.").append(d).append(".\n");
            zone.append("mx.").append(d).append(". A 127.0.0.1\n");
            zone.append("mta-sts.").append(d).append(". A 127.0.0.1\n");
            RECORDS.put(d, "v=STSv1; id=1");
        }
        zone.append("plain.example. MX 10 mx.plain.example.\nmx.plain.example. A 127.0.0.1\n");
        // A policy host whose name the policy server's certificate does not hold.
        zone.append("_mta-sts.unnamed.example. TXT \"v=STSv1; id=1\"\nmta-sts.unnamed.example. A 127.0.0.1\n");
        baseZone = zone.toString();
        dns = DnsServer.start(zoneText());
        directory = Files.createTempDirectory("hermod-mta-sts");
        policies = PolicyServer.start(directory, POLICY_DOMAINS);
        policies.policy("remote.example", "enforce", 86400, "mx.remote.example");
        policies.policy("notlisted.example", "enforce", 86400, "mx.remote.example", "*.elsewhere.example");
        policies.policy("badcert.example", "enforce", 86400, "*.badcert.example");
        policies.policy("testing.example", "testing", 86400, "mx.elsewhere.example");
        policies.policy("rotate.example", "enforce", 86400, "mx.elsewhere.example");
        policies.policy("cached.example", "enforce", 86400, "mx.elsewhere.example");
        policies.policy("expiry.example", "enforce", 600, "mx.expiry.example");
        dovecot = DovecotServer.builder().user("ann", "secret").user("ben", "secret").user("cat", "secret")
                .user("dan", "secret").user("eve", "secret").user("fay", "secret").user("gus", "secret").start();
        postfix = PostfixServer.builder().lmtpTo(dovecot.host(), dovecot.lmtpPort())
                .relayDomains("remote.example", "notlisted.example", "badcert.example", "testing.example",
                        "rotate.example", "cached.example", "plain.example")
                .tls("mx.remote.example", "mx.rotate.example", "mx.cached.example", "mx.plain.example")
                .start();
    }

    private static String baseZone;

    private static String zoneText() {
        StringBuilder zone = new StringBuilder(baseZone);
        RECORDS.forEach((d, txt) -> zone.append("_mta-sts.").append(d).append(". TXT \"").append(txt).append("\"\n"));
        return zone.toString();
    }

    private static void txt(String domain, String record) {
        RECORDS.put(domain, record);
        dns.zone(zoneText());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {postfix, dovecot, policies, dns}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing the rest
            }
        }
    }

    private static SmtpTransport transport(Map<String, Object> extra) {
        return transport(policies.port(), extra);
    }

    private static SmtpTransport transport(int policyPort, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of("dns.servers", "127.0.0.1:" + dns.port(),
                "smtp.port", postfix.port(), "dns.timeout", 3, "tls.trust.file", postfix.tlsCertificate().toString(),
                "mta-sts.trust.file", policies.certificate().toString(), "mta-sts.port", policyPort,
                "mta-sts.timeout", 5));
        config.putAll(extra);
        return Messages.transport(config);
    }

    private static String content(String subject) {
        return "From: <sender@hermod.test>\r\nTo: <someone@remote.example>\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + subject.replace(' ', '-') + "@hermod.test>\r\n\r\nbody of " + subject + "\r\n";
    }

    private static Outcome send(SmtpTransport transport, String id, String domain, String user) {
        return transport.send(message(id, domain, content(id), user + "@" + domain)).outcomes().get(0);
    }

    /** Waits for Dovecot to hold {@code count} messages of a user, one of them the message {@code id}. */
    private static void assertStored(String user, int count, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (dovecot.count(user) < count && System.nanoTime() < deadline) {
            sleep(20);
        }
        assertEquals(count, dovecot.count(user), "messages of " + user + "\n" + postfix.logTail());
        assertTrue(dovecot.messages(user).stream().map(m -> new String(m, StandardCharsets.UTF_8))
                .anyMatch(m -> m.contains("body of " + id + "\n")), "no message " + id + " for " + user);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertDeferredBySts(Outcome o) {
        assertEquals(Status.TEMPORARY_FAILURE, o.status(), o.toString());
        assertEquals("451 4.7.5", o.reply().code() + " " + o.reply().enhancedStatus(), o.toString());
        assertTrue(o.reply().text().startsWith("MTA-STS policy of "), o.reply().text());
    }

    /** Runs an action with System.err copied, and returns what was written there (slf4j-simple logs there). */
    private static <T> T capturingErr(StringBuilder log, Supplier<T> action) {
        PrintStream err = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setErr(new PrintStream(copy, true, StandardCharsets.UTF_8));
        try {
            return action.get();
        } finally {
            System.setErr(err);
            log.append(copy.toString(StandardCharsets.UTF_8));
            err.print(log);
        }
    }

    @Test
    void enforceWithAMatchingMxAndAValidCertificateDelivers() {
        try (Closing c = closing(transport(Map.of()))) {
            SmtpTransport t = c.transport();
            Outcome o = send(t, "enforce-ok", "remote.example", "ann");
            assertEquals(Status.DELIVERED, o.status(), o + "\n" + postfix.logTail());
            assertStored("ann", 1, "enforce-ok");
            assertTrue(policies.fetches("remote.example") >= 1);
        }
        String raw = new String(dovecot.messages("ann").get(0), StandardCharsets.UTF_8);
        assertTrue(raw.contains("with ESMTPS id"), raw);
    }

    @Test
    void enforceWithoutAMatchingMxDefers() {
        int before = dovecot.countAll();
        try (Closing c = closing(transport(Map.of()))) {
            SmtpTransport t = c.transport();
            Outcome o = send(t, "enforce-nomx", "notlisted.example", "ben");
            assertDeferredBySts(o);
            assertTrue(o.reply().text().contains("no MX host (mx.notlisted.example) matches"), o.reply().text());
            assertEquals(null, o.remoteMta());
        }
        sleep(300);
        assertEquals(before, dovecot.countAll());
    }

    @Test
    void enforceWithAnUntrustedOrWrongCertificateDefers() {
        int before = dovecot.countAll();
        // The JDK's trust store does not hold Postfix's self-signed certificate.
        try (Closing c = closing(transport(Map.of("tls.trust.file", "")))) {
            SmtpTransport t = c.transport();
            Outcome o = send(t, "enforce-untrusted", "remote.example", "cat");
            assertDeferredBySts(o);
            assertTrue(o.reply().text().contains("TLS with a valid certificate required but not available with"
                    + " mx.remote.example"), o.reply().text());
        }
        // Trusted, but it does not name mx.badcert.example.
        try (Closing c = closing(transport(Map.of()))) {
            SmtpTransport t = c.transport();
            Outcome o = send(t, "enforce-badname", "badcert.example", "cat");
            assertDeferredBySts(o);
        }
        sleep(300);
        assertEquals(before, dovecot.countAll());
        assertEquals(0, dovecot.count("cat"));
    }

    @Test
    void testingModeDeliversAndLogs() {
        StringBuilder log = new StringBuilder();
        try (Closing c = closing(transport(Map.of()))) {
            SmtpTransport t = c.transport();
            Outcome o = capturingErr(log, () -> send(t, "testing-mode", "testing.example", "dan"));
            assertEquals(Status.DELIVERED, o.status(), o + "\n" + postfix.logTail());
            assertStored("dan", 1, "testing-mode");
        }
        String text = log.toString();
        assertTrue(text.contains("MTA-STS policy of testing.example, mode testing: MX host mx.testing.example"
                + " matches no mx of the policy"), text);
        assertTrue(text.contains("MTA-STS policy of testing.example, mode testing: the certificate of"
                + " mx.testing.example"), text);
        assertTrue(text.contains("would fail validation"), text);
    }

    @Test
    void noTxtRecordDeliversAsBefore() {
        try (Closing c = closing(transport(Map.of()))) {
            SmtpTransport t = c.transport();
            Outcome o = send(t, "no-sts", "plain.example", "eve");
            assertEquals(Status.DELIVERED, o.status(), o + "\n" + postfix.logTail());
            assertStored("eve", 1, "no-sts");
        }
        assertEquals(0, policies.fetches("plain.example"));
        // mta-sts.enabled = false: not even a policy that would defer applies.
        try (Closing c = closing(transport(Map.of("mta-sts.enabled", false)))) {
            SmtpTransport t = c.transport();
            Outcome o = send(t, "sts-off", "badcert.example", "eve");
            assertEquals(Status.DELIVERED, o.status(), o + "\n" + postfix.logTail());
            assertStored("eve", 2, "sts-off");
        }
    }

    @Test
    void aCachedPolicyStaysInForceWhenThePolicyHostIsDown() throws Exception {
        Path own = Files.createTempDirectory(directory, "down");
        PolicyServer server = PolicyServer.start(own, "cached.example");
        server.policy("cached.example", "enforce", 86400, "mx.elsewhere.example");
        // Its own trust file: that server's certificate.
        Map<String, Object> trust = Map.of("mta-sts.trust.file", server.certificate().toString());
        try (Closing c = closing(transport(server.port(), trust))) {
            SmtpTransport t = c.transport();
            assertDeferredBySts(send(t, "cached-1", "cached.example", "fay"));
            assertEquals(1, server.fetches("cached.example"));
            server.close();
            // A new id makes the transport fetch again; the fetch fails, the cached policy is kept (§5.1).
            txt("cached.example", "v=STSv1; id=2");
            assertDeferredBySts(send(t, "cached-2", "cached.example", "fay"));
        }
        // Without a cached policy, a failed fetch means no policy: delivered.
        try (Closing c = closing(transport(server.port(), trust))) {
            SmtpTransport t = c.transport();
            Outcome o = send(t, "cached-3", "cached.example", "fay");
            assertEquals(Status.DELIVERED, o.status(), o + "\n" + postfix.logTail());
            assertStored("fay", 1, "cached-3");
        }
    }

    @Test
    void aNewTxtIdMakesThePolicyFetchedAgain() {
        try (Closing c = closing(transport(Map.of()))) {
            SmtpTransport t = c.transport();
            assertDeferredBySts(send(t, "rotate-1", "rotate.example", "gus"));
            int fetched = policies.fetches("rotate.example");
            // The published policy changes, the id does not: the cached one is used, nothing is fetched.
            policies.policy("rotate.example", "enforce", 86400, "mx.rotate.example");
            assertDeferredBySts(send(t, "rotate-2", "rotate.example", "gus"));
            assertEquals(fetched, policies.fetches("rotate.example"));
            // New id: fetched again, now the MX matches.
            txt("rotate.example", "v=STSv1; id=20251125T1;");
            int before = dovecot.count("gus");
            Outcome o = send(t, "rotate-3", "rotate.example", "gus");
            assertEquals(Status.DELIVERED, o.status(), o + "\n" + postfix.logTail());
            assertEquals(fetched + 1, policies.fetches("rotate.example"));
            assertStored("gus", before + 1, "rotate-3");
        }
    }

    @Test
    void anExpiredPolicyIsFetchedAgain() {
        MutableClock clock = new MutableClock();
        DnsClient client = new DnsClient(List.of("127.0.0.1:" + dns.port()), Duration.ofSeconds(3));
        MtaSts sts = new MtaSts(client, new StsPolicyFetcher(client,
                TlsContexts.verifying(policies.certificate(), "mta-sts.trust.file"), policies.port(),
                Duration.ofSeconds(5)), clock);
        int before = policies.fetches("expiry.example");
        StsPolicy p = sts.policy("expiry.example");
        assertNotNull(p);
        assertEquals(StsPolicy.Mode.ENFORCE, p.mode());
        assertEquals(Duration.ofSeconds(600), p.maxAge());
        clock.now = clock.now.plusSeconds(599);
        sts.policy("expiry.example");
        assertEquals(before + 1, policies.fetches("expiry.example"));
        clock.now = clock.now.plusSeconds(1);
        sts.policy("expiry.example");
        assertEquals(before + 2, policies.fetches("expiry.example"));
        // Expired and the host refuses: no policy at all (only an unexpired cached policy outlives a failure).
        policies.answer("expiry.example", new PolicyServer.Answer(503, "text/plain", "busy\n", null));
        clock.now = clock.now.plusSeconds(600);
        assertNull(sts.policy("expiry.example"));
        // No TXT record: no policy, nothing fetched.
        assertNull(sts.policy("plain.example"));
    }

    @Test
    void theFetchRefusesWhatRfc8461Forbids() {
        DnsClient client = new DnsClient(List.of("127.0.0.1:" + dns.port()), Duration.ofSeconds(3));
        StsPolicyFetcher fetcher = new StsPolicyFetcher(client,
                TlsContexts.verifying(policies.certificate(), "mta-sts.trust.file"), policies.port(),
                Duration.ofSeconds(5));
        String good = "version: STSv1\r\nmode: enforce\r\nmx: mx.broken.example\r\nmax_age: 86400\r\n";
        policies.answer("broken.example", PolicyServer.Answer.policy(good));
        assertDoesNotThrowIo(() -> assertEquals(good, fetcher.fetch("broken.example")));
        policies.answer("broken.example", new PolicyServer.Answer(301, "text/plain", "moved\n",
                "https://mta-sts.remote.example:" + policies.port() + "/.well-known/mta-sts.txt"));
        assertFetchFails(fetcher, "HTTP status 301 (redirects are not followed");
        policies.answer("broken.example", new PolicyServer.Answer(200, "text/html", good, null));
        assertFetchFails(fetcher, "Content-Type is text/html");
        policies.answer("broken.example", PolicyServer.Answer.policy(good + "x".repeat(70_000) + "\r\n"));
        assertFetchFails(fetcher, "65536");
        policies.answer("broken.example", PolicyServer.Answer.policy(good + "y".repeat(70_001) + "\r\n"));
        assertFetchFails(fetcher, "65536");
        // The certificate must be trusted: the JDK's trust store does not hold the test's.
        StsPolicyFetcher jdkTrust = new StsPolicyFetcher(client, TlsContexts.verifying(null, "mta-sts.trust.file"),
                policies.port(), Duration.ofSeconds(5));
        policies.answer("broken.example", PolicyServer.Answer.policy(good));
        assertFetchFails(jdkTrust, "PKIX");
        // ... and name mta-sts.<domain>.
        assertFetchFails(fetcher, "No subject alternative DNS name matching mta-sts.unnamed.example", "unnamed.example");
        // No address for the policy host.
        assertFetchFails(fetcher, "no address for mta-sts.plain.example", "plain.example");
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void assertDoesNotThrowIo(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertFetchFails(StsPolicyFetcher fetcher, String message) {
        assertFetchFails(fetcher, message, "broken.example");
    }

    private static void assertFetchFails(StsPolicyFetcher fetcher, String message, String domain) {
        IOException e = assertThrows(IOException.class, () -> fetcher.fetch(domain));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2025-11-25T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Lets a transport be closed by try-with-resources. */
    private static Closing closing(SmtpTransport transport) {
        return new Closing(transport);
    }

    /** A transport closed at the end of a try block. */
    private record Closing(SmtpTransport transport) implements AutoCloseable {
        @Override
        public void close() {
            transport.close();
        }
    }
}
