package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.testing.DnsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DMARC records, organizational domains, alignment and policy discovery (RFC 7489) over a real DNS server. */
class DmarcTest {

    private static DnsServer dns;
    private static DmarcEvaluator dmarc;
    private static int percentile = 0;

    @BeforeAll
    static void start() {
        dns = DnsServer.start("""
                _dmarc.example.com.     TXT "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.com"
                _dmarc.strict.test.     TXT "v=DMARC1; p=quarantine; adkim=s; aspf=s"
                _dmarc.half.test.       TXT "v=DMARC1; p=reject; pct=50"
                _dmarc.two.test.        TXT "v=DMARC1; p=reject"
                _dmarc.two.test.        TXT "v=DMARC1; p=none"
                _dmarc.other.test.      TXT "some other record"
                _dmarc.example.co.uk.   TXT "v=DMARC1; p=none"
                """);
        dns.failWith("_dmarc.broken.test");
        dmarc = new DmarcEvaluator(new DnsLookup(List.of("127.0.0.1:" + dns.port()), Duration.ofSeconds(3)),
                () -> percentile);
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void recordParsing() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=quarantine; sp=none; adkim=s; aspf=r; pct=20; rua=mailto:x@y");
        assertEquals(DmarcRecord.Policy.QUARANTINE, r.policy());
        assertEquals(DmarcRecord.Policy.NONE, r.subdomainPolicy());
        assertTrue(r.strictDkim());
        assertFalse(r.strictSpf());
        assertEquals(20, r.percent());
        DmarcRecord defaults = DmarcRecord.parse("v=DMARC1;p=reject");
        assertEquals(DmarcRecord.Policy.REJECT, defaults.subdomainPolicy()); // sp defaults to p
        assertFalse(defaults.strictDkim());
        assertEquals(100, defaults.percent());
        // §6.6.3: a bad p= with a valid rua acts as p=none; without rua there is no policy
        assertEquals(DmarcRecord.Policy.NONE, DmarcRecord.parse("v=DMARC1; p=bogus; rua=mailto:a@b").policy());
        assertNull(DmarcRecord.parse("v=DMARC1; p=bogus"));
        assertNull(DmarcRecord.parse("p=reject; v=DMARC1")); // v must come first
        assertNull(DmarcRecord.parse("v=DMARC1; rua=x")); // no p, no valid rua: nothing
        assertTrue(DmarcRecord.isDmarc("v=DMARC1; p=none"));
        assertFalse(DmarcRecord.isDmarc("v=DMARC10; p=none"));
        assertFalse(DmarcRecord.isDmarc("v=spf1 -all"));
    }

    @Test
    void organizationalDomain() {
        assertEquals("example.com", OrganizationalDomain.of("example.com"));
        assertEquals("example.com", OrganizationalDomain.of("a.b.mail.Example.COM."));
        assertEquals("example.co.uk", OrganizationalDomain.of("www.example.co.uk"));
        assertEquals("example.com.au", OrganizationalDomain.of("a.b.example.com.au"));
        assertEquals("example.ne.jp", OrganizationalDomain.of("mail.example.ne.jp"));
        assertEquals("example.de", OrganizationalDomain.of("mail.example.de"));
        assertEquals("co.uk", OrganizationalDomain.of("co.uk"));
        assertEquals("localhost", OrganizationalDomain.of("localhost"));
    }

    @Test
    void alignment() {
        assertTrue(OrganizationalDomain.aligned("mail.example.com", "example.com", false));
        assertTrue(OrganizationalDomain.aligned("example.com", "news.example.com", false));
        assertFalse(OrganizationalDomain.aligned("mail.example.com", "example.com", true));
        assertTrue(OrganizationalDomain.aligned("EXAMPLE.com", "example.com.", true));
        assertFalse(OrganizationalDomain.aligned("example.org", "example.com", false));
        assertFalse(OrganizationalDomain.aligned("a.co.uk", "b.co.uk", false));
    }

    private static SpfChecker.Outcome spf(SpfResult r, String domain) {
        return new SpfChecker.Outcome(r, domain, null);
    }

    private static DkimResult dkim(String result, String domain) {
        return new DkimResult(result, domain, "sel", "abc", null);
    }

    @Test
    void passByAlignedDkimOrSpf() {
        DmarcEvaluator.Outcome o = dmarc.evaluate("example.com", spf(SpfResult.FAIL, "example.com"),
                List.of(dkim("pass", "mail.example.com")));
        assertEquals("pass", o.result());
        assertEquals(DmarcRecord.Policy.REJECT, o.policy());
        o = dmarc.evaluate("example.com", spf(SpfResult.PASS, "bounce.example.com"), List.of());
        assertEquals("pass", o.result());
    }

    @Test
    void failWhenNothingAligns() {
        DmarcEvaluator.Outcome o = dmarc.evaluate("example.com", spf(SpfResult.PASS, "example.org"),
                List.of(dkim("pass", "example.net"), dkim("fail", "example.com"), dkim("policy", "example.com")));
        assertEquals("fail", o.result());
        assertEquals(DmarcRecord.Policy.REJECT, o.disposition());
    }

    @Test
    void strictAlignment() {
        DmarcEvaluator.Outcome o = dmarc.evaluate("strict.test", spf(SpfResult.PASS, "mail.strict.test"),
                List.of(dkim("pass", "sub.strict.test")));
        assertEquals("fail", o.result());
        assertEquals(DmarcRecord.Policy.QUARANTINE, o.disposition());
        assertEquals("pass", dmarc.evaluate("strict.test", null, List.of(dkim("pass", "strict.test"))).result());
    }

    @Test
    void subdomainFallsBackToOrganizationalDomainAndItsSp() {
        DmarcEvaluator.Outcome o = dmarc.evaluate("news.example.com", null, List.of());
        assertEquals("fail", o.result());
        assertEquals(DmarcRecord.Policy.QUARANTINE, o.policy());
        // example.co.uk publishes p=none: a failure there is recorded, not acted on
        assertEquals(DmarcRecord.Policy.NONE, dmarc.evaluate("shop.example.co.uk", null, List.of()).disposition());
        assertEquals(DmarcRecord.Policy.NONE, dmarc.evaluate("shop.example.co.uk", null, List.of()).policy());
    }

    @Test
    void noPolicy() {
        assertEquals("none", dmarc.evaluate("nothing.test", null, List.of()).result());
        assertEquals("none", dmarc.evaluate("other.test", null, List.of()).result());
        assertEquals("none", dmarc.evaluate("two.test", null, List.of()).result()); // two records: none (§6.6.3)
        assertEquals("permerror", dmarc.evaluate(null, null, List.of()).result());
    }

    @Test
    void dnsErrorsAreTemperror() {
        assertEquals("temperror", dmarc.evaluate("broken.test", null, List.of()).result());
        // an aligned temperror with no pass: DMARC cannot conclude
        assertEquals("temperror", dmarc.evaluate("example.com", spf(SpfResult.TEMPERROR, "example.com"),
                List.of(dkim("fail", "example.com"))).result());
        assertEquals("temperror", dmarc.evaluate("example.com", spf(SpfResult.FAIL, "example.com"),
                List.of(dkim("temperror", "example.com"))).result());
    }

    @Test
    void percentSamplingWeakensThePolicy() {
        percentile = 10;
        assertEquals(DmarcRecord.Policy.REJECT, dmarc.evaluate("half.test", null, List.of()).disposition());
        percentile = 70;
        assertEquals(DmarcRecord.Policy.QUARANTINE, dmarc.evaluate("half.test", null, List.of()).disposition());
        percentile = 0;
    }

    @Test
    void fromDomain() {
        assertEquals("example.com", FromDomain.of(List.of("Jane Doe <jane@Example.COM>")));
        assertEquals("example.com", FromDomain.of(List.of("jane@example.com (Jane)")));
        assertEquals("example.com", FromDomain.of(List.of("\"Doe, Jane\" <jane@example.com>")));
        assertNull(FromDomain.of(List.of("a@example.com, b@example.org")));
        assertNull(FromDomain.of(List.of("a@example.com", "b@example.com")));
        assertNull(FromDomain.of(List.of()));
        assertNull(FromDomain.of(List.of("undisclosed")));
    }
}
