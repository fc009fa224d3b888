package dev.hermod.smtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.core.internal.auth.DirectoryAuthenticator;
import dev.hermod.core.internal.delivery.CommandStageFilters;
import dev.hermod.core.internal.delivery.LocalDelivery;
import dev.hermod.core.internal.mail.MailStoreComponent;
import dev.hermod.milter.internal.MilterTestFilters;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import dev.hermod.testing.RspamdServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spam filtering end to end: mail sent with Python's smtplib to the MTA listener, asked about by a real rspamd
 * through the milter client at DATA, and what the recipient finds in the store afterwards.
 */
class MilterEndToEndTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    @TempDir
    static Path rspamdDir;
    private static RspamdServer rspamd;

    @TempDir
    Path dir;
    private KeyValueStore kv;
    private MailStoreComponent store;
    private LocalDelivery delivery;
    private DirectoryAuthenticator auth;
    private ProviderRegistry registry;
    private final List<SmtpServer> servers = new ArrayList<>();

    @BeforeAll
    static void startRspamd() throws Exception {
        rspamd = RspamdServer.start(rspamdDir);
    }

    @AfterAll
    static void stopRspamd() throws Exception {
        if (rspamd != null) {
            rspamd.close();
        }
    }

    /** Starts the core and an MTA listener whose DATA stage asks rspamd's milter listener on {@code port}. */
    private int mta(int port) throws Exception {
        kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        BlobStore blobs = new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString())), Components.bundleContext(Map.of(), dir));
        registry = TestRegistries.create(kv, blobs, new SmtpEndToEndTest.Users());
        store = new MailStoreComponent(registry, Components.config(MailStoreComponent.Config.class, Map.of()));
        delivery = new LocalDelivery(registry, store, Components.config(LocalDelivery.Config.class, Map.of()));
        auth = new DirectoryAuthenticator(registry, Components.config(DirectoryAuthenticator.Config.class, Map.of()));
        TestRegistries.addFilter(registry, MilterTestFilters.inet("rspamd", port, true), "rspamd", 10, "data");
        Map<String, Object> config = new HashMap<>(Map.of("protocol", "smtp", "host", "127.0.0.1", "port", 0,
                "security", "none", "hostname", "mx.example.org"));
        SmtpServer server = new SmtpServer(Components.config(SmtpServer.Config.class, config), config, delivery, auth,
                new CommandStageFilters(registry));
        servers.add(server);
        return server.address().getPort();
    }

    @AfterEach
    void stop() {
        servers.forEach(SmtpServer::deactivate);
        if (store != null) {
            deactivate(store);
            deactivate(kv);
        }
    }

    private static void deactivate(Object component) {
        try {
            Method m = component.getClass().getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(component);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends two messages (a normal one, then GTUBE) and prints each DATA reply as "code text". */
    private String send(int port) throws Exception {
        Path file = dir.resolve("client.py");
        Files.writeString(file, """
                import smtplib, socket
                socket.setdefaulttimeout(60)
                normal = (b'From: Sam <sam@sender.example>\\r\\nTo: alice@example.org\\r\\nSubject: Lunch on Thursday\\r\\n'
                          b'Date: Wed, 25 Nov 2026 10:00:00 +0000\\r\\nMessage-ID: <lunch-42@sender.example>\\r\\n'
                          b'MIME-Version: 1.0\\r\\nContent-Type: text/plain; charset=utf-8\\r\\n\\r\\n'
                          b'Hi Alice,\\r\\n\\r\\nshall we meet for lunch on Thursday at noon?\\r\\n\\r\\nSam\\r\\n')
                spam = (b'From: offers@spam.example\\r\\nTo: alice@example.org\\r\\nSubject: You won\\r\\n'
                        b'Date: Wed, 25 Nov 2026 10:01:00 +0000\\r\\nMessage-ID: <won-1@spam.example>\\r\\n\\r\\n'
                        b'%s\\r\\n')
                for name, msg, sender in (('normal', normal, 'sam@sender.example'), ('spam', spam, 'offers@spam.example')):
                    s = smtplib.SMTP('127.0.0.1', %d)
                    s.ehlo('mail.sender.example')
                    code, m = s.mail(sender)
                    assert code == 250, (code, m)
                    code, m = s.rcpt('alice@example.org')
                    assert code == 250, (code, m)
                    code, m = s.data(msg)
                    print(name, code, m.decode())
                    s.quit()
                """.formatted(GTUBE, port));
        Process p = new ProcessBuilder(PYTHON, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private List<String> messages(MailboxRole role) throws IOException {
        MailAccount mail = store.account("alice");
        var box = mail.mailbox(role);
        if (box.isEmpty()) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (MessageEntry e : mail.view(box.get().id()).entries()) {
            try (InputStream in = mail.open(e.id(), 0, -1)) {
                texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return texts;
    }

    @Test
    void spamIsRefusedAtDataAndHamIsStoredWithRspamdsHeaders() throws Exception {
        String out = send(mta(rspamd.port()));
        assertTrue(out.contains("normal 250"), out + rspamd.log());
        // rspamd's reply code and text reach the sending client as they are
        assertTrue(out.contains("spam 554 5.7.1 Gtube pattern"), out + rspamd.log());

        List<String> inbox = messages(MailboxRole.INBOX);
        assertEquals(1, inbox.size(), inbox::toString);
        String stored = inbox.get(0);
        assertTrue(stored.contains("Subject: Lunch on Thursday"), stored);
        assertTrue(stored.contains("\r\nX-Spamd-Result: default: False"), stored);
        assertTrue(stored.contains("\r\nX-Rspamd-Queue-Id: "), stored);
        assertTrue(stored.endsWith("shall we meet for lunch on Thursday at noon?\r\n\r\nSam\r\n"), stored);
        assertEquals(List.of(), messages(MailboxRole.JUNK), "nothing was accepted into Junk");
    }

    @Test
    void quarantinedSpamIsAcceptedIntoJunk() throws Exception {
        String out = send(mta(rspamd.quarantinePort()));
        assertTrue(out.contains("normal 250"), out + rspamd.log());
        assertTrue(out.contains("spam 250"), out + rspamd.log());

        List<String> inbox = messages(MailboxRole.INBOX);
        assertEquals(1, inbox.size(), inbox::toString);
        assertTrue(inbox.get(0).contains("Subject: Lunch on Thursday"), inbox::toString);
        List<String> junk = messages(MailboxRole.JUNK);
        assertEquals(1, junk.size(), junk::toString);
        assertTrue(junk.get(0).contains("Subject: You won") && junk.get(0).contains(GTUBE), junk::toString);
    }
}
