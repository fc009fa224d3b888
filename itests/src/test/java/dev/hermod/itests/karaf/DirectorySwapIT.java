package dev.hermod.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import dev.hermod.api.auth.AuthStep;
import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.auth.ClientInfo;
import dev.hermod.itests.HermodOptions;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.itests.KarafShell;
import dev.hermod.itests.SmtpClient;
import java.net.InetSocketAddress;
import dev.hermod.testing.SlapdServer;
import java.net.InetAddress;
import java.util.Collection;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The directory is the source of truth and can be swapped at run time: an account added with the shell
 * to the default SQL directory logs in and receives mail over SMTP at once, and stops at once when
 * removed; an SMTP session open during the swap is not dropped; installing the LDAP
 * directory (a real OpenLDAP started by the test) switches logins to it without a restart, and a target
 * filter switches them back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DirectorySwapIT {

    private static final String ALICE_PASSWORD = "alice-Pw-2026";

    @Inject
    BundleContext context;

    @Inject
    SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        SlapdServer ldap = SlapdServer.shared();
        return new Option[] {
            HermodOptions.karaf(),
            editConfigurationFilePut("etc/directory.ldap.cfg", "url", ldap.ldapUrl()),
            editConfigurationFilePut("etc/directory.ldap.cfg", "base.dn", SlapdServer.SUFFIX),
            editConfigurationFilePut("etc/directory.ldap.cfg", "bind.dn", SlapdServer.SERVICE_DN),
            editConfigurationFilePut("etc/directory.ldap.cfg", ".bind.password", SlapdServer.SERVICE_PASSWORD),
            // The test logs in without TLS: no protocol listener is involved.
            editConfigurationFilePut("etc/auth.cfg", "plaintext.without.tls", "true"),
            // Expected failures while waiting for a swap must not lock the accounts out.
            editConfigurationFilePut("etc/auth.cfg", "failures.per.account", "1000"),
        };
    }

    @Test
    public void loginsFollowTheDirectoryAndItsSwap() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        shell.awaitCommand("feature:list -i", 60);
        shell.awaitOutput("hermod:status --spi Directory", "sql", 60);
        shell.awaitCommand("hermod:domain-list", 60);
        Authenticator auth = service(Authenticator.class);

        // The embedded SQL directory: an account added from the shell logs in and receives mail at once.
        InetSocketAddress mta = new InetSocketAddress("127.0.0.1", 2525);
        awaitListener(mta);
        try (SmtpClient smtp = new SmtpClient(mta)) {
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<sender@remote.example>");
            assertTrue(smtp.command("RCPT TO:<alice@example.org>").startsWith("550 5.1.1"));
        }
        String added = shell.execute("hermod:account-add --email alice@example.org --password " + ALICE_PASSWORD + " alice");
        try (SmtpClient smtp = new SmtpClient(mta)) {
            smtp.command("EHLO client.example");
            String r = smtp.send("sender@remote.example", "Subject: welcome\r\n\r\nHi\r\n", "alice@example.org");
            assertTrue(r, r.startsWith("250 2.0.0"));
        }
        assertEquals(1, inboxSize("alice"));
        assertTrue(added, await(() -> login(auth, "alice", ALICE_PASSWORD)));
        assertTrue("by address too", login(auth, "alice@example.org", ALICE_PASSWORD));
        assertTrue("LDAP's jane is unknown to SQL", !login(auth, "jane", SlapdServer.JANE_PASSWORD));

        // Swap to LDAP from the shell: ranking 10 beats SQL's 0, no restart. An SMTP session opened before
        // the swap is not dropped, and its next recipient is looked up in LDAP.
        SmtpClient open = new SmtpClient(mta);
        open.command("EHLO client.example");
        shell.execute("feature:install hermod-directory-ldap");
        String status = shell.awaitOutput("hermod:status --spi Directory", "ldap", 60);
        assertTrue(await(() -> login(auth, "jane", SlapdServer.JANE_PASSWORD)));
        try (open) {
            String r = open.send("sender@remote.example", "Subject: for jane\r\n\r\nHi\r\n", "j.doe@example.org");
            assertTrue(r, r.startsWith("250 2.0.0"));
        }
        assertEquals(1, inboxSize("jane"));
        assertTrue("SQL's alice is not in LDAP: " + status, !login(auth, "alice", ALICE_PASSWORD));
        status = shell.execute("hermod:status --spi Directory");
        assertTrue(status, status.lines().anyMatch(l -> l.contains(" ldap ") && l.contains("*")));

        // Back to SQL by the admin's choice, again without a restart.
        shell.execute("config:property-set -p hermod directory.target \"(name=sql)\"");
        assertTrue(await(() -> login(auth, "alice", ALICE_PASSWORD)));
        assertTrue(!login(auth, "jane", SlapdServer.JANE_PASSWORD));

        // Removing the account stops its logins and its mail at once.
        shell.execute("hermod:account-remove alice");
        assertTrue(!login(auth, "alice", ALICE_PASSWORD));
        try (SmtpClient smtp = new SmtpClient(mta)) {
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<sender@remote.example>");
            assertTrue(smtp.command("RCPT TO:<alice@example.org>").startsWith("550 5.1.1"));
        }
        assertEquals(AuthStep.Reason.INVALID_CREDENTIALS, ((AuthStep.Failure) auth.login("alice", ALICE_PASSWORD,
                new ClientInfo(InetAddress.getByName("192.0.2.77"), "itest", true))).reason());
    }

    private int inboxSize(String account) throws Exception {
        MailAccount mail = service(MailStore.class).account(account);
        return mail.view(mail.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries().size();
    }

    private static void awaitListener(InetSocketAddress address) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(address, 1000);
                return;
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no SMTP listener on " + address);
                }
                Thread.sleep(200);
            }
        }
    }

    private static boolean login(Authenticator auth, String name, String password) {
        try {
            // A fresh address each time, so the failure limits of other attempts do not interfere.
            InetAddress address = InetAddress.getByName("192.0.2." + (1 + (int) (System.nanoTime() % 250)));
            return auth.login(name, password, new ClientInfo(address, "itest", true)) instanceof AuthStep.Success;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
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
