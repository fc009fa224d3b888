package dev.hermod.smtp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import dev.hermod.testing.PostfixServer;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients and a real MTA deliver into the listeners over the real core, SQLite and file-system providers,
 * and every stored message is read back and compared byte for byte with what was sent: swaks (plain SMTP, and
 * STARTTLS + AUTH on submission), Angus Mail (multipart with an 8-bit part, STARTTLS + AUTH), and Postfix
 * relaying over SMTP and over LMTP (hermod-testing's {@link PostfixServer}, which needs root).
 */
class PeerClientsTest {

    private static final String SWAKS = "/usr/bin/swaks";

    @TempDir
    Path dir;

    private KeyValueStore kv;
    private MailStoreComponent store;
    private LocalDelivery delivery;
    private DirectoryAuthenticator auth;
    private ProviderRegistry registry;
    private final List<SmtpServer> servers = new ArrayList<>();

    /** alice and bob in example.org, password "secret". */
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
            String local = a.withoutDetail('+').localPart();
            return a.domain().equals("example.org") && principal(local).isPresent() ? Set.of(local) : Set.of();
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
    void start() {
        kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        BlobStore blobs = new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString())), Components.bundleContext(Map.of(), dir));
        registry = TestRegistries.create(kv, blobs, new Users());
        store = new MailStoreComponent(registry, Components.config(MailStoreComponent.Config.class, Map.of()));
        delivery = new LocalDelivery(registry, store, Components.config(LocalDelivery.Config.class, Map.of()));
        auth = new DirectoryAuthenticator(registry, Components.config(DirectoryAuthenticator.Config.class, Map.of()));
    }

    @AfterEach
    void stop() {
        servers.forEach(SmtpServer::deactivate);
        deactivate(store);
        deactivate(kv);
    }

    private int server(String protocol, String security) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", protocol, "host", "127.0.0.1", "port", 0,
                "security", security, "hostname", "mx.example.org"));
        SmtpServer server = new SmtpServer(Components.config(SmtpServer.Config.class, config), config, delivery, auth,
                new CommandStageFilters(registry));
        servers.add(server);
        return server.address().getPort();
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

    private List<byte[]> inbox(String account) throws IOException {
        MailAccount mail = store.account(account);
        List<byte[]> out = new ArrayList<>();
        for (MessageEntry e : mail.view(mail.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries()) {
            try (InputStream in = mail.open(e.id(), 0, -1)) {
                out.add(in.readAllBytes());
            }
        }
        return out;
    }

    /** The stored message after Return-Path, Delivered-To and the Received field (ends at the first unfolded line). */
    private static byte[] body(byte[] stored) {
        String s = new String(stored, StandardCharsets.ISO_8859_1);
        assertTrue(s.startsWith("Return-Path: "), s);
        int i = s.indexOf("\r\nDelivered-To: ") + 2;
        i = s.indexOf("\r\n", i) + 2;
        assertTrue(s.startsWith("Received: from ", i), s);
        return s.substring(endOfField(s, i)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The message after the one (folded) {@code Received} field an MTA put first. */
    private static byte[] withoutFirstReceived(byte[] message) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        assertTrue(s.startsWith("Received: "), s);
        return s.substring(endOfField(s, 0)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int endOfField(String s, int start) {
        int i = start;
        do {
            i = s.indexOf("\r\n", i) + 2;
        } while (s.charAt(i) == '\t' || s.charAt(i) == ' ');
        return i;
    }

    /** A plain message with the lines dot-stuffing must restore, and every header field an MTA would add. */
    private static final String MSG = "Date: Tue, 25 Nov 2025 10:00:00 +0000\r\nFrom: x@sender.example\r\n"
            + "To: alice@example.org\r\nMessage-ID: <peer-1@sender.example>\r\nSubject: t\r\n\r\n"
            + "line 1\r\n.starts with a dot\r\n..two dots\r\n.\r\nend\r\n";

    /** UTF-8 in a header and an 8-bit body. */
    private static final byte[] EIGHT_BIT = ("Date: Tue, 25 Nov 2025 10:00:00 +0000\r\nFrom: x@sender.example\r\n"
            + "To: bob@example.org\r\nMessage-ID: <peer-2@sender.example>\r\nSubject: \u00e9t\u00e9\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Gr\u00fc\u00dfe \u2603\r\n.dot\r\n").getBytes(StandardCharsets.UTF_8);

    /**
     * A message file for swaks, which sends the file's content followed by CRLF "." CRLF: written without its last
     * line end, so what arrives is {@code message} exactly.
     */
    private Path swaksData(String name, byte[] message) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, java.util.Arrays.copyOf(message, message.length - 2));
        return file;
    }

    private String swaks(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SWAKS, "--server", "127.0.0.1", "--helo", "client.example",
                "--timeout", "20"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile())).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void swaksOverPlainSmtp() throws Exception {
        int port = server("smtp", "none");
        Path file = swaksData("msg.eml", MSG.getBytes(StandardCharsets.US_ASCII));
        String out = swaks("--port", String.valueOf(port), "--from", "x@sender.example", "--to", "alice@example.org",
                "--data", file.toString());
        assertTrue(out.contains("<-  250 2.0.0"), out);
        List<byte[]> alice = inbox("alice");
        assertEquals(1, alice.size());
        assertArrayEquals(MSG.getBytes(StandardCharsets.US_ASCII), body(alice.get(0)),
                () -> new String(alice.get(0), StandardCharsets.UTF_8));
    }

    @Test
    void swaksWithStartTlsAndAuthOnSubmission() throws Exception {
        int port = server("submission", "starttls");
        Path file = swaksData("eight.eml", EIGHT_BIT);
        String out = swaks("--port", String.valueOf(port), "--tls", "--auth", "PLAIN", "--auth-user", "alice",
                "--auth-password", "secret", "--from", "alice@example.org", "--to", "bob@example.org",
                "--data", file.toString());
        assertTrue(out.contains("235 ") && out.contains("<~  250 2.0.0"), out);
        List<byte[]> bob = inbox("bob");
        assertEquals(1, bob.size());
        assertArrayEquals(EIGHT_BIT, body(bob.get(0)), () -> new String(bob.get(0), StandardCharsets.UTF_8));
        assertTrue(new String(bob.get(0), StandardCharsets.US_ASCII).contains(" with ESMTPSA\r\n"));
    }

    @Test
    void angusMailMultipartWith8BitPartOverStartTlsAndAuth() throws Exception {
        int port = server("submission", "starttls");
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.localhost", "client.example");
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.trust", "127.0.0.1");
        props.put("mail.smtp.ssl.checkserveridentity", "false");
        props.put("mail.smtp.timeout", "20000");
        props.put("mail.smtp.connectiontimeout", "20000");
        Session session = Session.getInstance(props);

        MimeMessage draft = new MimeMessage(session);
        draft.setFrom(new InternetAddress("alice@example.org", "Alice \u00c5berg", "UTF-8"));
        draft.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
        draft.setSubject("Gr\u00fc\u00dfe", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Gr\u00fc\u00dfe aus K\u00f6ln \u2603\r\n.a line with a dot\r\n", "UTF-8");
        text.setHeader("Content-Transfer-Encoding", "8bit");
        MimeBodyPart binary = new MimeBodyPart();
        byte[] data = new byte[3000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        binary.setDataHandler(new DataHandler(new ByteArrayDataSource(data, "application/octet-stream")));
        binary.setFileName("data.bin");
        draft.setContent(new MimeMultipart(text, binary));
        draft.saveChanges();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        draft.writeTo(sent);

        // Sent as written: a parsed message goes out unchanged (sendMessage does not call saveChanges).
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(sent.toByteArray()));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("alice", "secret");
            transport.sendMessage(message, message.getAllRecipients());
        }
        List<byte[]> bob = inbox("bob");
        assertEquals(1, bob.size());
        assertArrayEquals(sent.toByteArray(), body(bob.get(0)), () -> new String(bob.get(0), StandardCharsets.UTF_8));
        assertTrue(new String(bob.get(0), StandardCharsets.US_ASCII).contains(" with ESMTPSA\r\n"));
        MimeMessage stored = new MimeMessage(session, new ByteArrayInputStream(body(bob.get(0))));
        MimeMultipart parts = (MimeMultipart) stored.getContent();
        assertEquals("Gr\u00fc\u00dfe aus K\u00f6ln \u2603\r\n.a line with a dot\r\n", parts.getBodyPart(0).getContent());
        assertArrayEquals(data, parts.getBodyPart(1).getInputStream().readAllBytes());
    }

    @Test
    void postfixRelaysOverSmtp() throws Exception {
        int port = server("smtp", "none");
        try (PostfixServer postfix = PostfixServer.builder().relayTo("127.0.0.1", port).start()) {
            // By SMTP to Postfix, which relays the message as received, with its Received field first.
            Path file = swaksData("msg.eml", MSG.getBytes(StandardCharsets.US_ASCII));
            swaks("--port", String.valueOf(postfix.port()), "--from", "x@sender.example", "--to", "alice@example.org",
                    "--data", file.toString());
            // By Postfix's sendmail: a local submission, to which Postfix also adds only its Received field.
            postfix.sendmail("x@sender.example", List.of("bob@example.org"), EIGHT_BIT);
            awaitInboxes(postfix, Map.of("alice", 1, "bob", 1));
            assertArrayEquals(MSG.getBytes(StandardCharsets.US_ASCII), withoutFirstReceived(body(inbox("alice").get(0))));
            byte[] bob = inbox("bob").get(0);
            assertArrayEquals(EIGHT_BIT, withoutFirstReceived(body(bob)), () -> new String(bob, StandardCharsets.UTF_8));
            assertTrue(new String(bob, StandardCharsets.US_ASCII).contains("Received: from "
                    + PostfixServer.DEFAULT_HOSTNAME + " ([127.0.0.1])\r\n\tby mx.example.org (Hermod) with ESMTP\r\n"));
            postfix.awaitEmptyQueue(Duration.ofSeconds(30));
        }
    }

    @Test
    void postfixDeliversOverLmtp() throws Exception {
        int port = server("lmtp", "none");
        try (PostfixServer postfix = PostfixServer.builder().lmtpTo("127.0.0.1", port).relayDomains("example.org").start()) {
            postfix.sendmail("x@sender.example", List.of("alice@example.org", "bob+tag@example.org"), EIGHT_BIT);
            awaitInboxes(postfix, Map.of("alice", 1, "bob", 1));
            for (String user : List.of("alice", "bob")) {
                byte[] stored = inbox(user).get(0);
                assertArrayEquals(EIGHT_BIT, withoutFirstReceived(body(stored)), () -> new String(stored, StandardCharsets.UTF_8));
                assertTrue(new String(stored, StandardCharsets.US_ASCII).contains("Received: from "
                        + PostfixServer.DEFAULT_HOSTNAME + " ([127.0.0.1])\r\n\tby mx.example.org (Hermod) with LMTP\r\n"));
            }
            assertTrue(new String(inbox("bob").get(0), StandardCharsets.US_ASCII)
                    .startsWith("Return-Path: <x@sender.example>\r\nDelivered-To: bob+tag@example.org\r\n"));
            postfix.awaitEmptyQueue(Duration.ofSeconds(30));
        }
    }

    /** Flushes Postfix's queue until each account holds its count of messages. */
    private void awaitInboxes(PostfixServer postfix, Map<String, Integer> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            boolean done = true;
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                done &= inbox(e.getKey()).size() >= e.getValue();
            }
            if (done) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Hermod did not get the messages from Postfix:\n" + postfix.queueListing()
                        + "\n" + postfix.logTail());
            }
            postfix.flush();
            Thread.sleep(200);
        }
    }
}
