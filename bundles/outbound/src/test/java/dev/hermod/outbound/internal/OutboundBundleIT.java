package dev.hermod.outbound.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.testing.DnsServer;
import dev.hermod.testing.TestFramework;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The built bundle in a Felix framework with only what Karaf brings (SCR, Config Admin, slf4j) and Hermod's API
 * bundle: it resolves with the JDK's packages, registers the transport {@code name=smtp} without a configuration,
 * and, once configured, delivers a message found by MX lookup with its embedded dnsjava.
 */
class OutboundBundleIT {

    @TempDir
    Path storage;

    @Test
    void theBundleResolvesRegistersAndDelivers() throws Exception {
        String ehlo = "250-scripted\r\n250-PIPELINING\r\n250 8BITMIME";
        try (DnsServer dns = DnsServer.start("""
                example.com.     MX 10 mx.example.com.
                mx.example.com.  A 127.0.0.1
                """);
             ScriptedServer mx = new ScriptedServer("220 mx ESMTP", line -> line.startsWith("EHLO") ? ehlo
                     : line.equals("DATA") ? "354 go" : line.equals("QUIT") ? "221 bye" : "250 2.0.0 Ok")) {
            try (TestFramework felix = TestFramework.start(storage)) {
                BundleContext context = felix.context();
                List<Bundle> bundles = felix.bundles();
                Bundle ours = bundles.get(bundles.size() - 1);
                assertEquals("dev.hermod.outbound", ours.getSymbolicName());
                assertEquals(Bundle.ACTIVE, ours.getState());
                Bundle api = bundles.stream().filter(b -> b.getSymbolicName().equals("dev.hermod.api")).findFirst()
                        .orElseThrow();

                ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context,
                        "dev.hermod.api.outbound.OutboundTransport", null);
                tracker.open(true);
                assertNotNull(tracker.waitForService(10_000), "no OutboundTransport registered without configuration");
                assertEquals("smtp", tracker.getServiceReference().getProperty("name"));

                Object configAdmin = service(context, "org.osgi.service.cm.ConfigurationAdmin");
                Object configuration = configAdmin.getClass().getMethod("getConfiguration", String.class, String.class)
                        .invoke(configAdmin, "transport.smtp", "?");
                Dictionary<String, Object> properties = new Hashtable<>();
                properties.put("dns.servers", "127.0.0.1:" + dns.port());
                properties.put("smtp.port", mx.port());
                properties.put("hostname", "out.hermod.test");
                configuration.getClass().getMethod("update", Dictionary.class).invoke(configuration, properties);
                ServiceReference<Object> ref;
                long deadline = System.currentTimeMillis() + 10_000;
                while ((ref = tracker.getServiceReference()) == null
                        || !"out.hermod.test".equals(ref.getProperty("hostname"))) {
                    assertTrue(System.currentTimeMillis() < deadline, "configuration not applied");
                    Thread.sleep(50);
                }
                Object transport = context.getService(ref);
                Object result = send(api, transport);
                assertTrue(result.toString().contains("status=DELIVERED, reply=250 2.0.0 Ok, remoteMta=mx.example.com"
                        + " [127.0.0.1]:" + mx.port()), result.toString());
                assertTrue(mx.lines.contains("EHLO out.hermod.test"), mx.lines.toString());
            }
        }
    }

    private static Object send(Bundle api, Object transport) throws Exception {
        Class<?> message = api.loadClass("dev.hermod.api.outbound.OutboundMessage");
        Class<?> content = api.loadClass("dev.hermod.api.outbound.OutboundMessage$Content");
        Class<?> reversePath = api.loadClass("dev.hermod.api.mail.ReversePath");
        Class<?> address = api.loadClass("dev.hermod.api.mail.Address");
        Object from = reversePath.getMethod("parse", String.class).invoke(null, "<jane@hermod.test>");
        Object rcpt = address.getMethod("parse", String.class).invoke(null, "joe@example.com");
        byte[] bytes = "Subject: hi\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);
        Object body = Proxy.newProxyInstance(content.getClassLoader(), new Class<?>[] {content}, (p, m, args) ->
                switch (m.getName()) {
                    case "open" -> new ByteArrayInputStream(bytes);
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> "content";
                });
        Object m = message.getConstructors()[0].newInstance("it-1", from, "example.com", List.of(rcpt), Map.of(),
                (long) bytes.length, false, false, body);
        return transport.getClass().getMethod("send", message).invoke(transport, m);
    }

    private static Object service(BundleContext context, String type) throws InterruptedException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, type, null);
        tracker.open(true);
        Object service = tracker.waitForService(10_000);
        assertNotNull(service, type + " was not registered");
        return service;
    }
}
