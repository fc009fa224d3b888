package dev.hermod.outbound.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.testing.DnsServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MX resolution against a real DNS server. */
class MxResolverTest {

    private static DnsServer dns;
    private static MxResolver resolver;

    @BeforeAll
    static void start() {
        dns = DnsServer.start("""
                multi.test.        MX 10 a.multi.test.
                multi.test.        MX 10 b.multi.test.
                multi.test.        MX 20 c.multi.test.
                a.multi.test.      A 192.0.2.1
                b.multi.test.      A 192.0.2.2
                c.multi.test.      A 192.0.2.3
                c.multi.test.      AAAA 2001:db8::3
                nullmx.test.       MX 0 .
                implicit.test.     A 192.0.2.9
                noaddress.test.    MX 10 nowhere.noaddress.test.
                nowhere.noaddress.test. TXT "no address"
                exists.test.       TXT "no mail"
                alias.test.        MX 10 mx.alias.test.
                mx.alias.test.     CNAME real.alias.test.
                real.alias.test.   A 192.0.2.77
                """);
        dns.failWith("broken.test");
        resolver = new MxResolver(new DnsClient(List.of("127.0.0.1:" + dns.port()), Duration.ofSeconds(3)), new Random(1));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void preferenceOrderRandomAmongEquals() {
        Set<String> firsts = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Route r = resolver.resolve("multi.test", 2525);
            assertNull(r.failure());
            assertEquals(4, r.hosts().size());
            firsts.add(r.hosts().get(0).host());
            assertEquals("c.multi.test [192.0.2.3]:2525", r.hosts().get(2).toString());
            assertEquals("2001:db8:0:0:0:0:0:3", r.hosts().get(3).address().getHostAddress());
            assertEquals(2525, r.hosts().get(0).port());
        }
        assertEquals(Set.of("a.multi.test", "b.multi.test"), firsts);
    }

    @Test
    void nullMxAndMissingDomains() {
        assertEquals("556 5.1.10 Domain nullmx.test does not accept mail (null MX, RFC 7505)",
                resolver.resolve("nullmx.test", 25).failure().toString());
        assertEquals("550 5.1.2 Domain missing.test does not exist (NXDOMAIN)",
                resolver.resolve("missing.test", 25).failure().toString());
        assertTrue(resolver.resolve("exists.test", 25).failure().toString().startsWith("550 5.1.2 "));
        assertTrue(resolver.resolve("broken.test", 25).failure().toString().startsWith("451 4.4.3 "));
        assertTrue(resolver.resolve("noaddress.test", 25).failure().toString().startsWith("451 4.4.4 "));
    }

    @Test
    void implicitMxCnameAndLiterals() {
        Route implicit = resolver.resolve("implicit.test", 25);
        assertEquals("implicit.test [192.0.2.9]", implicit.hosts().get(0).toString());
        assertEquals("mx.alias.test [192.0.2.77]", resolver.resolve("alias.test", 25).hosts().get(0).toString());
        assertEquals("[192.0.2.5] [192.0.2.5]", resolver.resolve("[192.0.2.5]", 25).hosts().get(0).toString());
        assertEquals("0:0:0:0:0:0:0:1", resolver.resolve("[ipv6:::1]", 25).hosts().get(0).address().getHostAddress());
    }
}
