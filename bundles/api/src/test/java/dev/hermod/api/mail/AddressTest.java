package dev.hermod.api.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @Test
    void parsesDotStringAndLowerCasesDomain() {
        Address a = Address.parse("John.Doe@Example.COM");
        assertEquals("John.Doe", a.localPart());
        assertEquals("example.com", a.domain());
        assertEquals("John.Doe@example.com", a.toString());
        assertEquals(a, new Address("John.Doe", "EXAMPLE.com"));
    }

    @Test
    void quotedLocalPartIsDecodedAndRequotedOnlyWhenNeeded() {
        Address spaced = Address.parse("\"john doe\"@example.com");
        assertEquals("john doe", spaced.localPart());
        assertEquals("\"john doe\"@example.com", spaced.toString());

        Address escaped = Address.parse("\"a\\\"b\\\\c@d\"@example.com");
        assertEquals("a\"b\\c@d", escaped.localPart());
        assertEquals("\"a\\\"b\\\\c@d\"@example.com", escaped.toString());
        assertEquals(escaped, Address.parse(escaped.toString()));

        assertEquals(Address.parse("john@example.com"), Address.parse("\"john\"@example.com"));
        assertEquals("john@example.com", Address.parse("\"john\"@example.com").toString());
        assertEquals("\"a..b\"@example.com", Address.parse("\"a..b\"@example.com").toString());
    }

    @Test
    void acceptsUtf8PerRfc6531() {
        Address a = Address.parse("用户@例子.广告");
        assertEquals("用户", a.localPart());
        assertEquals("例子.广告", a.domain());
        assertTrue(a.requiresSmtpUtf8());
        assertFalse(Address.parse("user@example.com").requiresSmtpUtf8());
        assertEquals("müller@bücher.de", Address.parse("müller@BÜCHER.de").toString());
    }

    @Test
    void acceptsAddressLiterals() {
        assertEquals("[192.0.2.1]", Address.parse("postmaster@[192.0.2.1]").domain());
        assertEquals("[IPv6:2001:db8::1]", Address.parse("postmaster@[ipv6:2001:DB8::1]").domain());
        assertEquals("localhost", Address.parse("root@localhost").domain());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "user", "@example.com", "user@", "a..b@example.com", ".a@example.com",
            "a.@example.com", "a b@example.com", "a@b@example.com", "\"unterminated@example.com",
            "\"a\"b@example.com", "\"\"@example.com", "user@-example.com", "user@example-.com", "user@example..com",
            "user@example.com.", "user@exa_mple.com", "user@[300.1.1.1]", "user@[1.2.3]", "user@[IPv6:zz::1]",
            "user@[IPv6:1::2::3]", "user@[tag:foo]", "us\u0001er@example.com", "\"a\u0007\"@example.com"})
    void rejectsMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> Address.parse(text));
    }

    @Test
    void enforcesLengthLimits() {
        String label = "a".repeat(63);
        String domain = String.join(".", label, label, label, "b".repeat(50));
        assertEquals(domain, Address.parse("x@" + domain).domain());
        assertThrows(IllegalArgumentException.class, () -> Address.parse("x@" + "a".repeat(64) + ".com"));
        assertThrows(IllegalArgumentException.class, () -> Address.parse("x".repeat(60) + "@" + domain));
    }

    @Test
    void parsesPathsAndIgnoresSourceRoutes() {
        assertEquals(Address.parse("user@example.com"), Address.parsePath("<user@example.com>"));
        assertEquals(Address.parse("user@example.com"),
                Address.parsePath("<@relay.example,@[192.0.2.1]:user@example.com>"));
        assertThrows(IllegalArgumentException.class, () -> Address.parsePath("user@example.com"));
        assertThrows(IllegalArgumentException.class, () -> Address.parsePath("<>"));
        assertThrows(IllegalArgumentException.class, () -> Address.parsePath("<@relay.example user@example.com>"));
    }

    @Test
    void reversePath() {
        assertSame(ReversePath.NULL, ReversePath.parse("<>"));
        assertTrue(ReversePath.NULL.isNull());
        assertEquals("<>", ReversePath.NULL.toString());
        ReversePath p = ReversePath.parse("<a@example.com>");
        assertEquals(Optional.of(Address.parse("a@example.com")), p.mailbox());
        assertEquals("<a@example.com>", p.toString());
    }

    @Test
    void subaddressing() {
        Address a = Address.parse("jane+lists+hermod@example.com");
        assertEquals(Optional.of("lists+hermod"), a.detail('+'));
        assertEquals(Address.parse("jane@example.com"), a.withoutDetail('+'));
        Address plain = Address.parse("jane@example.com");
        assertEquals(Optional.empty(), plain.detail('+'));
        assertSame(plain, plain.withoutDetail('+'));
        assertEquals(Optional.of(""), Address.parse("jane+@example.com").detail('+'));
        assertEquals(Optional.empty(), Address.parse("+tag@example.com").detail('+'));
        assertEquals(Optional.of("tag"), Address.parse("jane-tag@example.com").detail('-'));
    }
}
