package dev.hermod.migration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.migration.ImapSource;
import dev.hermod.api.migration.ImportReport;
import dev.hermod.imap.internal.ImapServer;
import dev.hermod.testing.DovecotServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports a real Dovecot account of a few thousand messages over IMAP, and compares what an IMAP client sees
 * on both servers afterwards: folders (mapped to roles), counts, flags, internal dates, sizes and bytes. A
 * second run fetches only what arrived since (resume by UID).
 */
class ImapImportDovecotTest {

    static final int MESSAGES = Integer.getInteger("hermod.imapImport.messages", 3000);

    @TempDir
    Path dir;

    @Test
    void importsADovecotAccountAndBothServersShowTheSame() throws Exception {
        int imapPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            imapPort = s.getLocalPort();
        }
        try (DovecotServer dovecot = DovecotServer.builder().user("olduser", "oldpass")
                .config("protocols = lmtp imap")
                .config("service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = " + imapPort
                        + "\n  }\n}")
                .config("namespace inbox {\n  inbox = yes\n  separator = .\n"
                        + "  mailbox Gesendet {\n    special_use = \\Sent\n  }\n"
                        + "  mailbox Papierkorb {\n    special_use = \\Trash\n  }\n}")
                .start();
                TestServer hermod = TestServer.sqlite(dir.resolve("hermod"), true)) {
            awaitPort(imapPort);
            fill(imapPort, MESSAGES);

            MailMigrationComponent migration = hermod.migration();
            ImapSource source = new ImapSource("127.0.0.1", imapPort, ImapSource.Security.NONE, "olduser", "oldpass", false);
            // A first run stopped after 700 messages (the admin pressed Ctrl-C, the connection broke, ...)
            RuntimeException stopped = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> migration.importImap("alice", source, (phase, done, total, bytes) -> {
                        if (done == 700) {
                            throw new IllegalStateException("stopped at 700");
                        }
                    }));
            assertEquals("stopped at 700", stopped.getMessage());
            // resumes after the last message stored: the rest, none twice
            ImportReport report = migration.importImap("alice", source, MigrationProgress.NONE);
            assertEquals(MESSAGES - 700, report.messages(), report.toString());
            System.out.printf("IMAP import from Dovecot: %d messages, %.1f MB in %.1f s: %.0f messages/s, %.2f MB/s%n",
                    report.messages(), report.bytes() / 1e6, report.elapsed().toMillis() / 1000.0,
                    report.messagesPerSecond(), report.megabytesPerSecond());

            MailAccount alice = hermod.store.account("alice");
            assertEquals("Sent", alice.path(alice.mailbox(MailboxRole.SENT).orElseThrow().id()));
            assertEquals(MailboxRole.JUNK, alice.find("Junk").orElseThrow().role());
            assertTrue(alice.find("Gesendet").isEmpty(), "the \\Sent folder went into Sent");
            assertTrue(alice.find("Spam").isEmpty(), "Spam went into Junk");
            assertTrue(alice.find("Archives/2023").isPresent());

            ImapServer imap = ImapDump.start(hermod);
            try {
                Map<String, String> mapping = Map.of("INBOX", "INBOX", "Gesendet", "Sent", "Papierkorb", "Trash",
                        "Spam", "Junk", "Archives.2023", "Archives/2023", "Archives.2024", "Archives/2024", "Work", "Work");
                Map<String, List<String>> old = normalized(imapPort, "olduser", "oldpass");
                Map<String, List<String>> now = normalized(imap.address().getPort(), "alice", "secret");
                long total = 0;
                for (Map.Entry<String, String> m : mapping.entrySet()) {
                    assertSame(old.get(m.getKey()), now.get(m.getValue()), m.getKey() + " -> " + m.getValue());
                    total += now.get(m.getValue()).size();
                }
                assertEquals(MESSAGES, total, "every message once");

                // New mail on the old server: a second run fetches only that.
                append(imapPort, "INBOX", 7);
                append(imapPort, "Archives.2024", 3);
                ImportReport again = migration.importImap("alice", source, MigrationProgress.NONE);
                assertEquals(10, again.messages(), again.toString());
                old = normalized(imapPort, "olduser", "oldpass");
                now = normalized(imap.address().getPort(), "alice", "secret");
                for (Map.Entry<String, String> m : mapping.entrySet()) {
                    assertSame(old.get(m.getKey()), now.get(m.getValue()), m.getKey() + " -> " + m.getValue());
                }
            } finally {
                TestServer.deactivate(imap);
            }
        }
    }

    @Test
    void importsOverImplicitTlsAndStartTlsAndRefusesAnUntrustedCertificate() throws Exception {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=old.example.net", "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        String opensslOut = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, openssl.waitFor(), opensslOut);
        // Dovecot reads the key as its own user
        for (Path p : List.of(dir, key, cert)) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        int plain = freePort();
        int tls = freePort();
        try (DovecotServer dovecot = DovecotServer.builder().user("olduser", "oldpass")
                .config("protocols = lmtp imap")
                .config("ssl = yes\nssl_cert = <" + cert + "\nssl_key = <" + key)
                .config("service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = " + plain
                        + "\n  }\n  inet_listener imaps {\n    address = 127.0.0.1\n    port = " + tls + "\n    ssl = yes\n  }\n}")
                .start();
                TestServer hermod = TestServer.sqlite(dir.resolve("hermod"))) {
            awaitPort(tls);
            fill(plain, 20);
            MailMigrationComponent migration = hermod.migration();

            IllegalArgumentException untrusted = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> migration.importImap("alice", new ImapSource("127.0.0.1", tls, ImapSource.Security.TLS, "olduser",
                            "oldpass", false), MigrationProgress.NONE));
            assertTrue(untrusted.getMessage().contains("certificate is not trusted") && untrusted.getMessage().contains("--trust-all"),
                    untrusted.getMessage());
            IllegalArgumentException wrongPassword = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> migration.importImap("alice", new ImapSource("127.0.0.1", tls, ImapSource.Security.TLS, "olduser",
                            "wrong", true), MigrationProgress.NONE));
            assertTrue(wrongPassword.getMessage().contains("refused the login of olduser"), wrongPassword.getMessage());

            ImportReport overTls = migration.importImap("alice", new ImapSource("127.0.0.1", tls, ImapSource.Security.TLS,
                    "olduser", "oldpass", true), MigrationProgress.NONE);
            assertEquals(20, overTls.messages(), overTls.toString());
            ImportReport overStartTls = migration.importImap("bob", new ImapSource("127.0.0.1", plain,
                    ImapSource.Security.STARTTLS, "olduser", "oldpass", true), MigrationProgress.NONE);
            assertEquals(20, overStartTls.messages(), overStartTls.toString());
            assertEquals(AccountSnapshot.of(hermod.store.account("alice")), AccountSnapshot.of(hermod.store.account("bob")));
        }
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Equal lists, or a short message naming the first difference. */
    static void assertSame(List<String> expected, List<String> actual, String what) {
        assertTrue(expected != null && actual != null, what + ": missing folder");
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ", message " + (i + 1));
        }
        assertEquals(expected.size(), actual.size(), what + ": number of messages");
    }

    static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("Dovecot's IMAP listener did not open on port " + port);
    }

    /** Appends messages with Python's imaplib: folders, random flags, keywords, dates, sizes and a few attachments. */
    void fill(int port, int count) throws Exception {
        python("""
                import imaplib, random, time, base64
                random.seed(12)
                m = imaplib.IMAP4('127.0.0.1', %d)
                m.login('olduser', 'oldpass')
                for f in ['Gesendet', 'Papierkorb', 'Spam', 'Archives', 'Archives.2023', 'Archives.2024', 'Work']:
                    m.create(f)
                folders = ['INBOX'] * 5 + ['Gesendet', 'Papierkorb', 'Spam', 'Archives.2023', 'Archives.2024', 'Work', 'Work']
                flagsets = ['', '\\\\Seen', '\\\\Seen \\\\Answered', '\\\\Flagged', '\\\\Seen $Forwarded', '\\\\Draft', 'work \\\\Seen', '\\\\Deleted \\\\Seen']
                for i in range(%d):
                    body = ('Line %%d of message %%d\\r\\n' %% (0, i)) * random.randint(1, 60)
                    if i %% 50 == 0:
                        att = base64.encodebytes(bytes(random.getrandbits(8) for _ in range(30000))).decode().replace('\\n', '\\r\\n')
                        body = ('--b\\r\\nContent-Type: text/plain\\r\\n\\r\\n' + body + '--b\\r\\nContent-Type: application/octet-stream\\r\\n'
                                'Content-Transfer-Encoding: base64\\r\\n\\r\\n' + att + '--b--\\r\\n')
                        ctype = 'multipart/mixed; boundary="b"'
                    else:
                        ctype = 'text/plain; charset=utf-8'
                    msg = ('From: sender%%d@example.net\\r\\nTo: olduser@example.org\\r\\nSubject: Message %%d\\r\\n'
                           'Message-ID: <m%%d@example.net>\\r\\nDate: Mon, 1 Jan 2024 00:00:00 +0000\\r\\nMIME-Version: 1.0\\r\\n'
                           'Content-Type: %%s\\r\\n\\r\\n' %% (i %% 17, i, i, ctype)) + body
                    when = time.gmtime(1600000000 + i * 3571)
                    date = imaplib.Time2Internaldate(time.mktime(when) - time.timezone)
                    flags = random.choice(flagsets)
                    typ, data = m.append(random.choice(folders), '(' + flags + ')' if flags else None, date, msg.encode())
                    assert typ == 'OK', data
                m.logout()
                """.formatted(port, count));
    }

    void append(int port, String folder, int count) throws Exception {
        python("""
                import imaplib, time
                m = imaplib.IMAP4('127.0.0.1', %d)
                m.login('olduser', 'oldpass')
                for i in range(%d):
                    msg = 'From: late@example.net\\r\\nSubject: Late %%d\\r\\n\\r\\nArrived after the first run.\\r\\n' %% i
                    m.append('%s', '(\\\\Flagged)', imaplib.Time2Internaldate(time.time()), msg.encode())
                m.logout()
                """.formatted(port, count, folder));
    }

    /** Per folder, per message in UID order: lower-cased sorted flags, INTERNALDATE, size, SHA-256 of BODY[]. */
    Map<String, List<String>> normalized(int port, String user, String password) throws Exception {
        String out = python("""
                import imaplib, hashlib, re
                m = imaplib.IMAP4('127.0.0.1', %d)
                m.login('%s', '%s')
                typ, boxes = m.list()
                for line in boxes:
                    line = line.decode()
                    if '\\\\Noselect' in line:
                        continue
                    name = re.match(r'\\((.*?)\\) "(.*?)" (.*)', line).group(3).strip('"')
                    typ, data = m.select('"' + name + '"', readonly=True)
                    print('FOLDER', name)
                    if int(data[0]) == 0:
                        continue
                    typ, data = m.uid('FETCH', '1:*', '(FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])')
                    for item in data:
                        if isinstance(item, tuple):
                            meta = item[0].decode()
                            flags = sorted(f.lower() for f in re.search(r'FLAGS \\((.*?)\\)', meta).group(1).split() if f != '\\\\Recent')
                            date = re.search(r'INTERNALDATE "(.*?)"', meta).group(1).strip().lstrip('0')
                            size = re.search(r'RFC822.SIZE (\\d+)', meta).group(1)
                            print('MSG', ' '.join(flags), '|', date, '|', size, '|', hashlib.sha256(item[1]).hexdigest())
                m.logout()
                """.formatted(port, user, password));
        Map<String, List<String>> folders = new TreeMap<>();
        List<String> current = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("FOLDER ")) {
                current = new ArrayList<>();
                folders.put(line.substring(7), current);
            } else if (line.startsWith("MSG ") && current != null) {
                current.add(line.substring(4));
            }
        }
        return folders;
    }

    String python(String script) throws Exception {
        Path file = Files.createTempFile(dir, "imap", ".py");
        Files.writeString(file, script);
        Process p = new ProcessBuilder("python3", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
