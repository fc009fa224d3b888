package dev.hermod.migration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The built bundle in a Felix framework with SCR, Config Admin, slf4j and Hermod's API bundle, over stand-ins of
 * the core's MailStore and ServerBackup: it resolves with Jakarta Mail, Angus and Jackson embedded, registers its
 * services, and its IMAP client finds its providers inside the bundle (a refused connection is reported as such,
 * not as a missing provider).
 */
class MigrationBundleIT {

    @TempDir
    Path storage;

    @Test
    void theBundleRegistersItsServicesAndItsImapClientWorksInOsgi() throws Exception {
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                "karaf.data", storage.resolve("data").toString(),
                "karaf.etc", storage.resolve("etc").toString(),
                // No class of the test's class path reaches the bundle, even through the JDK's ServiceLoader.
                "felix.bootdelegation.implicit", "false",
                "org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String path : System.getProperty("hermod.it.bundles").split(",")) {
                assertTrue(Files.isRegularFile(Path.of(path)), path);
                bundles.add(context.installBundle(Path.of(path).toUri().toString()));
            }
            for (Bundle bundle : bundles) {
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    bundle.start();
                }
            }
            Bundle ours = bundles.get(bundles.size() - 1);
            assertEquals("dev.hermod.migration", ours.getSymbolicName());
            assertEquals(Bundle.ACTIVE, ours.getState());
            Bundle api = bundles.stream().filter(b -> b.getSymbolicName().equals("dev.hermod.api")).findFirst().orElseThrow();

            // Stand-ins of the core's services, typed by the API bundle's classes.
            Class<?> mailStore = api.loadClass("dev.hermod.api.mailbox.MailStore");
            Class<?> mailAccount = api.loadClass("dev.hermod.api.mailbox.MailAccount");
            java.util.List<String> appended = java.util.Collections.synchronizedList(new ArrayList<>());
            Object account = Proxy.newProxyInstance(mailAccount.getClassLoader(), new Class<?>[] {mailAccount},
                    (self, m, args) -> switch (m.getName()) {
                        case "name" -> "alice";
                        case "mailbox", "find" -> java.util.Optional.empty();
                        case "createMailbox" -> newRecord(api, "dev.hermod.api.mailbox.Mailbox", id(api, "MailboxId", 7), args[0], null,
                                args[2], true, 0, 1L, 1L, 1L, 0L, 0L, 0L);
                        case "append" -> {
                            byte[] raw = ((java.io.InputStream) args[1]).readAllBytes();
                            appended.add(args[0] + " " + new java.util.TreeSet<>((java.util.Set<?>) args[2]) + " " + args[3] + " "
                                    + new String(raw, java.nio.charset.StandardCharsets.US_ASCII).lines().filter(l -> l.startsWith("Subject:"))
                                    .findFirst().orElse(""));
                            Class<?> hash = api.loadClass("dev.hermod.api.mail.BlobHash");
                            yield newRecord(api, "dev.hermod.api.mailbox.Appended", id(api, "MessageId", appended.size()), 1L,
                                    (long) appended.size(), id(api, "ThreadId", 1), hash.getMethod("sha256", byte[].class).invoke(null, raw),
                                    (long) raw.length, 1L);
                        }
                        default -> null;
                    });
            context.registerService(mailStore.getName(), Proxy.newProxyInstance(mailStore.getClassLoader(),
                    new Class<?>[] {mailStore}, (self, m, args) -> m.getName().equals("account") ? account : null), new Hashtable<>());
            Class<?> serverBackup = api.loadClass("dev.hermod.api.migration.ServerBackup");
            context.registerService(serverBackup.getName(), Proxy.newProxyInstance(serverBackup.getClassLoader(),
                    new Class<?>[] {serverBackup}, (self, m, args) -> null), new Hashtable<>());

            await(() -> reference(context, "dev.hermod.api.migration.MailMigration") != null, "MailMigration registered");
            await(() -> reference(context, "dev.hermod.api.http.HttpHandler") != null, "the admin API registered");
            assertEquals("/admin/api", reference(context, "dev.hermod.api.http.HttpHandler").getProperty("hermod.http.path"));
            ServiceReference<?> etc = reference(context, "dev.hermod.api.migration.BackupParticipant");
            assertNotNull(etc, "the etc/ participant registered");
            assertEquals("etc", etc.getProperty("hermod.backup.name"));

            Object migration = context.getService(reference(context, "dev.hermod.api.migration.MailMigration"));
            Class<?> source = api.loadClass("dev.hermod.api.migration.ImapSource");
            Class<?> security = api.loadClass("dev.hermod.api.migration.ImapSource$Security");
            Object none = security.getField("NONE").get(null);
            Object imap = source.getConstructors()[0].newInstance("127.0.0.1", 1, none, "u", "p", false);
            Class<?> progress = api.loadClass("dev.hermod.api.admin.MigrationProgress");
            Object quiet = progress.getField("NONE").get(null);
            InvocationTargetException failure = org.junit.jupiter.api.Assertions.assertThrows(InvocationTargetException.class,
                    () -> migration.getClass().getMethod("importImap", String.class, source, progress)
                            .invoke(migration, "alice", imap, quiet));
            Throwable cause = failure.getCause();
            assertEquals("dev.hermod.api.mail.TemporaryFailureException", cause.getClass().getName(), String.valueOf(cause));
            assertTrue(cause.getMessage().contains("127.0.0.1:1") && cause.getMessage().toLowerCase().contains("connect"),
                    cause.getMessage());

            // A real import from Dovecot inside the framework.
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                port = s.getLocalPort();
            }
            try (dev.hermod.testing.DovecotServer dovecot = dev.hermod.testing.DovecotServer.builder().user("old", "pw")
                    .config("protocols = lmtp imap")
                    .config("service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = " + port + "\n  }\n}")
                    .start()) {
                ImapImportDovecotTest.awaitPort(port);
                Process p = new ProcessBuilder("python3", "-c", "import imaplib\nm = imaplib.IMAP4('127.0.0.1', " + port + ")\n"
                        + "m.login('old', 'pw')\nm.append('INBOX', '(\\\\Seen)', '\"05-Mar-2024 10:00:00 +0000\"',"
                        + " b'Subject: inside OSGi\\r\\n\\r\\nhello\\r\\n')\nm.logout()\n").redirectErrorStream(true).start();
                assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
                Object live = source.getConstructors()[0].newInstance("127.0.0.1", port, none, "old", "pw", false);
                Object report = migration.getClass().getMethod("importImap", String.class, source, progress)
                        .invoke(migration, "alice", live, quiet);
                assertEquals(1L, report.getClass().getMethod("messages").invoke(report));
                assertEquals(List.of("m7 [$seen] 2024-03-05T10:00:00Z Subject: inside OSGi"), appended);
            }
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static Object id(Bundle api, String type, long value) throws Exception {
        return api.loadClass("dev.hermod.api.mail." + type).getMethod("of", long.class).invoke(null, value);
    }

    /** A record of the API bundle, built with its canonical constructor. */
    private static Object newRecord(Bundle api, String type, Object... values) throws Exception {
        Class<?> c = api.loadClass(type);
        return c.getDeclaredConstructors()[0].newInstance(values);
    }

    private static ServiceReference<?> reference(BundleContext context, String type) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(type, null);
            return refs == null ? null : refs[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }
}
