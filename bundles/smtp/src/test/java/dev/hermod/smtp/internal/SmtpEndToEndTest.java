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
import dev.hermod.api.filter.DeliveryContext;
import dev.hermod.api.filter.HeaderChange;
import dev.hermod.api.filter.MessageContent;
import dev.hermod.api.filter.MessageFilter;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.mail.SmtpReply;
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
import dev.hermod.net.support.TlsContexts;
import dev.hermod.testing.Components;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listeners on 127.0.0.1 over the real core, SQLite and file-system providers, driven by Python's smtplib. */
class SmtpEndToEndTest {

    private static final String PYTHON = "/usr/bin/python3";

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
            return list.equals("team@example.org")
                    ? List.of(new Address("alice", "example.org"), new Address("bob", "example.org")) : List.of();
        }

        @Override
        public List<Principal> verify(String partial) {
            return Set.of("alice", "bob").stream().filter(n -> partial.equals("anyone")
                            || n.startsWith(partial.replaceAll("@.*", "")))
                    .sorted().map(n -> principal(n).orElseThrow()).toList();
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

    private SmtpServer last;

    private int server(String protocol, String security, Map<String, Object> extra) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", protocol, "host", "127.0.0.1", "port", 0,
                "security", security, "hostname", "mx.example.org", "message.max.size", 10_000L));
        config.putAll(extra);
        SmtpServer server = new SmtpServer(Components.config(SmtpServer.Config.class, config), config, delivery, auth,
                new CommandStageFilters(registry));
        servers.add(server);
        last = server;
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

    /** Runs a Python script with {@code port} bound; returns its output. */
    private String python(int port, String script) throws Exception {
        Path file = dir.resolve("client.py");
        Files.writeString(file, "import smtplib, socket, ssl, sys\nsocket.setdefaulttimeout(20)\nport = " + port + "\n" + script);
        Process p = new ProcessBuilder(PYTHON, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
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
        do {
            i = s.indexOf("\r\n", i) + 2;
        } while (s.charAt(i) == '\t' || s.charAt(i) == ' ');
        return s.substring(i).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final String MSG = "From: x@sender.example\r\nTo: alice@example.org\r\nSubject: t\r\n\r\n"
            + "line 1\r\n.starts with a dot\r\n..two dots\r\nend\r\n";

    @Test
    void plainSmtpWithPipeliningUnknownUserAndRelayDenied() throws Exception {
        int port = server("smtp", "none", Map.of());
        String out = python(port, """
                s = smtplib.SMTP('127.0.0.1', port)
                code, msg = s.ehlo('client.example')
                assert code == 250 and b'PIPELINING' in msg and b'ENHANCEDSTATUSCODES' in msg, msg
                # smtplib pipelines nothing; send a raw batch
                s.send(b'MAIL FROM:<x@sender.example>\\r\\nRCPT TO:<nobody@example.org>\\r\\nRCPT TO:<a@elsewhere.example>\\r\\nRCPT TO:<alice+tag@example.org>\\r\\nDATA\\r\\n')
                replies = [s.getreply() for _ in range(5)]
                print(replies)
                assert [r[0] for r in replies] == [250, 550, 550, 250, 354], replies
                assert replies[1][1].startswith(b'5.1.1') and replies[2][1].startswith(b'5.7.1'), replies
                s.send(sys.argv[0].encode() and b'')
                data = open(__file__.replace('client.py', 'msg.eml'), 'rb').read()
                s.send(data.replace(b'\\r\\n.', b'\\r\\n..') + b'.\\r\\n')
                code, msg = s.getreply()
                assert code == 250 and msg.startswith(b'2.0.0'), msg
                s.quit()
                """.replace("__file__.replace('client.py', 'msg.eml')", "'" + dir.resolve("msg.eml") + "'")
                .replace("s.send(sys.argv[0].encode() and b'')\n", ""));
        assertTrue(out.contains("354"), out);
        List<byte[]> alice = inbox("alice");
        assertEquals(1, alice.size());
        assertArrayEquals(MSG.getBytes(StandardCharsets.US_ASCII), body(alice.get(0)));
        String head = new String(alice.get(0), StandardCharsets.US_ASCII);
        assertTrue(head.startsWith("Return-Path: <x@sender.example>\r\nDelivered-To: alice+tag@example.org\r\n"
                + "Received: from client.example ([127.0.0.1])\r\n\tby mx.example.org (Hermod) with ESMTP\r\n"), head);
    }

    @BeforeEach
    void message() throws IOException {
        Files.writeString(dir.resolve("msg.eml"), MSG);
    }

    @Test
    void eightBitBodyAndOverSize() throws Exception {
        int port = server("smtp", "none", Map.of());
        byte[] eight = ("From: x@sender.example\r\nSubject: \u00e9t\u00e9\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nGr\u00fc\u00dfe \u2603\r\n").getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("eight.eml"), eight);
        python(port, """
                s = smtplib.SMTP('127.0.0.1', port)
                s.ehlo('client.example')
                data = open('%s', 'rb').read()
                refused = s.sendmail('x@sender.example', ['bob@example.org'], data, mail_options=['BODY=8BITMIME'])
                assert refused == {}, refused
                try:
                    s.sendmail('x@sender.example', ['bob@example.org'], b'Subject: big\\r\\n\\r\\n' + b'x' * 20000 + b'\\r\\n')
                    raise SystemExit('accepted an oversized message')
                except smtplib.SMTPSenderRefused as e:
                    assert e.smtp_code == 552 and e.smtp_error.startswith(b'5.3.4'), e
                s.rset()
                # a client that does not declare SIZE is stopped at the end of DATA
                s.mail('x@sender.example')
                s.rcpt('bob@example.org')
                code, msg = s.data(b'Subject: big\\r\\n\\r\\n' + b'x' * 20000 + b'\\r\\n')
                assert code == 552 and msg.startswith(b'5.3.4'), (code, msg)
                s.quit()
                """.formatted(dir.resolve("eight.eml")).replace("s.sendmail('x@sender.example', ['bob@example.org'], b'Subject: big",
                "s.sendmail('x@sender.example', ['bob@example.org'], b'Subject: big").replace(
                "try:\n    s.sendmail", "try:\n    s.sendmail"));
        List<byte[]> bob = inbox("bob");
        assertEquals(1, bob.size());
        assertArrayEquals(eight, body(bob.get(0)));
    }

    @Test
    void startTlsThenAuthPlainOnSubmission() throws Exception {
        int port = server("submission", "starttls", Map.of());
        python(port, """
                s = smtplib.SMTP('127.0.0.1', port)
                code, msg = s.ehlo('client.example')
                assert b'STARTTLS' in msg and b'AUTH' not in msg, msg
                code, msg = s.docmd('MAIL FROM:<alice@example.org>')
                assert code == 530, (code, msg)
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                s.starttls(context=ctx)
                code, msg = s.ehlo('client.example')
                assert b'AUTH PLAIN LOGIN' in msg and b'STARTTLS' not in msg, msg
                try:
                    s.login('alice', 'wrong')
                    raise SystemExit('wrong password accepted')
                except smtplib.SMTPAuthenticationError as e:
                    assert e.smtp_code == 535, e
                s.login('alice', 'secret')
                data = open('%s', 'rb').read()
                assert s.sendmail('alice@example.org', ['bob@example.org'], data) == {}
                try:
                    s.sendmail('alice@example.org', ['someone@elsewhere.example'], data)
                except smtplib.SMTPRecipientsRefused as e:
                    assert e.recipients['someone@elsewhere.example'][0] == 451, e
                s.quit()
                """.formatted(dir.resolve("msg.eml")));
        List<byte[]> bob = inbox("bob");
        assertEquals(1, bob.size());
        assertArrayEquals(MSG.getBytes(StandardCharsets.US_ASCII), body(bob.get(0)));
        String head = new String(bob.get(0), StandardCharsets.US_ASCII);
        assertTrue(head.contains("with ESMTPSA\r\n\t(using TLSv1.3 with cipher "), head);
    }

    @Test
    void lmtpRepliesOncePerRecipient() throws Exception {
        int port = server("lmtp", "none", Map.of());
        String out = python(port, """
                s = smtplib.LMTP('127.0.0.1', port)
                code, msg = s.ehlo('mda.example')  # smtplib's LMTP sends LHLO here
                assert code == 250, msg
                s.send(b'MAIL FROM:<>\\r\\nRCPT TO:<alice@example.org>\\r\\nRCPT TO:<bob@example.org>\\r\\nRCPT TO:<zed@example.org>\\r\\nDATA\\r\\n')
                replies = [s.getreply() for _ in range(5)]
                assert [r[0] for r in replies] == [250, 250, 250, 550, 354], replies
                data = open('%s', 'rb').read()
                s.send(data.replace(b'\\r\\n.', b'\\r\\n..') + b'.\\r\\n')
                r1 = s.getreply(); r2 = s.getreply()
                assert r1[0] == 250 and r2[0] == 250, (r1, r2)
                assert b'alice@example.org' in r1[1] and b'bob@example.org' in r2[1], (r1, r2)
                s.quit()
                """.formatted(dir.resolve("msg.eml")));
        for (String user : List.of("alice", "bob")) {
            List<byte[]> box = inbox(user);
            assertEquals(1, box.size(), user + out);
            assertArrayEquals(MSG.getBytes(StandardCharsets.US_ASCII), body(box.get(0)));
            assertTrue(new String(box.get(0), StandardCharsets.US_ASCII).startsWith("Return-Path: <>\r\nDelivered-To: "
                    + user + "@example.org\r\nReceived: from mda.example ([127.0.0.1])\r\n\tby mx.example.org (Hermod) with LMTP\r\n"));
        }
    }

    @Test
    void tooLongLinesAndTooManyErrors() throws Exception {
        int port = server("smtp", "none", Map.of("errors.max", 3));
        python(port, """
                s = smtplib.SMTP('127.0.0.1', port)
                code, msg = s.docmd('NOOP ' + 'x' * 1200)
                assert code == 500 and msg.startswith(b'5.5.2'), (code, msg)
                code, msg = s.docmd('NOOP')
                assert code == 250, (code, msg)
                code, msg = s.docmd('BOGUS')
                assert code == 500
                s.send(b'BOGUS\\r\\n')
                r = s.getreply(); r2 = s.getreply()
                assert r[0] == 500 and r2[0] == 421 and r2[1].startswith(b'4.7.0'), (r, r2)
                """);
    }

    /** A filter whose answers the test sets per stage; records what the DATA stage saw. */
    static final class ScriptedFilter implements MessageFilter {
        volatile Verdict connect = Verdict.proceed();
        final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public Verdict onConnect(SessionInfo session) {
            return connect;
        }

        @Override
        public Verdict onEhlo(SessionInfo session, String helo) {
            return helo.equals("bad.example") ? Verdict.reject(550, "5.7.1", "Go away, bad.example") : Verdict.proceed();
        }

        @Override
        public Verdict onMail(SessionInfo session, ReversePath sender) {
            return sender.toString().contains("later@") ? Verdict.tempFail(new SmtpReply(451, "4.7.1", "Try later"))
                    : Verdict.proceed();
        }

        @Override
        public Verdict onRcpt(SessionInfo session, Address recipient) {
            if (recipient.localPart().endsWith("+drop")) {
                return Verdict.discard();
            }
            return recipient.localPart().equals("bob") && session.helo().equals("picky.example")
                    ? Verdict.reject(550, "5.7.1", "Not for bob") : Verdict.proceed();
        }

        @Override
        public Verdict onData(SessionInfo session, Envelope envelope, MessageContent content) {
            String subject = content.header("Subject").stream().findFirst().orElse("");
            seen.add(subject + " received=" + content.header("Received").size() + " first="
                    + content.header("X-First"));
            return switch (subject) {
                case "reject" -> Verdict.reject(554, "5.7.1", "Spam refused");
                case "tempfail" -> Verdict.tempFail(new SmtpReply(451, "4.7.1", "Greylisted, try again"));
                case "discard" -> Verdict.discard();
                case "junk" -> new Verdict.Combined(List.of(
                        new Verdict.ModifyHeaders(List.of(HeaderChange.addFirst("X-Spam", "yes, score=9.5"),
                                HeaderChange.remove("X-Remove-Me"))),
                        new Verdict.FileInto(null, MailboxRole.JUNK, Set.of("$Junk"), false)));
                default -> Verdict.proceed();
            };
        }

        @Override
        public Verdict onDelivery(DeliveryContext delivery) {
            String subject = delivery.content().header("Subject").stream().findFirst().orElse("");
            return subject.equals("lists") && delivery.account().equals("bob")
                    ? new Verdict.FileInto("Lists/Hermod", null, Set.of(), true) : Verdict.proceed();
        }
    }

    @Test
    void filterVerdictsAtEveryStage() throws Exception {
        ScriptedFilter scripted = new ScriptedFilter();
        // A higher-ranked DATA filter runs first; the scripted one sees its header.
        MessageFilter first = new MessageFilter() {
            @Override
            public Verdict onData(SessionInfo session, Envelope envelope, MessageContent content) {
                return new Verdict.ModifyHeaders(List.of(HeaderChange.addLast("X-First", "ran")));
            }
        };
        TestRegistries.addFilter(registry, scripted, "scripted", 10);
        TestRegistries.addFilter(registry, first, "first", 20, "data");
        int port = server("smtp", "none", Map.of());
        python(port, """
                def send(subject, rcpts=('alice@example.org',), extra=b''):
                    s = smtplib.SMTP('127.0.0.1', port)
                    s.ehlo('client.example')
                    msg = b'From: x@sender.example\\r\\nSubject: ' + subject.encode() + b'\\r\\n' + extra + b'\\r\\nbody\\r\\n'
                    try:
                        s.sendmail('x@sender.example', list(rcpts), msg)
                        return 250, b''
                    except smtplib.SMTPDataError as e:
                        return e.smtp_code, e.smtp_error
                    finally:
                        s.close()
                s = smtplib.SMTP('127.0.0.1', port)
                code, msg = s.ehlo('bad.example')
                assert code == 550 and msg == b'5.7.1 Go away, bad.example', (code, msg)
                code, msg = s.ehlo('picky.example')
                assert code == 250, msg
                code, msg = s.docmd('MAIL FROM:<later@sender.example>')
                assert code == 451 and msg.startswith(b'4.7.1'), (code, msg)
                code, msg = s.docmd('MAIL FROM:<x@sender.example>')
                assert code == 250, msg
                code, msg = s.docmd('RCPT TO:<bob@example.org>')
                assert code == 550 and msg == b'5.7.1 Not for bob', (code, msg)
                code, msg = s.docmd('RCPT TO:<alice@example.org>')
                assert code == 250, msg
                s.close()
                assert send('reject') == (554, b'5.7.1 Spam refused'), send('reject')
                assert send('tempfail') == (451, b'4.7.1 Greylisted, try again')
                assert send('discard') == (250, b'')
                assert send('junk', extra=b'X-Remove-Me: 1\\r\\n') == (250, b'')
                assert send('lists', rcpts=('alice@example.org', 'bob@example.org')) == (250, b'')
                assert send('plain') == (250, b'')
                """);
        // reject, tempfail and discard stored nothing; junk went to Junk; lists to bob's new mailbox.
        List<String> subjects = new ArrayList<>();
        for (byte[] m : inbox("alice")) {
            subjects.add(new String(m, StandardCharsets.US_ASCII).replaceAll("(?s).*Subject: (\\w+).*", "$1"));
        }
        assertEquals(List.of("lists", "plain"), subjects);
        MailAccount alice = store.account("alice");
        var junk = alice.view(alice.mailbox(MailboxRole.JUNK).orElseThrow().id()).entries();
        assertEquals(1, junk.size());
        assertEquals(Set.of("$junk"), alice.message(junk.get(0).id()).keywords());
        String junked;
        try (InputStream in = alice.open(junk.get(0).id(), 0, -1)) {
            junked = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertTrue(junked.startsWith("Return-Path: <x@sender.example>\r\nDelivered-To: alice@example.org\r\n"
                + "X-Spam: yes, score=9.5\r\nReceived: from client.example"), junked);
        assertTrue(!junked.contains("X-Remove-Me") && junked.contains("\r\nX-First: ran\r\n\r\nbody\r\n"), junked);
        MailAccount bob = store.account("bob");
        var lists = bob.find("Lists/Hermod").orElseThrow();
        assertEquals(1, bob.view(lists.id()).entries().size());
        assertEquals(0, inbox("bob").size());
        // The DATA filter saw the Received field and the first filter's header.
        assertTrue(scripted.seen.contains("plain received=1 first=[ran]"), scripted.seen.toString());

        scripted.connect = Verdict.reject(554, "5.7.1", "No service for you");
        String out = python(port, """
                try:
                    smtplib.SMTP('127.0.0.1', port)
                    raise SystemExit('greeted')
                except smtplib.SMTPConnectError as e:
                    print(e.smtp_code, e.smtp_error)
                """);
        assertTrue(out.contains("554 b'5.7.1 No service for you'"), out);
    }

    @Test
    void connectionsPerAddressAndIdleTimeout() throws Exception {
        int port = server("smtp", "none", Map.of("connections.per.ip", 2, "idle.timeout", 1));
        python(port, """
                import time
                a = smtplib.SMTP('127.0.0.1', port)
                b = smtplib.SMTP('127.0.0.1', port)
                try:
                    smtplib.SMTP('127.0.0.1', port)
                    raise SystemExit('third connection greeted')
                except smtplib.SMTPConnectError as e:
                    assert e.smtp_code == 421 and e.smtp_error.startswith(b'4.7.0'), e
                a.quit()
                time.sleep(0.3)
                c = smtplib.SMTP('127.0.0.1', port)  # a slot is free again
                c.quit()
                time.sleep(2)
                code, msg = b.getreply()
                assert code == 421 and msg.startswith(b'4.4.2'), (code, msg)
                """);
    }

    @Test
    void dsnAndSenderOwnership() throws Exception {
        int port = server("submission", "starttls", Map.of());
        python(port, """
                s = smtplib.SMTP('127.0.0.1', port)
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                s.starttls(context=ctx)
                code, msg = s.ehlo('client.example')
                assert b'DSN' in msg, msg
                s.login('alice', 'secret')
                code, msg = s.docmd('MAIL FROM:<bob@example.org>')
                assert code == 553 and msg.startswith(b'5.7.1'), (code, msg)
                code, msg = s.docmd('MAIL FROM:<alice+lists@example.org> RET=HDRS ENVID=QQ314159')
                assert code == 250, (code, msg)
                code, msg = s.docmd('RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.org')
                assert code == 250, (code, msg)
                code, msg = s.docmd('RCPT TO:<bob@example.org> NOTIFY=NEVER,SUCCESS')
                assert code == 501, (code, msg)
                s.rset()
                code, msg = s.docmd('MAIL FROM:<alice@example.org> RET=BOTH')
                assert code == 501, (code, msg)
                code, msg = s.docmd('MAIL FROM:<>')
                assert code == 250, (code, msg)
                s.quit()
                """);
    }

    @Test
    void vrfyAndExpnAreOffUnlessConfigured() throws Exception {
        int closed = server("smtp", "none", Map.of());
        python(closed, """
                s = smtplib.SMTP('127.0.0.1', port)
                s.ehlo('client.example')
                code, msg = s.verify('alice')
                assert code == 252, (code, msg)
                code, msg = s.expn('team@example.org')
                assert code == 502, (code, msg)
                s.quit()
                """);
        int open = server("smtp", "none", Map.of("vrfy", true, "expn", true));
        String out = python(open, """
                s = smtplib.SMTP('127.0.0.1', port)
                s.ehlo('client.example')
                print(s.verify('alice'))
                print(s.verify('<nobody@example.org>'))
                print(s.docmd('VRFY', ''))
                s.putcmd('VRFY', 'anyone'); print(s.getreply())
                print(s.expn('<team@example.org>'))
                print(s.expn('nolist'))
                s.quit()
                """);
        assertEquals("""
                (250, b'2.1.5 <alice@example.org>')
                (550, b'5.1.1 No such user here')
                (501, b'5.5.4 Syntax: VRFY name')
                (553, b'5.1.4 <alice@example.org>\\n5.1.4 <bob@example.org>')
                (250, b'2.1.5 <alice@example.org>\\n2.1.5 <bob@example.org>')
                (550, b'5.1.1 No such list here')
                """, out.replace("\r", ""));
    }

    /** An outbound queue that keeps what it is given (the real queue has its own tests in the core). */
    static final class KeepingQueue implements dev.hermod.api.outbound.OutboundQueue {
        final List<Envelope> envelopes = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public synchronized String enqueue(Envelope envelope, InputStream message) throws IOException {
            envelopes.add(envelope);
            messages.add(new String(message.readAllBytes(), StandardCharsets.UTF_8));
            return "Q" + envelopes.size();
        }

        @Override
        public List<dev.hermod.api.outbound.QueueEntry> list() {
            return List.of();
        }

        @Override
        public Optional<dev.hermod.api.outbound.QueueEntry> get(String id) {
            return Optional.empty();
        }

        @Override
        public int flush() {
            return 0;
        }

        @Override
        public boolean remove(String id) {
            return false;
        }
    }

    @Test
    void submissionQueuesRemoteRecipientsSignedAndKeepsASentCopy() throws Exception {
        int port = server("submission", "starttls", Map.of("sent.copy", true));
        String script = """
                s = smtplib.SMTP('127.0.0.1', port)
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                s.starttls(context=ctx)
                s.login('alice', 'secret')
                code, msg = s.docmd('MAIL FROM:<alice@example.org>')
                code, msg = s.docmd('RCPT TO:<friend@elsewhere.example>')
                print('RCPT', code, msg)
                if code == 250:
                    s.docmd('RCPT TO:<bob@example.org>')
                    code, msg = s.data(open('%s', 'rb').read())
                    print('DATA', code, msg)
                s.quit()
                """.formatted(dir.resolve("msg.eml"));
        // No queue running: a remote recipient is deferred, not refused.
        assertTrue(python(port, script).contains("RCPT 451 b'4.3.0"));
        KeepingQueue queue = new KeepingQueue();
        last.bindQueue(queue);
        last.bindSigner(new dev.hermod.api.crypto.MessageSigner() {
            @Override
            public boolean canSign(String domain) {
                return domain.equals("example.org");
            }

            @Override
            public List<String> sign(String domain, InputStream message) throws IOException {
                String text = new String(message.readAllBytes(), StandardCharsets.UTF_8);
                return List.of("DKIM-Signature: v=1; d=" + domain + "; saw-received=" + text.startsWith("Received: "));
            }
        });
        last.bindMailStore(store);
        String out = python(port, script);
        assertTrue(out.contains("RCPT 250") && out.contains("DATA 250"), out);
        assertEquals(1, queue.envelopes.size());
        assertEquals(List.of(Address.parse("friend@elsewhere.example")), queue.envelopes.get(0).recipients());
        String queued = queue.messages.get(0);
        assertTrue(queued.startsWith("DKIM-Signature: v=1; d=example.org; saw-received=true\r\nReceived: from "), queued);
        assertTrue(queued.endsWith("\r\n" + MSG), queued);
        assertEquals(1, inbox("bob").size(), "the local recipient got it directly");
        MailAccount alice = store.account("alice");
        var sent = alice.view(alice.mailbox(MailboxRole.SENT).orElseThrow().id()).entries();
        assertEquals(1, sent.size());
        try (InputStream in = alice.open(sent.get(0).id(), 0, -1)) {
            assertArrayEquals(MSG.getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
        }
    }

    @Test
    void internationalizedAddressesNeedSmtpUtf8() throws Exception {
        int port = server("smtp", "none", Map.of());
        byte[] message = "From: J\u00f6ran <j\u00f6ran@s\u00e4nder.example>\r\nSubject: gr\u00fc\u00dfe\r\n\r\nHej\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("utf8.eml"), message);
        python(port, """
                s = smtplib.SMTP('127.0.0.1', port)
                code, msg = s.ehlo('client.example')
                assert b'SMTPUTF8' in msg
                s.send('MAIL FROM:<j\u00f6ran@s\u00e4nder.example>\\r\\n'.encode('utf-8'))
                code, msg = s.getreply()
                assert code == 553 and msg.startswith(b'5.6.7'), (code, msg)
                data = open('%s', 'rb').read()
                refused = s.sendmail('j\u00f6ran@s\u00e4nder.example', ['alice@example.org'], data,
                                     mail_options=['SMTPUTF8', 'BODY=8BITMIME'])
                assert refused == {}, refused
                s.quit()
                """.formatted(dir.resolve("utf8.eml")));
        List<byte[]> alice = inbox("alice");
        assertEquals(1, alice.size());
        assertArrayEquals(message, body(alice.get(0)));
        assertTrue(new String(alice.get(0), StandardCharsets.UTF_8).startsWith("Return-Path: <j\u00f6ran@s\u00e4nder.example>\r\n"));
    }

    @Test
    void tlsFromPemFilesInTheConfiguration() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=mail.pem-test.example")
                .redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertEquals(0, openssl.waitFor());
        int port = server("submission", "implicit_tls", Map.of("tls.certificate", cert.toString(),
                "tls.key", key.toString()));
        String out = python(port, """
                ctx = ssl.create_default_context(cafile='%s'); ctx.check_hostname = False
                s = smtplib.SMTP_SSL('127.0.0.1', port, context=ctx)
                print(dict(x[0] for x in s.sock.getpeercert()['subject'])['commonName'])
                code, msg = s.ehlo('client.example')
                assert b'AUTH PLAIN LOGIN' in msg, msg
                s.login('alice', 'secret')
                s.quit()
                """.formatted(cert));
        assertTrue(out.contains("mail.pem-test.example"), out);
    }

    @Test
    void theSelfSignedCertificateIsMadeOnceAndKept() throws Exception {
        Path folder = dir.resolve("etc/tls");
        TlsContexts.selfSigned("mx.example.org", folder);
        byte[] first = Files.readAllBytes(folder.resolve(TlsContexts.SELF_SIGNED_CERT));
        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(folder.resolve(TlsContexts.SELF_SIGNED_KEY)));
        TlsContexts.selfSigned("mx.example.org", folder);
        assertArrayEquals(first, Files.readAllBytes(folder.resolve(TlsContexts.SELF_SIGNED_CERT)),
                "a restart reuses the certificate");
    }

    @Test
    void recipientsPerMessageAreLimited() throws Exception {
        int port = server("smtp", "none", Map.of("recipients.max", 2));
        python(port, """
                s = smtplib.SMTP('127.0.0.1', port)
                s.ehlo('client.example')
                s.docmd('MAIL FROM:<x@sender.example>')
                assert s.docmd('RCPT TO:<alice@example.org>')[0] == 250
                assert s.docmd('RCPT TO:<bob@example.org>')[0] == 250
                code, msg = s.docmd('RCPT TO:<alice+more@example.org>')
                assert code == 452 and msg.startswith(b'4.5.3'), (code, msg)
                s.quit()
                """);
    }

    @Test
    void theAccountsActiveSieveScriptRunsAtDelivery() throws Exception {
        var scripts = new dev.hermod.core.internal.sieve.SieveScriptStore(registry);
        scripts.put("alice", "rules", """
                require ["fileinto", "mailbox", "imap4flags"];
                if header :contains "subject" "report" {
                    fileinto :create "Reports";
                } elsif address :is "from" "boss@sender.example" {
                    addflag "\\\\Flagged";
                    keep;
                }
                """);
        scripts.activate("alice", "rules");
        var sieve = new dev.hermod.sieve.internal.SieveDeliveryComponent(scripts,
                Components.config(dev.hermod.sieve.internal.SieveDeliveryComponent.Config.class, Map.of()));
        TestRegistries.addFilter(registry, sieve, "sieve", 0, "delivery");
        int port = server("smtp", "none", Map.of());
        python(port, """
                s = smtplib.SMTP('127.0.0.1', port)
                s.sendmail('x@sender.example', ['alice@example.org'], b'From: x@sender.example\\r\\nSubject: weekly report\\r\\n\\r\\nnumbers\\r\\n')
                s.sendmail('boss@sender.example', ['alice@example.org'], b'From: boss@sender.example\\r\\nSubject: now\\r\\n\\r\\ncall me\\r\\n')
                s.quit()
                """);
        MailAccount alice = store.account("alice");
        var reports = alice.find("Reports").orElseThrow();
        assertEquals(1, alice.view(reports.id()).entries().size());
        var inbox = alice.view(alice.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries();
        assertEquals(1, inbox.size());
        assertTrue(inbox.get(0).keywords().contains("$flagged"), inbox.get(0).keywords().toString());
        // A script that no longer compiles keeps mail in INBOX.
        scripts.put("alice", "rules", "if true { fileinto \"Nowhere\" }");
        python(port, """
                s = smtplib.SMTP('127.0.0.1', port)
                s.sendmail('x@sender.example', ['alice@example.org'], b'Subject: report again\\r\\n\\r\\nx\\r\\n')
                s.quit()
                """);
        assertEquals(2, alice.view(alice.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries().size());
    }

    @Test
    void aRecipientDiscardedAtRcptGetsNoCopy() throws Exception {
        TestRegistries.addFilter(registry, new ScriptedFilter(), "scripted", 10, "rcpt");
        int port = server("smtp", "none", Map.of());
        python(port, """
                s = smtplib.SMTP('127.0.0.1', port)
                s.ehlo('client.example')
                assert s.sendmail('x@sender.example', ['alice+drop@example.org'], b'Subject: dropped\\r\\n\\r\\nx\\r\\n') == {}
                assert s.sendmail('x@sender.example', ['alice+drop@example.org', 'bob@example.org'],
                                  b'Subject: for bob\\r\\n\\r\\nx\\r\\n') == {}
                s.quit()
                """);
        assertEquals(0, inbox("alice").size());
        assertEquals(1, inbox("bob").size());
    }

    @Test
    void vacationRepliesOncePerSenderAndRedirectForwards() throws Exception {
        var scripts = new dev.hermod.core.internal.sieve.SieveScriptStore(registry);
        scripts.put("alice", "away", """
                require ["vacation", "enotify"];
                if valid_notify_method "mailto:bob+notify@example.org" {
                    notify :message "New mail for alice" "mailto:bob+notify@example.org";
                }
                vacation :days 7 :subject "Away until Monday" "I am away; your message will be read later.";
                """);
        scripts.activate("alice", "away");
        scripts.put("bob", "forward", """
                require ["fileinto"];
                if header :contains "subject" "forward me" { redirect "alice@example.org"; }
                """);
        scripts.activate("bob", "forward");
        var sieve = new dev.hermod.sieve.internal.SieveDeliveryComponent(scripts,
                Components.config(dev.hermod.sieve.internal.SieveDeliveryComponent.Config.class, Map.of()));
        var queue = new dev.hermod.core.internal.queue.QueueComponent(registry, delivery, Components.config(
                dev.hermod.core.internal.queue.QueueComponent.Config.class,
                Map.of("retry.schedule", "1s", "poll.seconds", 1, "hostname", "mx.example.org")));
        set(sieve, "queue", queue);
        set(sieve, "state", new dev.hermod.core.internal.filterstate.FilterStateStore(registry));
        TestRegistries.addFilter(registry, sieve, "sieve", 0, "delivery");
        try {
            int port = server("smtp", "none", Map.of());
            python(port, """
                    s = smtplib.SMTP('127.0.0.1', port)
                    for subject in ('first', 'second'):
                        s.sendmail('bob@example.org', ['alice@example.org'],
                                   ('From: bob@example.org\\r\\nTo: alice@example.org\\r\\nSubject: ' + subject
                                    + '\\r\\nMessage-ID: <' + subject + '@example.org>\\r\\n\\r\\nhello\\r\\n').encode())
                    s.sendmail('x@sender.example', ['bob@example.org'],
                               b'From: x@sender.example\\r\\nTo: bob@example.org\\r\\nSubject: forward me\\r\\n\\r\\nfor alice\\r\\n')
                    s.quit()
                    """);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (inbox("bob").size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(1500); // a second reply, if one were wrongly sent, would arrive by now
            List<String> bob = new ArrayList<>();
            for (byte[] m : inbox("bob")) {
                bob.add(new String(m, StandardCharsets.UTF_8));
            }
            assertEquals(1, bob.stream().filter(m -> m.contains("Auto-Submitted: auto-replied")).count(),
                    "one vacation reply for two messages; the forwarded one left bob: " + bob);
            assertEquals(2, bob.stream().filter(m -> m.contains("Auto-Submitted: auto-notified")
                    && m.contains("Subject: New mail for alice")).count(), "a notification per message: " + bob);
            assertEquals(3, bob.size());
            String reply = bob.stream().filter(m -> m.contains("auto-replied")).findFirst().orElseThrow();
            assertTrue(reply.startsWith("Return-Path: <>\r\n"), reply);
            assertTrue(reply.contains("Subject: Away until Monday\r\n") && reply.contains("Auto-Submitted: auto-replied")
                    && reply.contains("In-Reply-To: <first@example.org>") && reply.contains("I am away"), reply);
            deadline = System.nanoTime() + 30_000_000_000L;
            while (inbox("alice").size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            List<String> subjects = new ArrayList<>();
            for (byte[] m : inbox("alice")) {
                subjects.add(new String(m, StandardCharsets.UTF_8).replaceAll("(?s).*?\\r\\nSubject: ([^\\r]*).*", "$1"));
            }
            assertEquals(List.of("first", "second", "forward me"), subjects);
        } finally {
            deactivate(queue);
        }
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        var f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
