package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Authentication-Results field of RFC 8601. */
class AuthenticationResultsTest {

    @Test
    void writesResultsInOrder() {
        String v = new AuthenticationResults("mx.example.org")
                .add("spf", "pass", null, "smtp.mailfrom", "example.com")
                .add("dkim", "fail", "body hash did not verify", "header.d", "example.com", "header.s", "sel",
                        "header.b", "ab/cd+EF")
                .add("dmarc", "none", null, "header.from", null)
                .value();
        assertEquals("mx.example.org; spf=pass smtp.mailfrom=example.com; dkim=fail (body hash did not verify)"
                + " header.d=example.com header.s=sel header.b=\"ab/cd+EF\"; dmarc=none", v);
        assertEquals("mx.example.org; none", new AuthenticationResults("mx.example.org").value());
    }

    @Test
    void readsTheAuthservId() {
        assertEquals("mx.example.org", AuthenticationResults.authservIdOf("mx.example.org; spf=pass"));
        assertEquals("mx.example.org", AuthenticationResults.authservIdOf(" MX.example.org 1 ; none"));
        assertEquals("mx.example.org", AuthenticationResults.authservIdOf("(comment) mx.example.org (x; y); none"));
        assertEquals("mx.example.org", AuthenticationResults.authservIdOf("\"mx.example.org\"; none"));
        assertEquals("", AuthenticationResults.authservIdOf("; none"));
    }
}
