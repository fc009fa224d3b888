package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.filter.HeaderChange;
import dev.hermod.api.filter.MessageContent;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.testing.Components;
import dev.hermod.testing.DnsServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter as the core calls it: a session from 127.0.0.1, an envelope, a message signed by dkimpy, and the
 * SPF, DKIM and DMARC records served by a real DNS server.
 */
class MailAuthFilterTest {

    @TempDir
    static Path keys;

    private static DnsServer dns;
    private static DkimpySigner signer;

    @BeforeAll
    static void start() throws Exception {
        DkimpySigner.requireDkimpy();
        signer = DkimpySigner.rsa("sel", "example.com", keys);
        dns = DnsServer.start(signer.zoneRecord() + """
                example.com.             TXT "v=spf1 ip4:127.0.0.1 -all"
                _dmarc.example.com.      TXT "v=DMARC1; p=reject"
                reject.test.             TXT "v=spf1 ip4:192.0.2.1 -all"
                _dmarc.reject.test.      TXT "v=DMARC1; p=reject"
                quarantine.test.         TXT "v=spf1 -all"
                _dmarc.quarantine.test.  TXT "v=DMARC1; p=quarantine"
                nodmarc.test.            TXT "v=spf1 -all"
                helo.test.               TXT "v=spf1 ip4:127.0.0.0/8 -all"
                """);
        dns.failWith("_dmarc.broken.test");
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    private static MailAuthFilter filter(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                "dns.servers", "127.0.0.1:" + dns.port(),
                "dns.timeout", 3,
                "authserv.id", "mx.hermod.test",
                "trusted.networks", new String[0]));
        config.putAll(extra);
        return new MailAuthFilter(Components.config(MailAuthFilter.Config.class, config));
    }

    private static SessionInfo session(String helo, String user) throws Exception {
        return new SessionInfo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 40000), helo, user, false,
                "mta", "s1");
    }

    private static Envelope envelope(String mailFrom) {
        return new Envelope(mailFrom == null ? ReversePath.NULL : ReversePath.of(Address.parse(mailFrom)),
                List.of(Address.parse("joe@hermod.test")), Map.of(), "client.test", null, null);
    }

    private static byte[] message(String from) {
        return ("From: " + from + "\r\nTo: joe@hermod.test\r\nSubject: hello\r\n"
                + "Message-ID: <x@example.com>\r\n\r\nHello Joe.\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A message spooled in memory, as the core hands it over. */
    private record Content(byte[] bytes) implements MessageContent {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public List<String> header(String name) {
            return RawMessage.parse(bytes).all(name).stream().map(RawMessage.Field::value).toList();
        }
    }

    private static String addedResults(Verdict v) {
        Verdict.ModifyHeaders m = assertInstanceOf(Verdict.ModifyHeaders.class, v);
        HeaderChange last = m.changes().get(m.changes().size() - 1);
        assertEquals(HeaderChange.Kind.ADD_FIRST, last.kind());
        assertEquals("Authentication-Results", last.name());
        return last.value();
    }

    @Test
    void passRecordsEverythingInOneHeader() throws Exception {
        byte[] signed = signer.sign(message("Jane <jane@example.com>"), "relaxed", "relaxed");
        String b = new String(signed, StandardCharsets.US_ASCII).replaceAll("(?s).*\\bb=([A-Za-z0-9+/]{8}).*", "$1");
        Verdict v = filter(Map.of()).onData(session("client.test", null), envelope("jane@example.com"),
                new Content(signed));
        Verdict.ModifyHeaders m = assertInstanceOf(Verdict.ModifyHeaders.class, v);
        assertEquals(1, m.changes().size());
        String value = addedResults(v);
        assertEquals("mx.hermod.test; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com"
                + " header.s=sel header.b=" + AuthenticationResults.value(b) + "; dmarc=pass (p=reject)"
                + " header.from=example.com", value);
    }

    @Test
    void dmarcRejectWhenSpfAndDkimFail() throws Exception {
        // signed by example.com (not aligned with reject.test), SPF of reject.test fails for 127.0.0.1
        byte[] signed = signer.sign(message("boss@reject.test"), "relaxed", "relaxed");
        Verdict v = filter(Map.of()).onData(session("client.test", null), envelope("boss@reject.test"),
                new Content(signed));
        Verdict.Reject r = assertInstanceOf(Verdict.Reject.class, v);
        assertEquals(550, r.reply().code());
        assertEquals("5.7.1", r.reply().enhancedStatus());
        // and with a tampered signature from the domain itself
        byte[] tampered = new String(signer.sign(message("jane@example.com"), "relaxed", "relaxed"),
                StandardCharsets.US_ASCII).replace("Hello Joe", "Pay this invoice").getBytes(StandardCharsets.US_ASCII);
        Verdict v2 = filter(Map.of()).onData(session("client.test", null), envelope("jane@reject.test"),
                new Content(tampered));
        assertInstanceOf(Verdict.Reject.class, v2);
    }

    @Test
    void dmarcNotEnforcedOnlyRecords() throws Exception {
        Verdict v = filter(Map.of("dmarc.enforce", false)).onData(session("client.test", null),
                envelope("boss@reject.test"), new Content(message("boss@reject.test")));
        String value = addedResults(v);
        assertTrue(value.contains("spf=fail smtp.mailfrom=reject.test"), value);
        assertTrue(value.contains("dkim=none"), value);
        assertTrue(value.contains("dmarc=fail (p=reject dis=reject) header.from=reject.test"), value);
    }

    @Test
    void dmarcQuarantineFilesIntoJunk() throws Exception {
        Verdict v = filter(Map.of()).onData(session("client.test", null), envelope("x@quarantine.test"),
                new Content(message("x@quarantine.test")));
        Verdict.Combined c = assertInstanceOf(Verdict.Combined.class, v);
        assertEquals(2, c.verdicts().size());
        assertTrue(addedResults(c.verdicts().get(0)).contains("dmarc=fail"));
        assertEquals(new Verdict.FileInto(null, MailboxRole.JUNK, Set.of(), false), c.verdicts().get(1));
    }

    @Test
    void spfFailRejectsOnlyWithoutDmarcPolicyAndWhenConfigured() throws Exception {
        Verdict recorded = filter(Map.of()).onData(session("client.test", null), envelope("x@nodmarc.test"),
                new Content(message("x@nodmarc.test")));
        assertTrue(addedResults(recorded).contains("spf=fail"));
        Verdict v = filter(Map.of("spf.fail.reject", true)).onData(session("client.test", null),
                envelope("x@nodmarc.test"), new Content(message("x@nodmarc.test")));
        Verdict.Reject r = assertInstanceOf(Verdict.Reject.class, v);
        assertEquals("5.7.23", r.reply().enhancedStatus());
    }

    @Test
    void nullReversePathChecksTheHeloName() throws Exception {
        Verdict v = filter(Map.of()).onData(session("helo.test", null), envelope(null),
                new Content(message("mailer-daemon@helo.test")));
        assertTrue(addedResults(v).contains("spf=pass smtp.helo=helo.test"), addedResults(v));
    }

    @Test
    void dnsErrorNeverRejects() throws Exception {
        Verdict v = filter(Map.of()).onData(session("client.test", null), envelope("x@broken.test"),
                new Content(message("x@broken.test")));
        assertTrue(addedResults(v).contains("dmarc=temperror"), addedResults(v));
        Verdict t = filter(Map.of("dns.tempfail", true)).onData(session("client.test", null),
                envelope("x@broken.test"), new Content(message("x@broken.test")));
        Verdict.TempFail f = assertInstanceOf(Verdict.TempFail.class, t);
        assertEquals(451, f.reply().code());
        assertEquals("4.7.5", f.reply().enhancedStatus());
    }

    @Test
    void forgedResultsWithOurAuthservIdAreRemoved() throws Exception {
        byte[] forged = ("Authentication-Results: other.example; spf=pass\r\n"
                + "Authentication-Results: mx.hermod.test; dmarc=pass\r\n"
                + "Authentication-Results: MX.hermod.test 1; dkim=pass\r\n"
                + new String(message("x@nodmarc.test"), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        Verdict v = filter(Map.of()).onData(session("client.test", null), envelope("x@nodmarc.test"),
                new Content(forged));
        Verdict.ModifyHeaders m = assertInstanceOf(Verdict.ModifyHeaders.class, v);
        assertEquals(HeaderChange.remove("Authentication-Results", 3), m.changes().get(0));
        assertEquals(HeaderChange.remove("Authentication-Results", 2), m.changes().get(1));
        assertEquals(HeaderChange.Kind.ADD_FIRST, m.changes().get(2).kind());
        // an authenticated sender is not checked, but forged results still go
        Verdict auth = filter(Map.of()).onData(session("client.test", "jane"), envelope("x@nodmarc.test"),
                new Content(forged));
        assertEquals(2, assertInstanceOf(Verdict.ModifyHeaders.class, auth).changes().size());
    }

    @Test
    void trustedNetworksAndAuthenticatedSessionsAreNotChecked() throws Exception {
        Map<String, Object> defaults = new HashMap<>(Map.of("dns.servers", "127.0.0.1:" + dns.port(),
                "authserv.id", "mx.hermod.test"));
        MailAuthFilter byDefault = new MailAuthFilter(Components.config(MailAuthFilter.Config.class, defaults));
        assertEquals(Verdict.proceed(), byDefault.onData(session("client.test", null), envelope("boss@reject.test"),
                new Content(message("boss@reject.test"))));
        assertEquals(Verdict.proceed(), filter(Map.of()).onData(session("client.test", "boss"),
                envelope("boss@reject.test"), new Content(message("boss@reject.test"))));
    }
}
