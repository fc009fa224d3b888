package dev.hermod.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.server.ProtocolServer;
import dev.hermod.itests.HermodOptions;
import dev.hermod.itests.KarafShell;
import dev.hermod.itests.SmtpClient;
import dev.hermod.itests.provider.TestBundles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The SMTP bundle in the distribution: its listeners come from etc/smtp-*.cfg, mail to an account added from
 * the shell is stored at once, a third party's message filter bundle is honoured at every stage, and
 * stopping the bundle closes its ports while other connections (the admin's SSH session) stay up.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SmtpIT {

    private static final String MESSAGE = "From: Sender <sender@remote.example>\r\nTo: alice@example.org\r\n"
            + "Subject: %s\r\nMessage-ID: <%s@remote.example>\r\n\r\nHello Alice,\r\n.a line with a dot\r\n";

    @Inject
    BundleContext context;

    @Inject
    SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        return new Option[] {
            HermodOptions.karaf(),
            editConfigurationFilePut("etc/custom.properties", "hermod.port.smtp", "12525"),
            editConfigurationFilePut("etc/custom.properties", "hermod.port.submission", "15587"),
            editConfigurationFilePut("etc/custom.properties", "hermod.port.submissions", "15465"),
            editConfigurationFilePut("etc/custom.properties", "hermod.port.lmtp", "12424"),
            editConfigurationFilePut("etc/custom.properties", "hermod.port.imap", "11143"),
            editConfigurationFilePut("etc/custom.properties", "hermod.port.imaps", "11993"),
            // The test logs in over IMAP without TLS.
            editConfigurationFilePut("etc/auth.cfg", "plaintext.without.tls", "true"),
        };
    }

    @Test
    public void deliversFiltersAndHotSwaps() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        shell.awaitCommand("feature:list -i", 60);
        shell.awaitCommand("hermod:domain-list", 60);
        shell.execute("hermod:account-add --email alice@example.org --password alice-Pw-2026 alice");
        String status = shell.awaitOutput("hermod:status", "12525", 60);
        assertTrue(status, status.contains("15587") && status.contains("15465") && status.contains("12424"));
        InetSocketAddress mta = listener("mta").address();
        MailStore store = service(MailStore.class);

        // Plain delivery, then over LMTP; both stored byte for byte after the trace fields.
        try (SmtpClient smtp = new SmtpClient(mta)) {
            assertTrue(smtp.greeting, smtp.greeting.startsWith("220 "));
            String ehlo = smtp.command("EHLO client.example");
            assertTrue(ehlo, ehlo.contains("STARTTLS") && ehlo.contains("DSN") && ehlo.contains("CHUNKING"));
            assertTrue(smtp.send("sender@remote.example", MESSAGE.formatted("first", "m1"), "alice@example.org")
                    .startsWith("250 2.0.0"));
            assertTrue(smtp.command("RCPT TO:<nobody@example.org>").startsWith("503"));
            smtp.command("MAIL FROM:<sender@remote.example>");
            assertTrue(smtp.command("RCPT TO:<nobody@example.org>").startsWith("550 5.1.1"));
            assertTrue(smtp.command("RCPT TO:<someone@elsewhere.example>").startsWith("550 5.7.1"));
        }
        try (SmtpClient lmtp = new SmtpClient(listener("lmtp").address())) {
            lmtp.command("LHLO mx.example");
            assertTrue(lmtp.send("sender@remote.example", MESSAGE.formatted("second", "m2"), "alice@example.org")
                    .startsWith("250 2.0.0"));
        }
        List<String> inbox = inbox(store.account("alice"), MailboxRole.INBOX);
        assertEquals(2, inbox.size());
        assertTrue(inbox.get(0), inbox.get(0).endsWith(MESSAGE.formatted("first", "m1")));
        assertTrue(inbox.get(1), inbox.get(1).contains("with LMTP"));

        // A third party's filter bundle: every verdict, at every stage.
        Bundle filter = context.installBundle("test:message-filter",
                new ByteArrayInputStream(TestBundles.messageFilterProvider("test.message.filter")));
        filter.start();
        shell.awaitOutput("hermod:status --spi MessageFilter", "verdicts", 30);
        try (SmtpClient smtp = new SmtpClient(mta)) {
            assertEquals("550 5.7.1 EHLO name refused by policy", smtp.command("EHLO refused.example"));
            assertTrue(smtp.command("EHLO client.example").startsWith("250"));
            assertEquals("451 4.7.1 Sender deferred by policy", smtp.command("MAIL FROM:<busy@remote.example>"));
            assertTrue(smtp.command("MAIL FROM:<sender@remote.example>").startsWith("250"));
            assertEquals("550 5.7.1 Recipient refused by policy", smtp.command("RCPT TO:<alice+blocked@example.org>"));
            smtp.command("RSET");
            assertEquals("554 5.7.1 Message refused by policy",
                    smtp.send("sender@remote.example", MESSAGE.formatted("reject me", "m3"), "alice@example.org"));
            assertEquals("451 4.7.1 Message deferred by policy",
                    smtp.send("sender@remote.example", MESSAGE.formatted("defer me", "m4"), "alice@example.org"));
            assertTrue(smtp.send("sender@remote.example", MESSAGE.formatted("discard me", "m5"), "alice@example.org")
                    .startsWith("250"));
            assertTrue(smtp.send("sender@remote.example", MESSAGE.formatted("junk me", "m6"), "alice@example.org")
                    .startsWith("250"));
            assertTrue(smtp.send("sender@remote.example", MESSAGE.formatted("pass me", "m7"), "alice@example.org")
                    .startsWith("250"));
        }
        inbox = inbox(store.account("alice"), MailboxRole.INBOX);
        assertEquals(3, inbox.size());
        assertTrue(inbox.get(2), inbox.get(2).contains("X-Test-Filter: passed\r\n") && inbox.get(2).contains("pass me"));
        List<String> junk = inbox(store.account("alice"), MailboxRole.JUNK);
        assertEquals(1, junk.size());
        assertTrue(junk.get(0), junk.get(0).contains("X-Test-Filter: junk\r\n") && junk.get(0).contains("junk me"));
        filter.uninstall();

        // Hot swap: stopping the bundle closes every SMTP port; the admin's SSH connection and an IMAP
        // session stay, and the IMAP session sees the mail that arrives after the swap.
        Socket imap = new Socket();
        imap.connect(listener("imap", "default").address(), 5000);
        imap.setSoTimeout(20_000);
        java.io.BufferedReader imapIn = new java.io.BufferedReader(new java.io.InputStreamReader(imap.getInputStream(),
                StandardCharsets.UTF_8));
        java.io.OutputStream imapOut = imap.getOutputStream();
        assertTrue(imapIn.readLine().startsWith("* OK"));
        assertTrue(imapCommand(imapIn, imapOut, "a1 LOGIN alice alice-Pw-2026").startsWith("a1 OK"));
        assertTrue(imapCommand(imapIn, imapOut, "a2 SELECT INBOX").contains("* 3 EXISTS"));
        try (Socket ssh = new Socket("127.0.0.1", 18101)) {
            ssh.setSoTimeout(10_000);
            String banner = line(ssh.getInputStream());
            assertTrue(banner, banner.startsWith("SSH-2.0-"));
            Bundle smtpBundle = bundle("dev.hermod.smtp");
            smtpBundle.stop();
            assertClosed(mta);
            assertClosed(new InetSocketAddress("127.0.0.1", 12424));
            smtpBundle.start();
            awaitOpen(mta);
            // The SSH connection still answers: the key exchange starts after our version line.
            ssh.getOutputStream().write("SSH-2.0-HermodTest\r\n".getBytes(StandardCharsets.US_ASCII));
            ssh.getOutputStream().flush();
            assertTrue("SSH server answers after the swap", ssh.getInputStream().read() >= 0);
        }
        try (SmtpClient smtp = new SmtpClient(listener("mta").address())) {
            smtp.command("EHLO client.example");
            assertTrue(smtp.send("sender@remote.example", MESSAGE.formatted("after swap", "m8"), "alice@example.org")
                    .startsWith("250 2.0.0"));
        }
        assertEquals(4, inbox(store.account("alice"), MailboxRole.INBOX).size());
        String noop = imapCommand(imapIn, imapOut, "a3 NOOP");
        assertTrue(noop, noop.contains("* 4 EXISTS") && noop.contains("a3 OK"));
        imap.close();
    }

    /** Sends an IMAP command and reads up to its tagged reply; returns all lines read. */
    private static String imapCommand(java.io.BufferedReader in, java.io.OutputStream out, String command)
            throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String tag = command.substring(0, command.indexOf(' ') + 1);
        StringBuilder b = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("IMAP connection closed after: " + b);
            }
            b.append(line).append('\n');
        } while (!line.startsWith(tag));
        return b.toString();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        return b.toString().trim();
    }

    private static void assertClosed(InetSocketAddress address) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(address, 1000);
            } catch (IOException refused) {
                return;
            }
            Thread.sleep(100);
        }
        fail(address + " still accepts connections after the smtp bundle stopped");
    }

    private static void awaitOpen(InetSocketAddress address) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(address, 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        fail(address + " does not accept connections after the smtp bundle started");
    }

    private static List<String> inbox(MailAccount account, MailboxRole role) throws IOException {
        List<String> out = new ArrayList<>();
        Optional<dev.hermod.api.mailbox.Mailbox> box = account.mailbox(role);
        if (box.isEmpty()) {
            return out;
        }
        for (MessageEntry e : account.view(box.get().id()).entries()) {
            try (InputStream in = account.open(e.id(), 0, -1)) {
                out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private ProtocolServer listener(String name) throws Exception {
        return listener(null, name);
    }

    /** A listener by protocol (any when {@code null}) and name, waiting for it to come up. */
    private ProtocolServer listener(String protocol, String name) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            for (ServiceReference<ProtocolServer> ref : context.getServiceReferences(ProtocolServer.class, null)) {
                ProtocolServer server = context.getService(ref);
                if (server != null && name.equals(server.name())
                        && (protocol == null || protocol.equals(server.protocol()))) {
                    return server;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no listener " + name);
            }
            Thread.sleep(100);
        }
    }

    private <T> T service(Class<T> type) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Collection<ServiceReference<T>> refs = context.getServiceReferences(type, null);
            if (!refs.isEmpty()) {
                return context.getService(refs.iterator().next());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + type.getSimpleName());
            }
            Thread.sleep(100);
        }
    }
}
