package dev.hermod.directory.ldap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.testing.SlapdServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A server that is down, silent or misconfigured gives temporary failures, quickly. */
class OutageTest {

    private static final long QUICK_NANOS = 6_000_000_000L;

    @Test
    void aStoppedServerFailsTemporarilyAndARestartedOneServesAgain() {
        try (SlapdServer ldap = SlapdServer.start()) {
            LdapDirectoryComponent d = LdapDirectoryTest.directory(ldap, Map.of("timeout.ms", 1500,
                    "connect.timeout.ms", 1000));
            try {
                assertEquals("jane", d.principal("jane").orElseThrow().name());
                assertEquals(Optional.of("jane"), d.authenticate(new PlainCredentials("jane", SlapdServer.JANE_PASSWORD))
                        .map(p -> p.name()));
                ldap.stopProcess();
                TemporaryFailureException e = quickTemporaryFailure(() -> d.principal("jane"));
                assertTrue(e.getMessage().contains(ldap.ldapUrl()), e.getMessage());
                quickTemporaryFailure(() -> d.authenticate(new PlainCredentials("jane", SlapdServer.JANE_PASSWORD)));
                quickTemporaryFailure(() -> d.recipients(Address.parse("jane@example.org")));
                quickTemporaryFailure(() -> d.isLocalDomain("example.org"));
                quickTemporaryFailure(() -> d.expand("staff"));
                quickTemporaryFailure(() -> d.verify("jane"));
                ldap.restart();
                assertEquals("jane", d.principal("jane").orElseThrow().name());
                assertEquals(Set.of("jane", "bob"), d.recipients(Address.parse("staff@example.org")));
                assertEquals(Optional.of("jane"), d.authenticate(new PlainCredentials("jane", SlapdServer.JANE_PASSWORD))
                        .map(p -> p.name()));
            } finally {
                d.deactivate();
            }
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            }, "silent-ldap");
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, Object> values = LdapDirectoryTest.settings(SlapdServer.shared());
            values.put("url", "ldap://127.0.0.1:" + silent.getLocalPort());
            values.put("timeout.ms", 1000);
            values.put("connect.timeout.ms", 1000);
            LdapDirectoryComponent d = new LdapDirectoryComponent(dev.hermod.testing.Components.config(
                    LdapDirectoryComponent.Config.class, values));
            try {
                TemporaryFailureException e = quickTemporaryFailure(() -> d.principal("jane"));
                assertTrue(e.getMessage().contains("127.0.0.1:" + silent.getLocalPort()), e.getMessage());
                quickTemporaryFailure(() -> d.authenticate(new PlainCredentials("jane", "pw")));
            } finally {
                d.deactivate();
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void nothingListeningFailsAtOnce() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        LdapDirectoryComponent d = LdapDirectoryTest.directory(SlapdServer.shared(),
                Map.of("url", "ldap://127.0.0.1:" + port, "timeout.ms", 2000));
        try {
            quickTemporaryFailure(() -> d.recipients(Address.parse("jane@example.org")));
        } finally {
            d.deactivate();
        }
    }

    @Test
    void aRefusedServiceBindAndAMissingBaseSaySo() {
        LdapDirectoryComponent badPassword = LdapDirectoryTest.directory(SlapdServer.shared(),
                Map.of(".bind.password", "wrong"));
        LdapDirectoryComponent badBase = LdapDirectoryTest.directory(SlapdServer.shared(),
                Map.of("base.dn", "dc=nowhere,dc=test"));
        try {
            TemporaryFailureException e = quickTemporaryFailure(() -> badPassword.principal("jane"));
            assertTrue(e.getMessage().contains("bind.dn"), e.getMessage());
            e = quickTemporaryFailure(() -> badBase.principal("jane"));
            assertTrue(e.getMessage().contains("base.dn") || e.getMessage().contains("32"), e.getMessage());
        } finally {
            badPassword.deactivate();
            badBase.deactivate();
        }
    }

    @Test
    void anonymousSearchWorksWithBindAuthentication() {
        LdapDirectoryComponent anonymous = LdapDirectoryTest.directory(SlapdServer.shared(),
                Map.of("bind.dn", "", ".bind.password", ""));
        try {
            assertEquals(Optional.of("jane"), anonymous.authenticate(new PlainCredentials("jane",
                    SlapdServer.JANE_PASSWORD)).map(p -> p.name()));
            assertEquals(Optional.empty(), anonymous.authenticate(new PlainCredentials("jane", "wrong")));
        } finally {
            anonymous.deactivate();
        }
    }

    private static TemporaryFailureException quickTemporaryFailure(Executable call) {
        long start = System.nanoTime();
        TemporaryFailureException e = assertThrows(TemporaryFailureException.class, call);
        long took = System.nanoTime() - start;
        assertTrue(took < QUICK_NANOS, "took " + took / 1_000_000 + " ms: " + e.getMessage());
        return e;
    }
}
