package dev.hermod.pop3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.Appended;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailboxView;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.core.internal.auth.DirectoryAuthenticator;
import dev.hermod.core.internal.mail.MailStoreComponent;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs POP3 listeners on 127.0.0.1 over the real core (MailStore, Authenticator), SQLite and file-system
 * providers, with the users alice and bob (password "secret").
 */
abstract class Pop3TestSupport {

    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    KeyValueStore kv;
    ProviderRegistry registry;
    MailStoreComponent store;
    private final List<Pop3Server> servers = new ArrayList<>();

    /** alice and bob, password "secret". */
    static final class Users implements Directory {
        @Override
        public Optional<Principal> authenticate(Credentials c) {
            return c instanceof PlainCredentials p && p.secret().equals("secret") ? principal(p.name()) : Optional.empty();
        }

        @Override
        public Optional<Principal> principal(String name) {
            return Set.of("alice", "bob").contains(name) ? Optional.of(new Principal(name, PrincipalType.INDIVIDUAL,
                    null, 0, 0, List.of(new Address(name, "example.org")), Set.of(), true)) : Optional.empty();
        }

        @Override
        public Set<String> recipients(Address a) {
            return a.domain().equals("example.org") && principal(a.localPart()).isPresent()
                    ? Set.of(a.localPart()) : Set.of();
        }

        @Override
        public boolean isLocalDomain(String domain) {
            return domain.equals("example.org");
        }

        @Override
        public List<Address> expand(String list) {
            return List.of();
        }

        @Override
        public List<Principal> verify(String partial) {
            return List.of();
        }
    }

    @BeforeEach
    void startCore() {
        kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        BlobStore blobs = new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString(), "fsync", false)),
                Components.bundleContext(Map.of(), dir));
        registry = TestRegistries.create(kv, blobs, new Users());
        store = new MailStoreComponent(registry, Components.config(MailStoreComponent.Config.class, Map.of()));
    }

    @AfterEach
    void stopCore() {
        servers.forEach(Pop3Server::deactivate);
        deactivate(store);
        deactivate(kv);
    }

    /**
     * Starts a listener.
     *
     * @param security none, starttls or implicit_tls
     * @param plainWithoutTls whether the Authenticator allows USER/PASS and PLAIN without TLS
     * @param extra more configuration
     * @return its port
     */
    int server(String security, boolean plainWithoutTls, Map<String, Object> extra) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", "pop3", "host", "127.0.0.1", "port", 0,
                "security", security, "hostname", "pop.example.org"));
        config.putAll(extra);
        DirectoryAuthenticator auth = new DirectoryAuthenticator(registry, Components.config(
                DirectoryAuthenticator.Config.class, Map.of("plaintext.without.tls", plainWithoutTls)));
        Pop3Server server = new Pop3Server(Components.config(Pop3Server.Config.class, config), config, store, auth);
        servers.add(server);
        return server.address().getPort();
    }

    static void deactivate(Object component) {
        try {
            Method m = component.getClass().getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(component);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers a message into alice's INBOX. */
    Appended deliver(String message) throws IOException {
        MailAccount mail = store.account("alice");
        return mail.append(mail.mailbox(MailboxRole.INBOX).orElseThrow().id(),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), Set.of(),
                Instant.parse("2024-03-05T10:15:30Z"));
    }

    /** alice's INBOX as it is now. */
    MailboxView inbox() {
        MailAccount mail = store.account("alice");
        return mail.view(mail.mailbox(MailboxRole.INBOX).orElseThrow().id());
    }

    /** Runs a Python script with {@code port} bound and poplib imported; returns its output. */
    String python(int port, String script) throws Exception {
        Path file = dir.resolve("client.py");
        Files.writeString(file, "import poplib, socket, ssl, base64\nsocket.setdefaulttimeout(20)\nport = " + port
                + "\nnotls = ssl.create_default_context()\nnotls.check_hostname = False\n"
                + "notls.verify_mode = ssl.CERT_NONE\n" + script);
        Process p = new ProcessBuilder(PYTHON, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    static final String SIMPLE = "From: Bob Example <bob@example.org>\r\nTo: alice@example.org\r\n"
            + "Subject: Hello there\r\nDate: Tue, 5 Mar 2024 10:00:00 +0000\r\nMessage-ID: <one@example.org>\r\n\r\n"
            + "Hi Alice,\r\nhow are you?\r\n";

    /** Lines that need dot-stuffing: a lone dot, dots at the start, a dot after a blank line. */
    static final String DOTS = "From: carol@example.net\r\nTo: alice@example.org\r\nSubject: Dots\r\n\r\n"
            + ".\r\n..\r\n.leading dot\r\nmiddle . dot\r\n\r\n.\r\nlast line\r\n";
}
