package dev.hermod.outbound.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MTA-STS policy and TXT record syntax (RFC 8461 §3.1, §3.2) and MX pattern matching (§4.1). */
class StsPolicyTest {

    @Test
    void parsesAPolicy() {
        StsPolicy p = StsPolicy.parse("version: STSv1\r\nmode: enforce\r\nmx: MX1.Example.com.\r\n"
                + "mx: *.example.net\r\nmax_age:604800\r\nfuture_field: whatever\r\n");
        assertEquals(StsPolicy.Mode.ENFORCE, p.mode());
        assertEquals(List.of("mx1.example.com", "*.example.net"), p.mx());
        assertEquals(Duration.ofSeconds(604800), p.maxAge());
        // Bare LF, mode none without mx, max_age lowered to the RFC's limit.
        StsPolicy none = StsPolicy.parse("version: STSv1\nmode: none\nmax_age: 9999999999\n");
        assertEquals(StsPolicy.Mode.NONE, none.mode());
        assertEquals(Duration.ofSeconds(31_557_600), none.maxAge());
        assertEquals(StsPolicy.Mode.TESTING,
                StsPolicy.parse("version: STSv1\nmode: testing\nmx: a.example\nmax_age: 0\n").mode());
    }

    @Test
    void refusesInvalidPolicies() {
        for (String bad : List.of(
                "mode: enforce\nmx: a.example\nmax_age: 1\n",
                "version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n",
                "version: STSv1\nmode: strict\nmx: a.example\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmx: a.example\n",
                "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n",
                "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 12345678901\n",
                "version: STSv1\nmode: enforce\nmx: a..example\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmx: mail.*.example\nmax_age: 1\n",
                "<html>version: STSv1</html>\n")) {
            assertThrows(IllegalArgumentException.class, () -> StsPolicy.parse(bad), bad);
        }
    }

    @Test
    void matchesMxPatterns() {
        StsPolicy p = StsPolicy.parse("version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\n"
                + "max_age: 1\n");
        assertTrue(p.matches("mail.example.com"));
        assertTrue(p.matches("MAIL.example.com."));
        assertTrue(p.matches("mx1.example.net"));
        assertFalse(p.matches("example.net"), "the wildcard stands for one label");
        assertFalse(p.matches("a.b.example.net"), "only one label");
        assertFalse(p.matches("other.example.com"));
        assertFalse(p.matches("xmail.example.com"));
    }

    @Test
    void readsTheTxtRecord() {
        assertEquals("20160831085700Z", MtaSts.id(List.of("v=STSv1; id=20160831085700Z;")));
        assertEquals("abc", MtaSts.id(List.of("v=spf1 -all", "v=STSv1;id=abc")));
        assertEquals("abc", MtaSts.id(List.of("v=STSv1; ext=1 ; id=abc")));
        assertNull(MtaSts.id(List.of()));
        assertNull(MtaSts.id(List.of("v=spf1 -all", "v=STSv1")));
        for (List<String> bad : List.of(List.of("v=STSv1; id=a", "v=STSv1; id=b"), List.of("v=STSv1; ext=1"),
                List.of("v=STSv1; id=not-alnum"), List.of("v=STSv1; id=" + "x".repeat(33)),
                List.of("v=STSv1; id=a; junk"))) {
            assertThrows(IllegalArgumentException.class, () -> MtaSts.id(bad), bad.toString());
        }
    }

    @Test
    void configuration() {
        Settings s = Settings.of(dev.hermod.testing.Components.config(SmtpTransport.Config.class, Map.of()), Map.of());
        assertTrue(s.mtaSts().enabled());
        assertNull(s.mtaSts().trustFile());
        assertEquals(443, s.mtaSts().port());
        assertEquals(Duration.ofSeconds(30), s.mtaSts().timeout());
        Settings off = Settings.of(dev.hermod.testing.Components.config(SmtpTransport.Config.class,
                Map.of("mta-sts.enabled", false, "mta-sts.port", 8443, "mta-sts.timeout", 10,
                        "mta-sts.trust.file", "/etc/ssl/sts.pem")), Map.of());
        assertFalse(off.mtaSts().enabled());
        assertEquals(8443, off.mtaSts().port());
        assertEquals(Duration.ofSeconds(10), off.mtaSts().timeout());
        assertEquals("/etc/ssl/sts.pem", off.mtaSts().trustFile().toString());
        assertThrows(IllegalArgumentException.class, () -> Settings.of(dev.hermod.testing.Components.config(
                SmtpTransport.Config.class, Map.of("mta-sts.timeout", 0)), Map.of()));
    }
}
