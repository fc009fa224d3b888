package dev.hermod.outbound.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.testing.Components;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The small pieces: dot-stuffing, reply and EHLO parsing, relay domains, configuration checks. */
class UnitsTest {

    private static byte[] stuff(String text, int chunk) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream s = new DotStuffingOutputStream(out);
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i += chunk) {
            if (chunk == 1) {
                s.write(b[i]);
            } else {
                s.write(b, i, Math.min(chunk, b.length - i));
            }
        }
        s.finish();
        return out.toByteArray();
    }

    @Test
    void dotStuffingAcrossWrites() throws Exception {
        String in = ".a\r\nb\r\n.\r\n..c\r\nd.e\r\n.";
        String expected = "..a\r\nb\r\n..\r\n...c\r\nd.e\r\n..\r\n.\r\n";
        for (int chunk : new int[] {1, 2, 3, 7, 100}) {
            assertArrayEquals(expected.getBytes(StandardCharsets.US_ASCII), stuff(in, chunk), "chunk " + chunk);
        }
        assertArrayEquals(".\r\n".getBytes(StandardCharsets.US_ASCII), stuff("", 10));
        assertArrayEquals("x\r\n.\r\n".getBytes(StandardCharsets.US_ASCII), stuff("x\r\n", 10));
        assertArrayEquals("x\r\n.\r\n".getBytes(StandardCharsets.US_ASCII), stuff("x\r", 10));
    }

    @Test
    void replies() {
        Reply r = new Reply(550, List.of("5.1.1 <x@example.com>: Recipient address rejected:", "5.1.1 User unknown"));
        assertEquals("550 5.1.1 <x@example.com>: Recipient address rejected: User unknown", r.smtpReply().toString());
        assertNull(new Reply(250, List.of("ok")).smtpReply().enhancedStatus());
        // A status of the wrong class is text, not a status.
        assertEquals("451 5.1.1 odd", new Reply(451, List.of("5.1.1 odd")).toString());
        assertNull(new Reply(451, List.of("5.1.1 odd")).smtpReply().enhancedStatus());
        assertEquals("554 bad ?text", new Reply(554, List.of("bad \u0001text")).toString());
        assertTrue(new Reply(421, List.of("")).isTransient());
    }

    @Test
    void ehloKeywords() {
        Capabilities c = Capabilities.parse(new Reply(250, List.of("mx.example.com", "PIPELINING", "SIZE 10240000",
                "auth plain login", "AUTH=LOGIN CRAM-MD5", "8BITMIME", "SMTPUTF8", "STARTTLS")));
        assertTrue(c.has("PIPELINING") && c.has("8BITMIME") && c.has("SMTPUTF8") && c.has("STARTTLS"));
        assertEquals(10240000, c.maxSize());
        assertEquals(Set.of("PLAIN", "LOGIN", "CRAM-MD5"), c.authMechanisms());
        assertEquals(0, Capabilities.parse(new Reply(250, List.of("x", "SIZE"))).maxSize());
        assertFalse(Capabilities.NONE.has("PIPELINING"));
    }

    @Test
    void relayDomains() {
        Relay all = new Relay("r", 25, SessionPolicy.OPPORTUNISTIC, Set.of());
        assertTrue(all.takes("anything.example"));
        Relay some = new Relay("r", 25, SessionPolicy.OPPORTUNISTIC, Set.of("example.com", ".corp.example"));
        assertTrue(some.takes("example.com"));
        assertFalse(some.takes("sub.example.com"));
        assertTrue(some.takes("a.b.corp.example"));
        assertFalse(some.takes("corp.example"));
    }

    @Test
    void domainLimits() throws Exception {
        DomainLimits limits = new DomainLimits(2);
        assertTrue(limits.acquire("a.example", java.time.Duration.ofMillis(10)));
        assertTrue(limits.acquire("a.example", java.time.Duration.ofMillis(10)));
        assertTrue(limits.acquire("b.example", java.time.Duration.ofMillis(10)));
        assertFalse(limits.acquire("a.example", java.time.Duration.ofMillis(30)));
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            limits.release("a.example");
        });
        releaser.start();
        assertTrue(limits.acquire("a.example", java.time.Duration.ofSeconds(5)));
        releaser.join();
        assertEquals(2, limits.active("a.example"));
        limits.release("a.example");
        limits.release("a.example");
        assertEquals(0, limits.active("a.example"));
    }

    @Test
    void configuration() {
        Settings s = Settings.of(Components.config(SmtpTransport.Config.class, Map.of("hostname", "Out.Example.ORG",
                "relay.host", "[192.0.2.1]", "relay.security", "implicit_tls", "relay.domains", "A.example, b.example",
                "relay.auth.username", "u", "relay.auth.password.env", "PW", "tls.required.domains",
                new String[] {"x.example", "y.example"})), Map.of("PW", "pw"));
        assertEquals("out.example.org", s.hostname());
        assertEquals("192.0.2.1", s.relay().host());
        assertEquals(465, s.relay().port());
        assertEquals(TlsMode.IMPLICIT, s.relay().policy().tls());
        assertEquals("pw", s.relay().policy().password());
        assertEquals(Set.of("a.example", "b.example"), s.relay().domains());
        assertEquals(Set.of("x.example", "y.example"), s.tlsRequiredDomains());
        assertFalse(s.relay().policy().toString().contains("pw"));
        assertThrows(IllegalArgumentException.class, () -> Settings.of(Components.config(SmtpTransport.Config.class,
                Map.of("relay.host", "r", "relay.security", "tls")), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Settings.of(Components.config(SmtpTransport.Config.class,
                Map.of("relay.host", "r", "relay.auth.username", "u")), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Settings.of(Components.config(SmtpTransport.Config.class,
                Map.of("smtp.port", 0)), Map.of()));
    }
}
