package dev.hermod.imap.internal;

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
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.core.internal.ProviderRegistry;
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
 * Runs IMAP listeners on 127.0.0.1 over the real core, SQLite and file-system providers, with the users
 * alice and bob (password "secret").
 */
abstract class ImapTestSupport {

    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    KeyValueStore kv;
    MailStoreComponent store;
    DirectoryAuthenticator auth;
    final List<ImapServer> servers = new ArrayList<>();

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
            return principal(a.localPart()).isPresent() ? Set.of(a.localPart()) : Set.of();
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

    /** Whether blobs are synced to disk: off for speed in tests, on (the default) where figures are compared. */
    boolean blobFsync() {
        return false;
    }

    @BeforeEach
    void startCore() {
        kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        BlobStore blobs = new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString(), "fsync", blobFsync())),
                Components.bundleContext(Map.of(), dir));
        ProviderRegistry registry = TestRegistries.create(kv, blobs, new Users());
        store = new MailStoreComponent(registry, Components.config(MailStoreComponent.Config.class, Map.of()));
        auth = new DirectoryAuthenticator(registry, Components.config(DirectoryAuthenticator.Config.class,
                Map.of("plaintext.without.tls", plaintext())));
    }

    /** Whether plain-text logins are allowed without TLS. */
    boolean plaintext() {
        return true;
    }

    @AfterEach
    void stopCore() {
        servers.forEach(ImapServer::deactivate);
        deactivate(store);
        deactivate(kv);
    }

    int server(String security, Map<String, Object> extra) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", "imap", "host", "127.0.0.1", "port", 0,
                "security", security, "hostname", "imap.example.org", "workers", 4));
        config.putAll(extra);
        ImapServer server = new ImapServer(Components.config(ImapServer.Config.class, config), config, store, auth);
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

    /** Delivers a message straight into a mailbox of an account. */
    Appended deliver(String account, String mailbox, String message) throws IOException {
        MailAccount mail = store.account(account);
        var box = mailbox.equals("INBOX") ? mail.mailbox(MailboxRole.INBOX).orElseThrow()
                : mail.find(mailbox).orElseThrow();
        return mail.append(box.id(), new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), Set.of(),
                Instant.parse("2024-03-05T10:15:30Z"));
    }

    /** Runs a Python script with {@code port} bound; returns its output. */
    String python(int port, String script) throws Exception {
        Path file = dir.resolve("client.py");
        Files.writeString(file, "import imaplib, socket, ssl, sys, time\nsocket.setdefaulttimeout(20)\nport = " + port
                + "\n" + script);
        Process p = new ProcessBuilder(PYTHON, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    static final String SIMPLE = "From: Bob Example <bob@example.org>\r\nTo: alice@example.org\r\n"
            + "Subject: Hello there\r\nDate: Tue, 5 Mar 2024 10:00:00 +0000\r\nMessage-ID: <one@example.org>\r\n\r\n"
            + "Hi Alice,\r\nhow are you?\r\n";

    static final String MULTIPART = "From: carol@example.net\r\nTo: alice@example.org\r\nSubject: Report\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            + "preamble\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the attachment.\r\n"
            + "--b1\r\nContent-Type: application/pdf; name=\"r.pdf\"\r\nContent-Disposition: attachment; filename=\"r.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n";
}
