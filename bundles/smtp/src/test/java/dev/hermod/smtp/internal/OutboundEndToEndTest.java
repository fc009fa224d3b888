package dev.hermod.smtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.core.internal.auth.DirectoryAuthenticator;
import dev.hermod.core.internal.delivery.CommandStageFilters;
import dev.hermod.core.internal.delivery.LocalDelivery;
import dev.hermod.core.internal.mail.MailStoreComponent;
import dev.hermod.core.internal.queue.QueueComponent;
import dev.hermod.dkim.internal.DkimSigner;
import dev.hermod.outbound.internal.SmtpTransport;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import dev.hermod.testing.DnsServer;
import dev.hermod.testing.DovecotServer;
import dev.hermod.testing.PostfixServer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail submitted to Hermod for a remote domain leaves through the real outbound queue and SMTP transport,
 * DKIM-signed by the real signer, to a private Postfix found by MX lookup in a test DNS zone, which hands it
 * to Dovecot over LMTP; the copy stored there still verifies with an independent DKIM verifier (dkimpy).
 * The local recipient of the same message gets it directly.
 */
class OutboundEndToEndTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void submittedMailReachesARemoteMxSignedAndVerifiable() throws Exception {
        KeyValueStore kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        BlobStore blobs = new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString())), Components.bundleContext(Map.of(), dir));
        ProviderRegistry registry = TestRegistries.create(kv, blobs, new SmtpEndToEndTest.Users());
        MailStoreComponent store = new MailStoreComponent(registry, Components.config(MailStoreComponent.Config.class,
                Map.of()));
        LocalDelivery delivery = new LocalDelivery(registry, store, Components.config(LocalDelivery.Config.class,
                Map.of()));
        DirectoryAuthenticator auth = new DirectoryAuthenticator(registry,
                Components.config(DirectoryAuthenticator.Config.class, Map.of()));
        Map<String, Object> signerConfig = Map.of("keys.directory", dir.resolve("dkim").toString());
        DkimSigner signer = new DkimSigner(Components.config(DkimSigner.Config.class, signerConfig), signerConfig,
                Components.bundleContext(Map.of(), dir));
        String record = signer.create("example.org", "s2026", "rsa");

        try (DovecotServer dovecot = DovecotServer.builder().user("friend", "pw").start();
             PostfixServer postfix = PostfixServer.builder().relayDomains("remote.example")
                     .lmtpTo("127.0.0.1", dovecot.lmtpPort())
                     .recipientAccess("busy@remote.example", "451 4.2.1 Mailbox busy, try later")
                     .recipientAccess("gone@remote.example", "550 5.1.1 No such user here")
                     .start();
             DnsServer dns = DnsServer.start("""
                     remote.example. 300 IN MX 10 mx.remote.example.
                     mx.remote.example. 300 IN A 127.0.0.1
                     """)) {
            Map<String, Object> transportConfig = Map.of("smtp.port", postfix.port(), "hostname", "mx.example.org",
                    "dns.servers", "127.0.0.1:" + dns.port());
            SmtpTransport transport = new SmtpTransport(Components.config(SmtpTransport.Config.class,
                    transportConfig));
            TestRegistries.addTransport(registry, transport);
            QueueComponent queue = new QueueComponent(registry, delivery, Components.config(QueueComponent.Config.class,
                    Map.of("retry.schedule", "2s", "hostname", "mx.example.org", "poll.seconds", 1)));
            Map<String, Object> config = new HashMap<>(Map.of("protocol", "submission", "host", "127.0.0.1",
                    "port", 0, "security", "starttls", "hostname", "mx.example.org"));
            SmtpServer server = new SmtpServer(Components.config(SmtpServer.Config.class, config), config, delivery,
                    auth, new CommandStageFilters(registry));
            server.bindQueue(queue);
            server.bindSigner(signer);
            try {
                Path message = dir.resolve("out.eml");
                Files.writeString(message, "From: Alice <alice@example.org>\r\nTo: friend@remote.example\r\n"
                        + "Cc: bob@example.org\r\nSubject: Hello from Hermod\r\nDate: Wed, 25 Nov 2026 12:00:00 +0000\r\n"
                        + "Message-ID: <outbound-1@example.org>\r\n\r\nSigned, queued and relayed.\r\n");
                python(server.address().getPort(), """
                        s = smtplib.SMTP('127.0.0.1', port)
                        ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                        s.starttls(context=ctx)
                        s.login('alice', 'secret')
                        refused = s.sendmail('alice@example.org', ['friend@remote.example', 'bob@example.org'],
                                             open('%s', 'rb').read())
                        assert refused == {}, refused
                        s.quit()
                        """.formatted(message));
                dovecot.awaitMessages(1, Duration.ofSeconds(90));
                byte[] received = dovecot.messages("friend").get(0);
                String text = new String(received, StandardCharsets.UTF_8);
                assertTrue(text.contains("DKIM-Signature: v=1; a=rsa-sha256;") && text.contains("d=example.org"),
                        text);
                assertTrue(text.contains("Signed, queued and relayed."), text);
                assertEquals("True", dkimpy(received, record), "dkimpy verifies the signature after the relay");
                MailAccount bob = store.account("bob");
                assertEquals(1, bob.view(bob.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries().size());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!queue.list().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertEquals(List.of(), queue.list(), "the delivered entry leaves the queue");

                // The peer's 4xx is retried on the schedule; its 5xx comes back to the sender as a report.
                python(server.address().getPort(), """
                        s = smtplib.SMTP('127.0.0.1', port)
                        ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                        s.starttls(context=ctx)
                        s.login('alice', 'secret')
                        refused = s.sendmail('alice@example.org', ['busy@remote.example', 'gone@remote.example'],
                                             b'From: alice@example.org\\r\\nSubject: two remote recipients\\r\\n\\r\\nhi\\r\\n')
                        assert refused == {}, refused
                        s.quit()
                        """);
                MailAccount alice = store.account("alice");
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int attempts = 0;
                while (System.nanoTime() < deadline) {
                    attempts = queue.list().isEmpty() ? 0 : queue.list().get(0).attempts();
                    if (attempts >= 2 && alice.view(alice.mailbox(MailboxRole.INBOX).orElseThrow().id())
                            .entries().size() == 1) {
                        break;
                    }
                    Thread.sleep(200);
                }
                var entry = queue.list().get(0);
                assertTrue(entry.attempts() >= 2, "the 4xx recipient was tried again: " + entry);
                assertTrue(entry.recipients().stream().anyMatch(r -> r.recipient().toString().equals("busy@remote.example")
                        && r.state() == dev.hermod.api.outbound.QueueEntry.State.PENDING
                        && r.lastReply().contains("451")), entry.toString());
                var reports = alice.view(alice.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries();
                assertEquals(1, reports.size(), "one delivery report for the 5xx recipient");
                String report;
                try (var in = alice.open(reports.get(0).id(), 0, -1)) {
                    report = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                assertTrue(report.contains("multipart/report") && report.contains("Final-Recipient: rfc822; gone@remote.example")
                        && report.contains("Status: 5.1.1") && report.contains("No such user here"), report);
                assertEquals(1, dovecot.countAll(), "nothing more reached the remote side");
            } finally {
                server.deactivate();
                deactivate(queue);
                transport.close();
            }
        } finally {
            deactivate(store);
            deactivate(kv);
        }
    }

    private String python(int port, String script) throws Exception {
        Path file = dir.resolve("client.py");
        Files.writeString(file, "import smtplib, socket, ssl, sys\nsocket.setdefaulttimeout(30)\nport = " + port
                + "\n" + script);
        Process p = new ProcessBuilder(PYTHON, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** dkimpy's verdict on the first DKIM-Signature, the key record given instead of looked up. */
    private String dkimpy(byte[] message, String record) throws Exception {
        Path m = dir.resolve("received.eml");
        Path r = dir.resolve("record.txt");
        Files.write(m, message);
        Files.writeString(r, record + "\n");
        String script = """
                import re, sys, dkim
                msg = open(sys.argv[1], 'rb').read()
                line = open(sys.argv[2], encoding='ascii').read()
                name = line.split()[0].rstrip('.').lower()
                value = ''.join(re.findall(r'"([^"]*)"', line)).encode()
                print(dkim.DKIM(msg).verify(dnsfunc=lambda n, timeout=5: value if n.decode().rstrip('.').lower() == name else None))
                """;
        Process p = new ProcessBuilder(PYTHON, "-c", script, m.toString(), r.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
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
}
