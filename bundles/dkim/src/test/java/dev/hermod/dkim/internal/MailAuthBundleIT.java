package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.testing.DnsServer;
import dev.hermod.testing.TestFramework;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The built bundle in a Felix framework with only what Karaf brings (SCR, Config Admin, slf4j) and Hermod's API
 * bundle: it resolves with the JDK's packages, registers its filter for DATA with ranking 100 without a
 * configuration, and, once configured, checks a message with its embedded dnsjava against a real DNS server.
 */
class MailAuthBundleIT {

    @TempDir
    Path storage;

    @Test
    void theBundleResolvesRegistersAndChecks() throws Exception {
        try (DnsServer dns = DnsServer.start("""
                example.com.         TXT "v=spf1 -all"
                _dmarc.example.com.  TXT "v=DMARC1; p=none"
                """)) {
            try (TestFramework felix = TestFramework.start(storage)) {
                BundleContext context = felix.context();
                List<Bundle> bundles = felix.bundles();
                Bundle ours = bundles.get(bundles.size() - 1);
                assertEquals("dev.hermod.dkim", ours.getSymbolicName());
                assertEquals(Bundle.ACTIVE, ours.getState());
                Bundle api = bundles.stream().filter(b -> b.getSymbolicName().equals("dev.hermod.api")).findFirst()
                        .orElseThrow();

                ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context,
                        "dev.hermod.api.filter.MessageFilter", null);
                tracker.open(true);
                assertNotNull(tracker.waitForService(10_000), "no MessageFilter registered without configuration");
                ServiceReference<Object> ref = tracker.getServiceReference();
                assertEquals("DATA", ref.getProperty("hermod.filter.stage"));
                assertEquals(100, ref.getProperty("service.ranking"));

                Object configAdmin = service(context, "org.osgi.service.cm.ConfigurationAdmin");
                Object configuration = configAdmin.getClass().getMethod("getConfiguration", String.class, String.class)
                        .invoke(configAdmin, "mailauth", "?");
                Dictionary<String, Object> properties = new Hashtable<>();
                properties.put("dns.servers", "127.0.0.1:" + dns.port());
                properties.put("authserv.id", "mx.hermod.test");
                properties.put("trusted.networks", "");
                configuration.getClass().getMethod("update", Dictionary.class).invoke(configuration, properties);
                long deadline = System.currentTimeMillis() + 10_000;
                while ((ref = tracker.getServiceReference()) == null || !"mx.hermod.test".equals(ref.getProperty("authserv.id"))) {
                    assertTrue(System.currentTimeMillis() < deadline, "configuration not applied");
                    Thread.sleep(50);
                }
                // DS keeps the registration and creates a new instance for the new configuration: ask anew.
                Object filter = context.getService(ref);

                Object verdict = onData(api, filter);
                String text = verdict.toString();
                assertTrue(text.contains("mx.hermod.test; spf=fail smtp.mailfrom=example.com; dkim=none;"
                        + " dmarc=fail (p=none dis=none) header.from=example.com"), text);

                signs(context, configAdmin);
            }
        }
    }

    /** The signer registers under both interfaces, creates a key in its configured directory and signs with it. */
    private void signs(BundleContext context, Object configAdmin) throws Exception {
        Object configuration = configAdmin.getClass().getMethod("getConfiguration", String.class, String.class)
                .invoke(configAdmin, "dkim.signer", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("keys.directory", storage.resolve("dkim-keys").toString());
        configuration.getClass().getMethod("update", Dictionary.class).invoke(configuration, properties);
        Object keys = null;
        ServiceReference<?> signer = null;
        long deadline = System.currentTimeMillis() + 10_000;
        // without karaf.etc the component activates only once its configuration has arrived, and DS registers
        // it anew with the configuration's properties; the API classes on the test's class path are not the
        // framework's, so references are looked up without the class check
        while (keys == null) {
            assertTrue(System.currentTimeMillis() < deadline, "the DKIM signer did not activate with its configuration");
            ServiceReference<?> admin = any(context, "dev.hermod.api.crypto.DkimKeyAdmin");
            signer = any(context, "dev.hermod.api.crypto.MessageSigner");
            if (admin != null && signer != null && admin.getProperty("keys.directory") != null
                    && !"".equals(admin.getProperty("keys.directory"))) {
                keys = context.getService(admin);
            }
            if (keys == null) {
                Thread.sleep(50);
            }
        }
        assertEquals("dkim", signer.getProperty("name"));
        String record = (String) keys.getClass().getMethod("create", String.class, String.class, String.class)
                .invoke(keys, "example.com", "it", "ed25519");
        assertTrue(record.startsWith("it._domainkey.example.com IN TXT \"v=DKIM1; k=ed25519; p="), record);
        assertTrue(Files.isRegularFile(storage.resolve("dkim-keys/example.com.it.key")));
        Object messageSigner = context.getService(signer);
        assertEquals(true, messageSigner.getClass().getMethod("canSign", String.class).invoke(messageSigner, "example.com"));
        Object fields = messageSigner.getClass().getMethod("sign", String.class, java.io.InputStream.class).invoke(
                messageSigner, "example.com", new ByteArrayInputStream("From: a@example.com\r\n\r\nHi\r\n"
                        .getBytes(StandardCharsets.US_ASCII)));
        assertTrue(fields.toString().startsWith("[DKIM-Signature: v=1; a=ed25519-sha256;"), fields.toString());
    }

    private static Object onData(Bundle api, Object filter) throws Exception {
        Class<?> sessionInfo = api.loadClass("dev.hermod.api.filter.SessionInfo");
        Class<?> envelope = api.loadClass("dev.hermod.api.mail.Envelope");
        Class<?> reversePath = api.loadClass("dev.hermod.api.mail.ReversePath");
        Class<?> address = api.loadClass("dev.hermod.api.mail.Address");
        Class<?> content = api.loadClass("dev.hermod.api.filter.MessageContent");
        Object session = sessionInfo.getConstructors()[0].newInstance(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 40000), "client.test", null, false, "mta", "s1");
        Object from = reversePath.getMethod("parse", String.class).invoke(null, "<jane@example.com>");
        Object rcpt = address.getMethod("parse", String.class).invoke(null, "joe@hermod.test");
        Object env = envelope.getMethod("of", reversePath, List.class).invoke(null, from, List.of(rcpt));
        byte[] message = "From: jane@example.com\r\nSubject: hi\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);
        Object body = Proxy.newProxyInstance(content.getClassLoader(), new Class<?>[] {content}, (p, m, args) ->
                switch (m.getName()) {
                    case "size" -> (long) message.length;
                    case "open" -> new ByteArrayInputStream(message);
                    case "header" -> "From".equalsIgnoreCase((String) args[0]) ? List.of("jane@example.com") : List.of();
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> "content";
                });
        Method onData = filter.getClass().getMethod("onData", sessionInfo, envelope, content);
        return onData.invoke(filter, session, env, body);
    }

    private static ServiceReference<?> any(BundleContext context, String type) throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences(type, null);
        return refs == null ? null : refs[0];
    }

    private static Object service(BundleContext context, String type) throws InterruptedException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, type, null);
        tracker.open(true);
        Object service = tracker.waitForService(10_000);
        assertNotNull(service, type + " was not registered");
        return service;
    }
}
