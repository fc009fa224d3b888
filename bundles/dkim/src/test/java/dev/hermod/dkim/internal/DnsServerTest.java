package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermod.testing.DnsServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test DNS server and {@link DnsLookup} together: NXDOMAIN, NODATA, CNAME, SERVFAIL, TCP fallback. */
class DnsServerTest {

    @Test
    void answersLikeAnAuthoritativeServer() throws Exception {
        String big = "x".repeat(250);
        try (DnsServer dns = DnsServer.start("""
                host.example.   A     192.0.2.1
                host.example.   TXT   "hello" " world"
                alias.example.  CNAME host.example.
                big.example.    TXT   "%s" "%s" "%s"
                """.formatted(big, big, big))) {
            DnsLookup lookup = new DnsLookup(List.of("127.0.0.1:" + dns.port()), Duration.ofSeconds(3));
            assertEquals(List.of(InetAddress.getByName("192.0.2.1")), lookup.a("host.example").records());
            assertEquals(List.of("hello world"), lookup.txt("host.example").records());
            assertEquals(DnsLookup.Status.NO_DATA, lookup.aaaa("host.example").status());
            assertEquals(DnsLookup.Status.NX_DOMAIN, lookup.a("nothing.example").status());
            assertEquals(List.of(InetAddress.getByName("192.0.2.1")), lookup.a("alias.example").records());
            // 750 octets: truncated over UDP, then fetched over TCP
            assertEquals(List.of(big + big + big), lookup.txt("big.example").records());
            dns.failWith("host.example");
            assertEquals(DnsLookup.Status.ERROR, lookup.a("host.example").status());
            dns.zone("host.example. A 192.0.2.2");
            assertEquals(DnsLookup.Status.NX_DOMAIN, lookup.a("alias.example").status());
        }
    }

    @Test
    void aServerThatIsDownIsAnError() {
        DnsLookup lookup = new DnsLookup(List.of("127.0.0.1:9"), Duration.ofSeconds(1));
        assertEquals(DnsLookup.Status.ERROR, lookup.a("host.example").status());
    }

    @Test
    void serverAddresses() {
        assertEquals(53, DnsLookup.socketAddress("192.0.2.1").getPort());
        assertEquals(5353, DnsLookup.socketAddress("192.0.2.1:5353").getPort());
        assertEquals(5353, DnsLookup.socketAddress("[::1]:5353").getPort());
        assertEquals(53, DnsLookup.socketAddress("::1").getPort());
    }
}
