package dev.hermod.directory.ldap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.testing.Components;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration: defaults, URL, secrets and what is refused. */
class LdapSettingsTest {

    private static final UnaryOperator<String> ENV = name -> "LDAP_PW".equals(name) ? "from-env" : null;

    @TempDir
    Path dir;

    private static LdapSettings settings(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(Map.of("base.dn", "dc=example,dc=org"));
        all.putAll(values);
        return LdapSettings.from(Components.config(LdapDirectoryComponent.Config.class, all), ENV);
    }

    private static String refusal(Map<String, Object> values) {
        return assertThrows(IllegalArgumentException.class, () -> settings(values)).getMessage();
    }

    @Test
    void defaults() {
        LdapSettings s = settings(Map.of());
        assertEquals("127.0.0.1", s.host());
        assertEquals(389, s.port());
        assertFalse(s.ldaps());
        assertFalse(s.starttls());
        assertEquals("", s.bindDn());
        assertEquals(LdapSettings.AuthMode.BIND, s.authMode());
        assertTrue(s.loginByEmail());
        assertEquals('+', s.separator());
        assertEquals(0, s.cacheTtlMillis());
        assertEquals(8, s.poolSize());
        assertEquals(5000, s.timeout().toMillis());
        assertEquals("(&(objectClass=inetOrgPerson)(uid=?))", s.filters().name().toString());
        assertEquals("(|(mail=?)(mailAlias=?))", s.filters().email().toString());
        assertEquals(null, s.filters().groups());
        assertEquals(List.of("inetorgperson"), s.types().individual());
        assertEquals(List.of("groupofnames"), s.types().list());
        assertEquals("mailQuota", s.attributes().quota());
    }

    @Test
    void urls() {
        LdapSettings ldaps = settings(Map.of("url", "ldaps://ldap.example.org"));
        assertTrue(ldaps.ldaps());
        assertEquals(636, ldaps.port());
        assertEquals("ldap.example.org", ldaps.host());
        assertEquals(10389, settings(Map.of("url", "LDAP://[::1]:10389/")).port());
        assertEquals("::1", settings(Map.of("url", "ldap://[::1]:10389")).host());
        assertTrue(refusal(Map.of("url", "http://x")).contains("url"));
        assertTrue(refusal(Map.of("url", "ldap://x/dc=example,dc=org")).contains("base.dn"));
        assertTrue(refusal(Map.of("url", "ldaps://x", "starttls", true)).contains("starttls"));
    }

    @Test
    void theBindPasswordComesFromOneOfThreePlaces() throws IOException {
        Path file = dir.resolve("ldap.pw");
        Files.writeString(file, "from-file\nignored\n");
        String dn = "cn=hermod,dc=example,dc=org";
        assertEquals("from-file", settings(Map.of("bind.dn", dn, "bind.password.file", file.toString())).bindPassword());
        assertEquals("from-env", settings(Map.of("bind.dn", dn, "bind.password.env", "LDAP_PW")).bindPassword());
        LdapSettings inline = settings(Map.of("bind.dn", dn, ".bind.password", "inline-secret"));
        assertEquals("inline-secret", inline.bindPassword());
        assertFalse(inline.toString().contains("inline-secret"), inline.toString());
        assertTrue(refusal(Map.of("bind.dn", dn, ".bind.password", "x", "bind.password.env", "LDAP_PW"))
                .contains("only one"));
        assertTrue(refusal(Map.of("bind.dn", dn, "bind.password.env", "UNSET")).contains("UNSET"));
        assertTrue(refusal(Map.of("bind.dn", dn)).contains("unauthenticated"), "a DN without password");
        assertTrue(refusal(Map.of(".bind.password", "x")).contains("bind.dn"));
        assertTrue(refusal(Map.of("auth.mode", "hash")).contains("bind.dn"), "hash needs a reader of userPassword");
    }

    @Test
    void badValuesAreRefusedWithTheirKey() {
        assertTrue(refusal(Map.of("base.dn", "")).contains("base.dn"));
        assertTrue(refusal(Map.of("base.dn", "not a dn")).contains("base.dn"));
        assertTrue(refusal(Map.of("auth.mode", "kerberos")).contains("auth.mode"));
        assertTrue(refusal(Map.of("subaddress.separator", "+-")).contains("subaddress.separator"));
        assertTrue(refusal(Map.of("filter.name", "(uid=jane)")).contains("filter.name"));
        assertTrue(refusal(Map.of("filter.active", "(a>=1)")).contains("filter.active"));
        assertTrue(refusal(Map.of("pool.size", 0)).contains("pool.size"));
        assertTrue(refusal(Map.of("attr.name", " ")).contains("attr.name"));
        assertEquals(0, settings(Map.of("subaddress.separator", "")).separator());
    }
}
