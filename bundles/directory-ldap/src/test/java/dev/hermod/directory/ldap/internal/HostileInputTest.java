package dev.hermod.directory.ldap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.mail.Address;
import dev.hermod.testing.SlapdServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Names, passwords and addresses built to change a filter's meaning find nothing and log nobody in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    static final List<String> HOSTILE = List.of("*", "**", "j*", "jane*", "*)(uid=*", "jane)(|(uid=*)",
            "*)(|(objectClass=*", "jane)(&)", "(", ")", "\\", "\\2a", "\\*", "jane\\", "\u0000", "jane\u0000",
            "\u0000*", "\"", "'", "\"jane\"", "'jane'", "jane' OR '1'='1", "jürgen*", "j\u00fcrgen)", "\ud800",
            "jane\r\n", "\t", "@example.org", "*@example.org", "uid=jane,ou=people,dc=example,dc=org",
            "a".repeat(10_000), "*".repeat(10_000), "(".repeat(5_000) + ")".repeat(5_000),
            "\u00e9".repeat(10_000), "\\".repeat(10_000));

    private LdapDirectoryComponent bind;
    private LdapDirectoryComponent hash;

    @BeforeAll
    void start() {
        SlapdServer ldap = SlapdServer.shared();
        bind = LdapDirectoryTest.directory(ldap, Map.of());
        hash = LdapDirectoryTest.directory(ldap, Map.of("auth.mode", "hash"));
    }

    @AfterAll
    void stop() {
        bind.deactivate();
        hash.deactivate();
    }

    @Test
    void hostileNamesFindNothing() {
        for (String name : HOSTILE) {
            String shown = show(name);
            for (LdapDirectoryComponent d : List.of(bind, hash)) {
                assertEquals(Optional.empty(), d.principal(name), shown);
                assertEquals(List.of(), d.verify(name), shown);
                assertEquals(List.of(), d.expand(name), shown);
                assertFalse(d.isLocalDomain(name), shown);
                for (String password : List.of(SlapdServer.JANE_PASSWORD, SlapdServer.WEIRD_PASSWORD, name, "*")) {
                    assertEquals(Optional.empty(), d.authenticate(new PlainCredentials(name, password)).map(Principal::name),
                            shown + " / " + show(password));
                }
            }
        }
    }

    @Test
    void hostilePasswordsLogNobodyIn() {
        for (String password : HOSTILE) {
            for (LdapDirectoryComponent d : List.of(bind, hash)) {
                for (String name : List.of("jane", "weird", SlapdServer.WEIRD_UID, "jane@example.org")) {
                    assertEquals(Optional.empty(), d.authenticate(new PlainCredentials(name, password)),
                            name + " / " + show(password));
                }
            }
        }
    }

    @Test
    void hostileAddressesReachOnlyTheCatchAll() {
        List<Address> addresses = new ArrayList<>();
        for (String local : List.of("*", "jane*", "*)(mail=*", "jane)(|(mail=*)", "\\", "(", ")", "\"*\"", "jüne",
                "a".repeat(60), "*+tag", "+jane")) {
            addresses.add(new Address(local, "example.org"));
        }
        for (Address address : addresses) {
            assertEquals(Set.of("postmaster"), bind.recipients(address), address.toString());
        }
        assertEquals(Set.of(), bind.recipients(new Address("*", "example.net")), "no catch-all in example.net");
        assertEquals(Set.of("jane"), bind.recipients(new Address("jane+*)(mail=*", "example.org")),
                "a detail is free-form: the address is jane's");
        assertFalse(bind.isLocalDomain("*"));
        assertFalse(bind.isLocalDomain("example.*"));
        assertFalse(bind.isLocalDomain("*.org"));
    }

    @Test
    void metacharactersInRealNamesAreTakenLiterally() {
        assertEquals("weird", bind.principal(SlapdServer.WEIRD_UID).orElseThrow().name());
        assertEquals(Optional.empty(), bind.principal("we*"));
        assertEquals(Optional.empty(), bind.principal("we*ird(1)"));
        assertEquals("jurgen", bind.principal("jürgen").orElseThrow().name());
        assertEquals("jurgen", bind.principal("JÜRGEN").orElseThrow().name(), "the server folds non-ASCII case");
    }

    private static String show(String s) {
        String shown = s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + ")" : s;
        return shown.replace("\u0000", "\\0").replace("\r", "\\r").replace("\n", "\\n");
    }
}
