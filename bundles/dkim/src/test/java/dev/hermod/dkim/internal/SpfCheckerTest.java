package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermod.testing.DnsServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPF check_host() (RFC 7208) against records served by a real DNS server on 127.0.0.1. */
class SpfCheckerTest {

    private static DnsServer dns;
    private static SpfChecker spf;

    @BeforeAll
    static void start() {
        String includes = IntStream.rangeClosed(1, 11).mapToObj(i -> "include:l" + i + ".test")
                .collect(Collectors.joining(" "));
        String tenIncludes = IntStream.rangeClosed(1, 10).mapToObj(i -> "include:l" + i + ".test")
                .collect(Collectors.joining(" "));
        StringBuilder zone = new StringBuilder("""
                pass.test.          TXT "v=spf1 ip4:192.0.2.0/24 -all"
                soft.test.          TXT "v=spf1 ~all"
                neutral.test.       TXT "v=spf1 ?all"
                fail.test.          TXT "v=spf1 -all"
                nomatch.test.       TXT "v=spf1 ip4:198.51.100.1"
                inc.test.           TXT "v=spf1 include:pass.test -all"
                incnone.test.       TXT "v=spf1 include:nospf.test -all"
                redir.test.         TXT "v=spf1 redirect=pass.test"
                redirnone.test.     TXT "v=spf1 redirect=nospf.test"
                redirall.test.      TXT "v=spf1 ?all redirect=fail.test"
                nospf.test.         TXT "google-site-verification=abc"
                two.test.           TXT "v=spf1 -all"
                two.test.           TXT "v=spf1 +all"
                syntax.test.        TXT "v=spf1 ip4:192.0.2.300 -all"
                unknown.test.       TXT "v=spf1 foo:bar -all"
                modifier.test.      TXT "v=spf1 x-custom=whatever ip4:192.0.2.1 -all"
                spf10.test.         TXT "v=spf10 +all"
                split.test.         TXT "v=spf1 ip4:192.0.2.1" " -all"
                mx.test.            TXT "v=spf1 mx -all"
                mx.test.            MX 10 mail.mx.test.
                mx.test.            MX 20 backup.mx.test.
                mail.mx.test.       A 198.51.100.7
                backup.mx.test.     AAAA 2001:db8::25
                a.test.             TXT "v=spf1 a:host.a.test/24 a -all"
                a.test.             A 203.0.113.200
                host.a.test.        A 203.0.113.1
                v6.test.            TXT "v=spf1 ip6:2001:db8::/32 a:host6.v6.test//64 -all"
                host6.v6.test.      AAAA 2001:db9:1:2::1
                macro.test.         TXT "v=spf1 exists:%{ir}.%{l1r-}.lists.%{d} -all"
                5.2.0.192.jane.lists.macro.test. A 127.0.0.2
                ptr.test.           TXT "v=spf1 ptr -all"
                1.2.0.192.in-addr.arpa. PTR host.ptr.test.
                2.2.0.192.in-addr.arpa. PTR liar.ptr.test.
                host.ptr.test.      A 192.0.2.1
                liar.ptr.test.      A 192.0.2.99
                cname.test.         CNAME pass.test.
                broken.test.        TXT "v=spf1 -all"
                incbroken.test.     TXT "v=spf1 include:broken.test -all"
                void2.test.         TXT "v=spf1 a:nx1.test a:nx2.test -all"
                void3.test.         TXT "v=spf1 a:nx1.test a:nx2.test a:nx3.test -all"
                """);
        zone.append("limit.test. TXT \"v=spf1 ").append(includes).append(" -all\"\n");
        zone.append("limit10.test. TXT \"v=spf1 ").append(tenIncludes).append(" ip4:192.0.2.1 -all\"\n");
        for (int i = 1; i <= 11; i++) {
            zone.append("l").append(i).append(".test. TXT \"v=spf1 ?all\"\n");
        }
        dns = DnsServer.start(zone.toString());
        dns.failWith("broken.test");
        spf = new SpfChecker(new DnsLookup(List.of("127.0.0.1:" + dns.port()), Duration.ofSeconds(3)));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private static SpfResult check(String ip, String sender) throws Exception {
        return spf.check(InetAddress.getByName(ip), sender, "helo.example").result();
    }

    @Test
    void ip4AndAll() throws Exception {
        assertEquals(SpfResult.PASS, check("192.0.2.77", "jane@pass.test"));
        assertEquals(SpfResult.FAIL, check("198.51.100.1", "jane@pass.test"));
        assertEquals(SpfResult.SOFTFAIL, check("198.51.100.1", "jane@soft.test"));
        assertEquals(SpfResult.NEUTRAL, check("198.51.100.1", "jane@neutral.test"));
    }

    @Test
    void noMechanismMatchingIsNeutral() throws Exception {
        assertEquals(SpfResult.NEUTRAL, check("192.0.2.1", "jane@nomatch.test")); // §4.7
    }

    @Test
    void recordSplitIntoSeveralStringsIsJoined() throws Exception {
        assertEquals(SpfResult.PASS, check("192.0.2.1", "jane@split.test"));
        assertEquals(SpfResult.FAIL, check("192.0.2.2", "jane@split.test"));
    }

    @Test
    void noRecordOrNoDomainIsNone() throws Exception {
        assertEquals(SpfResult.NONE, check("192.0.2.1", "jane@nospf.test"));
        assertEquals(SpfResult.NONE, check("192.0.2.1", "jane@does-not-exist.test"));
        assertEquals(SpfResult.NONE, check("192.0.2.1", "jane@spf10.test"));
        assertEquals(SpfResult.NONE, check("192.0.2.1", "jane@localhost"));
    }

    @Test
    void include() throws Exception {
        assertEquals(SpfResult.PASS, check("192.0.2.1", "jane@inc.test"));
        assertEquals(SpfResult.FAIL, check("203.0.113.9", "jane@inc.test"));
        // §5.2: an included domain without a record is a permerror
        assertEquals(SpfResult.PERMERROR, check("203.0.113.9", "jane@incnone.test"));
    }

    @Test
    void redirect() throws Exception {
        assertEquals(SpfResult.PASS, check("192.0.2.1", "jane@redir.test"));
        assertEquals(SpfResult.FAIL, check("203.0.113.9", "jane@redir.test"));
        assertEquals(SpfResult.PERMERROR, check("192.0.2.1", "jane@redirnone.test"));
        // §6.1: redirect is ignored when "all" is present
        assertEquals(SpfResult.NEUTRAL, check("192.0.2.1", "jane@redirall.test"));
    }

    @Test
    void mx() throws Exception {
        assertEquals(SpfResult.PASS, check("198.51.100.7", "jane@mx.test"));
        assertEquals(SpfResult.PASS, check("2001:db8::25", "jane@mx.test"));
        assertEquals(SpfResult.FAIL, check("198.51.100.8", "jane@mx.test"));
    }

    @Test
    void aWithCidrAndCurrentDomain() throws Exception {
        assertEquals(SpfResult.PASS, check("203.0.113.99", "jane@a.test")); // host.a.test/24
        assertEquals(SpfResult.PASS, check("203.0.113.200", "jane@a.test")); // "a" for a.test itself
        assertEquals(SpfResult.FAIL, check("203.0.114.1", "jane@a.test"));
    }

    @Test
    void ip6AndDualCidr() throws Exception {
        assertEquals(SpfResult.PASS, check("2001:db8:ffff::1", "jane@v6.test"));
        assertEquals(SpfResult.PASS, check("2001:db9:1:2::abcd", "jane@v6.test")); // host6//64
        assertEquals(SpfResult.FAIL, check("2001:db9:1:3::1", "jane@v6.test"));
        assertEquals(SpfResult.FAIL, check("192.0.2.1", "jane@v6.test"));
    }

    @Test
    void macrosInExists() throws Exception {
        // %{ir}.%{l1r-}.lists.%{d} for jane-doe@macro.test from 192.0.2.5: 5.2.0.192.jane.lists.macro.test
        assertEquals(SpfResult.PASS, check("192.0.2.5", "jane-doe@macro.test"));
        assertEquals(SpfResult.FAIL, check("192.0.2.6", "jane-doe@macro.test"));
    }

    @Test
    void macroExpansionAsInRfc7208Section74() throws Exception {
        SpfMacros.Context ctx = new SpfMacros.Context("strong-bad@email.example.com", "email.example.com",
                InetAddress.getByName("192.0.2.3"), "mx.example.org");
        assertEquals("strong-bad@email.example.com", SpfMacros.expand("%{s}", ctx));
        assertEquals("email.example.com", SpfMacros.expand("%{o}", ctx));
        assertEquals("example.com", SpfMacros.expand("%{d2}", ctx));
        assertEquals("com.example.email", SpfMacros.expand("%{dr}", ctx));
        assertEquals("example.email", SpfMacros.expand("%{d2r}", ctx));
        assertEquals("bad.strong", SpfMacros.expand("%{lr-}", ctx));
        assertEquals("strong.bad", SpfMacros.expand("%{l-}", ctx));
        assertEquals("strong-bad", SpfMacros.expand("%{lr}", ctx));
        assertEquals("strong", SpfMacros.expand("%{l1r-}", ctx));
        assertEquals("3.2.0.192.in-addr._spf.example.com", SpfMacros.expand("%{ir}.%{v}._spf.%{d2}", ctx));
        assertEquals("strong-bad%40email.example.com", SpfMacros.expand("%{S}", ctx).replace("%2D", "-"));
        SpfMacros.Context v6 = new SpfMacros.Context("a@b.example", "b.example",
                InetAddress.getByName("2001:db8::cb01"), null);
        assertEquals("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com",
                SpfMacros.expand("%{ir}.%{v}._spf.example.com", v6));
    }

    @Test
    void ptr() throws Exception {
        assertEquals(SpfResult.PASS, check("192.0.2.1", "jane@ptr.test"));
        // the PTR name does not resolve back to the client: not validated
        assertEquals(SpfResult.FAIL, check("192.0.2.2", "jane@ptr.test"));
    }

    @Test
    void cnameToARecord() throws Exception {
        assertEquals(SpfResult.PASS, check("192.0.2.1", "jane@cname.test"));
    }

    @Test
    void brokenRecords() throws Exception {
        assertEquals(SpfResult.PERMERROR, check("192.0.2.1", "jane@two.test"));
        assertEquals(SpfResult.PERMERROR, check("192.0.2.1", "jane@syntax.test"));
        assertEquals(SpfResult.PERMERROR, check("192.0.2.1", "jane@unknown.test"));
        assertEquals(SpfResult.PASS, check("192.0.2.1", "jane@modifier.test"));
    }

    @Test
    void dnsLookupLimit() throws Exception {
        assertEquals(SpfResult.PERMERROR, check("192.0.2.1", "jane@limit.test"));
        assertEquals(SpfResult.PASS, check("192.0.2.1", "jane@limit10.test"));
    }

    @Test
    void voidLookupLimit() throws Exception {
        assertEquals(SpfResult.FAIL, check("192.0.2.1", "jane@void2.test"));
        assertEquals(SpfResult.PERMERROR, check("192.0.2.1", "jane@void3.test"));
    }

    @Test
    void dnsFailureIsTemperror() throws Exception {
        assertEquals(SpfResult.TEMPERROR, check("192.0.2.1", "jane@broken.test"));
        assertEquals(SpfResult.TEMPERROR, check("192.0.2.1", "jane@incbroken.test"));
    }

    @Test
    void emptyLocalPartAndHeloIdentity() throws Exception {
        SpfChecker.Outcome o = spf.check(InetAddress.getByName("192.0.2.1"), "pass.test", null);
        assertEquals(SpfResult.PASS, o.result());
        assertEquals("pass.test", o.domain());
    }
}
