package dev.hermod.directory.ldap.internal;

import static dev.hermod.testing.SlapdServer.BOB_PASSWORD;
import static dev.hermod.testing.SlapdServer.CAROL_PASSWORD;
import static dev.hermod.testing.SlapdServer.DORA_PASSWORD;
import static dev.hermod.testing.SlapdServer.ERIN_PASSWORD;
import static dev.hermod.testing.SlapdServer.JANE_PASSWORD;
import static dev.hermod.testing.SlapdServer.JURGEN_PASSWORD;
import static dev.hermod.testing.SlapdServer.POSTMASTER_PASSWORD;
import static dev.hermod.testing.SlapdServer.WEIRD_PASSWORD;
import static dev.hermod.testing.SlapdServer.WEIRD_UID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.directory.TokenCredentials;
import dev.hermod.api.mail.Address;
import dev.hermod.testing.Components;
import dev.hermod.testing.SlapdServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The LDAP directory against a real slapd loaded with {@link SlapdServer#FIXTURE_LDIF}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LdapDirectoryTest {

    private SlapdServer ldap;
    private LdapDirectoryComponent bind;
    private LdapDirectoryComponent hash;

    @BeforeAll
    void start() {
        ldap = SlapdServer.shared();
        bind = directory(Map.of());
        hash = directory(Map.of("auth.mode", "hash"));
    }

    @AfterAll
    void stop() {
        bind.deactivate();
        hash.deactivate();
    }

    static Map<String, Object> settings(SlapdServer server) {
        Map<String, Object> values = new HashMap<>();
        values.put("url", server.ldapUrl());
        values.put("base.dn", SlapdServer.SUFFIX);
        values.put("bind.dn", SlapdServer.SERVICE_DN);
        values.put(".bind.password", SlapdServer.SERVICE_PASSWORD);
        values.put("connect.timeout.ms", 2000);
        values.put("timeout.ms", 3000);
        return values;
    }

    LdapDirectoryComponent directory(Map<String, Object> overrides) {
        return directory(ldap, overrides);
    }

    static LdapDirectoryComponent directory(SlapdServer server, Map<String, Object> overrides) {
        Map<String, Object> values = settings(server);
        values.putAll(overrides);
        return new LdapDirectoryComponent(Components.config(LdapDirectoryComponent.Config.class, values));
    }

    private static Optional<String> login(Directory directory, String name, String password) {
        return directory.authenticate(new PlainCredentials(name, password)).map(Principal::name);
    }

    @Test
    void authenticatesByBindAndByHashWithUidOrAddress() {
        for (LdapDirectoryComponent d : List.of(bind, hash)) {
            assertEquals(Optional.of("jane"), login(d, "jane", JANE_PASSWORD), "{SSHA}");
            assertEquals(Optional.of("jane"), login(d, "JANE", JANE_PASSWORD), "names ignore case");
            assertEquals(Optional.of("jane"), login(d, "jane@example.org", JANE_PASSWORD), "by mail");
            assertEquals(Optional.of("jane"), login(d, "J.Doe@Example.org", JANE_PASSWORD), "by alias");
            assertEquals(Optional.of("bob"), login(d, "bob", BOB_PASSWORD), "{SHA}");
            assertEquals(Optional.of("carol"), login(d, "carol", CAROL_PASSWORD), "cleartext");
            assertEquals(Optional.of("jurgen"), login(d, "jürgen", JURGEN_PASSWORD), "non-ASCII name and password");
            assertEquals(Optional.of("weird"), login(d, WEIRD_UID, WEIRD_PASSWORD), "metacharacters taken literally");
            Principal jane = d.authenticate(new PlainCredentials("jane", JANE_PASSWORD)).orElseThrow();
            assertEquals(List.of(Address.parse("jane@example.org"), Address.parse("j.doe@example.org"),
                    Address.parse("jane@example.net")), jane.emails());
            assertTrue(jane.active());
        }
    }

    @Test
    void wrongEmptyAndForeignCredentialsFail() {
        for (LdapDirectoryComponent d : List.of(bind, hash)) {
            assertEquals(Optional.empty(), login(d, "jane", "wrong"));
            assertEquals(Optional.empty(), login(d, "jane", BOB_PASSWORD));
            assertEquals(Optional.empty(), login(d, "jane", JANE_PASSWORD + " "));
            assertEquals(Optional.empty(), login(d, "jane", ""), "empty password");
            assertEquals(Optional.empty(), login(d, "nobody", JANE_PASSWORD));
            assertEquals(Optional.empty(), login(d, "staff", "x"), "lists do not log in");
            assertEquals(Optional.empty(), login(d, "anything@example.org", POSTMASTER_PASSWORD), "no login by catch-all");
            assertEquals(Optional.empty(), login(d, "@example.org", POSTMASTER_PASSWORD));
            assertEquals(Optional.empty(), d.authenticate(new TokenCredentials("jane", JANE_PASSWORD, "OAUTHBEARER")));
        }
        assertEquals(Optional.of("postmaster"), login(bind, "postmaster", POSTMASTER_PASSWORD));
    }

    @Test
    void anEmptyPasswordNeverReachesTheServer() throws IOException {
        long before = bindsOf("uid=jane,");
        for (LdapDirectoryComponent d : List.of(bind, hash)) {
            assertEquals(Optional.empty(), login(d, "jane", ""));
            assertEquals(Optional.empty(), login(d, "jane@example.org", ""));
        }
        assertEquals(Optional.of("jane"), login(bind, "jane", JANE_PASSWORD));
        assertEquals(before + 1, bindsOf("uid=jane,"), "only the real password was sent in a bind");
    }

    private long bindsOf(String dnPrefix) throws IOException {
        return Files.readAllLines(ldap.log(), StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("BIND dn=\"" + dnPrefix) && line.contains("method=128")).count();
    }

    @Test
    void inactiveAccountsCannotLogInButResolve() {
        for (LdapDirectoryComponent d : List.of(bind, hash)) {
            assertEquals(Optional.empty(), login(d, "dora", DORA_PASSWORD), "pwdAccountLockedTime");
            assertFalse(d.principal("dora").orElseThrow().active());
            assertEquals(Set.of("dora"), d.recipients(Address.parse("dora@example.org")));
            assertEquals(Optional.of("erin"), login(d, "erin", ERIN_PASSWORD), "default filter ignores mailEnabled");
        }
        LdapDirectoryComponent custom = directory(Map.of("filter.active",
                "(&(!(pwdAccountLockedTime=*))(!(mailEnabled=FALSE)))"));
        try {
            assertEquals(Optional.empty(), login(custom, "erin", ERIN_PASSWORD));
            assertFalse(custom.principal("erin").orElseThrow().active());
            assertEquals(Optional.empty(), login(custom, "dora", DORA_PASSWORD));
            assertEquals(Optional.of("jane"), login(custom, "jane", JANE_PASSWORD));
        } finally {
            custom.deactivate();
        }
    }

    @Test
    void principalsCarryTypeQuotaEmailsAndGroups() {
        Principal jane = bind.principal("Jane").orElseThrow();
        assertEquals("jane", jane.name());
        assertEquals(PrincipalType.INDIVIDUAL, jane.type());
        assertEquals("Jane Doe", jane.description());
        assertEquals(1L << 30, jane.quota());
        assertEquals(0, jane.quotaMessages());
        assertEquals(List.of(Address.parse("jane@example.org"), Address.parse("j.doe@example.org"),
                Address.parse("jane@example.net")), jane.emails());
        assertEquals(Set.of("staff", "support"), jane.memberOf());
        assertTrue(jane.active());

        Principal staff = bind.principal("staff").orElseThrow();
        assertEquals(PrincipalType.LIST, staff.type());
        assertEquals(List.of(Address.parse("staff@example.org")), staff.emails());
        assertEquals("All staff", staff.description());
        assertEquals(PrincipalType.GROUP, bind.principal("support").orElseThrow().type());
        assertEquals(List.of(Address.parse("postmaster@example.org")), bind.principal("postmaster").orElseThrow().emails(),
                "the catch-all alias is not an address");
        assertEquals(0, bind.principal("carol").orElseThrow().quota(), "no quota: unlimited");
        assertEquals(Optional.empty(), bind.principal("nobody"));
    }

    @Test
    void memberOfComesFromAGroupSearchWhenConfigured() {
        LdapDirectoryComponent d = directory(Map.of("filter.groups", "(&(objectClass=groupOfNames)(member=?))",
                "attr.memberof", ""));
        try {
            assertEquals(Set.of("staff", "support"), d.principal("jane").orElseThrow().memberOf());
            assertEquals(Set.of("all"), d.principal("carol").orElseThrow().memberOf());
            assertEquals(Set.of("all"), d.principal("staff").orElseThrow().memberOf(), "a list in a list");
            assertEquals(Set.of(), d.principal("postmaster").orElseThrow().memberOf());
        } finally {
            d.deactivate();
        }
    }

    @Test
    void recipientsResolveAliasesListsSubaddressesAndCatchAll() {
        assertEquals(Set.of("jane"), bind.recipients(Address.parse("jane@example.org")));
        assertEquals(Set.of("jane"), bind.recipients(Address.parse("JANE@example.org")));
        assertEquals(Set.of("jane"), bind.recipients(Address.parse("j.doe@example.org")));
        assertEquals(Set.of("jane"), bind.recipients(Address.parse("jane@example.net")));
        assertEquals(Set.of("jane"), bind.recipients(Address.parse("jane+tag@example.org")));
        assertEquals(Set.of("jane"), bind.recipients(Address.parse("j.doe+a+b@example.org")));
        assertEquals(Set.of("bob"), bind.recipients(Address.parse("jane+bob@example.org")), "an exact address wins");
        assertEquals(Set.of("jane", "bob"), bind.recipients(Address.parse("staff@example.org")));
        assertEquals(Set.of("jane", "bob", "carol"), bind.recipients(Address.parse("all@example.org")),
                "nested lists, cycle broken");
        assertEquals(Set.of("jane", "bob"), bind.recipients(Address.parse("staff+news@example.org")));
        assertEquals(Set.of("support"), bind.recipients(Address.parse("support@example.org")), "a group is itself");
        assertEquals(Set.of("postmaster"), bind.recipients(Address.parse("unknown@example.org")), "catch-all");
        assertEquals(Set.of(), bind.recipients(Address.parse("unknown@example.net")), "no catch-all there");
        assertEquals(Set.of(), bind.recipients(Address.parse("jane@elsewhere.test")));
        LdapDirectoryComponent noSubaddressing = directory(Map.of("subaddress.separator", ""));
        try {
            assertEquals(Set.of("postmaster"), noSubaddressing.recipients(Address.parse("jane+tag@example.org")));
        } finally {
            noSubaddressing.deactivate();
        }
    }

    @Test
    void localDomainsComeFromAssociatedDomain() {
        assertTrue(bind.isLocalDomain("example.org"));
        assertTrue(bind.isLocalDomain("example.net"));
        assertFalse(bind.isLocalDomain("example.com"));
        assertFalse(bind.isLocalDomain("org"));
        LdapDirectoryComponent byMail = directory(Map.of("filter.domains", "(|(mail=*@?)(mailAlias=*@?))"));
        try {
            assertTrue(byMail.isLocalDomain("example.org"));
            assertTrue(byMail.isLocalDomain("example.net"));
            assertFalse(byMail.isLocalDomain("example.com"));
        } finally {
            byMail.deactivate();
        }
    }

    @Test
    void expandListsMembersAddresses() {
        assertEquals(Set.of("carol@example.org", "jane@example.org", "bob@example.org"),
                Set.copyOf(bind.expand("all@example.org").stream().map(Address::toString).toList()));
        assertEquals(3, bind.expand("<all@example.org>").size(), "no duplicates");
        assertEquals(List.of(Address.parse("jane@example.org"), Address.parse("bob@example.org")), bind.expand("staff"));
        assertEquals(List.of(), bind.expand("jane@example.org"), "not a list");
        assertEquals(List.of(), bind.expand("support"), "a group is not a list");
        assertEquals(List.of(), bind.expand("nothing"));
    }

    @Test
    void verifyFindsNamesAndAddresses() {
        assertEquals(List.of("jane"), bind.verify("jane").stream().map(Principal::name).toList());
        assertEquals(List.of("jane"), bind.verify("<j.doe@example.org>").stream().map(Principal::name).toList());
        assertEquals(List.of("staff"), bind.verify("staff@example.org").stream().map(Principal::name).toList());
        assertEquals(List.of(), bind.verify("nobody"));
        assertEquals(List.of(), bind.verify("*"));
        assertEquals(List.of(), bind.verify("  "));
    }

    @Test
    void changesShowAtTheNextLookup() {
        String uid = "new" + System.nanoTime();
        String dn = "uid=" + uid + ",ou=people," + SlapdServer.SUFFIX;
        Address address = Address.parse(uid + "@example.org");
        assertEquals(Optional.empty(), bind.principal(uid));
        assertEquals(Set.of("postmaster"), bind.recipients(address));
        ldap.ldapadd("dn: " + dn + "\nobjectClass: inetOrgPerson\nobjectClass: hermodMailRecipient\nuid: " + uid
                + "\ncn: New\nsn: N\nmail: " + address + "\nuserPassword: " + SlapdServer.ssha("new-pw", new byte[] {1, 2})
                + "\n");
        try {
            assertEquals(uid, bind.principal(uid).orElseThrow().name());
            assertEquals(Set.of(uid), bind.recipients(address));
            assertEquals(Optional.of(uid), login(bind, uid, "new-pw"));
            assertEquals(Optional.of(uid), login(hash, address.toString(), "new-pw"));
            ldap.ldapmodify("dn: " + dn + "\nchangetype: modify\nadd: mailAlias\nmailAlias: fresh-" + uid
                    + "@example.net\n-\nreplace: mailQuota\nmailQuota: 42\n");
            assertEquals(Set.of(uid), bind.recipients(Address.parse("fresh-" + uid + "@example.net")));
            assertEquals(42, bind.principal(uid).orElseThrow().quota());
            ldap.ldapmodify("dn: " + dn + "\nchangetype: modify\nadd: pwdAccountLockedTime\n"
                    + "pwdAccountLockedTime: 000001010000Z\n");
            assertEquals(Optional.empty(), login(bind, uid, "new-pw"), "locked at once");
        } finally {
            ldap.ldapdelete(dn);
        }
        assertEquals(Optional.empty(), bind.principal(uid));
        assertEquals(Set.of("postmaster"), bind.recipients(address));
        assertEquals(Optional.empty(), login(bind, uid, "new-pw"));
    }

    @Test
    void aCacheKeepsAnswersOnlyForItsTtl() throws InterruptedException {
        LdapDirectoryComponent cached = directory(Map.of("cache.ttl.ms", 700));
        String uid = "cached" + System.nanoTime();
        String dn = "uid=" + uid + ",ou=people," + SlapdServer.SUFFIX;
        try {
            assertEquals(Optional.empty(), cached.principal(uid));
            ldap.ldapadd("dn: " + dn + "\nobjectClass: inetOrgPerson\nuid: " + uid + "\ncn: C\nsn: C\n"
                    + "userPassword: cached-pw\n");
            assertEquals(Optional.empty(), cached.principal(uid), "still cached");
            assertEquals(Optional.of(uid), login(cached, uid, "cached-pw"), "authentication is never cached");
            Thread.sleep(800);
            assertEquals(uid, cached.principal(uid).orElseThrow().name());
        } finally {
            ldap.ldapdelete(dn);
            cached.deactivate();
        }
    }

    @Test
    void startTlsAndLdapsConnect() {
        String ca = ldap.caCertificate().toString();
        for (Map<String, Object> tls : List.of(
                Map.<String, Object>of("starttls", true, "truststore.path", ca),
                Map.<String, Object>of("url", ldap.ldapsUrl(), "truststore.path", ca),
                Map.<String, Object>of("url", ldap.ldapsUrl(), "trust.all", true),
                Map.<String, Object>of("url", ldap.ldapsUrl().replace("127.0.0.1", "localhost"), "trust.all", true))) {
            LdapDirectoryComponent d = directory(tls);
            try {
                assertEquals(Optional.of("jane"), login(d, "jane", JANE_PASSWORD), tls.toString());
                assertEquals(Set.of("jane", "bob"), d.recipients(Address.parse("staff@example.org")), tls.toString());
            } finally {
                d.deactivate();
            }
        }
    }

    @Test
    void tlsRefusesUntrustedCertificatesAndWrongHostNames() {
        String ca = ldap.caCertificate().toString();
        for (Map<String, Object> tls : List.of(
                Map.<String, Object>of("url", ldap.ldapsUrl()),
                Map.<String, Object>of("starttls", true),
                Map.<String, Object>of("url", ldap.ldapsUrl().replace("127.0.0.1", "localhost"), "truststore.path", ca),
                Map.<String, Object>of("starttls", true, "url", ldap.ldapUrl().replace("127.0.0.1", "localhost"),
                        "truststore.path", ca))) {
            Map<String, Object> values = new HashMap<>(tls);
            values.put("timeout.ms", 1000);
            LdapDirectoryComponent d = directory(values);
            try {
                long start = System.nanoTime();
                assertThrows(dev.hermod.api.mail.TemporaryFailureException.class, () -> d.principal("jane"),
                        tls.toString());
                assertTrue(System.nanoTime() - start < 4_000_000_000L, "fails within the timeout: " + tls);
            } finally {
                d.deactivate();
            }
        }
    }
}
