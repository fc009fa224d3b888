package dev.hermod.milter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.milter.internal.FakeMilter.Reply;
import dev.hermod.testing.TestFramework;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * The built bundle in a Felix framework with what Karaf brings (SCR, Config Admin, slf4j) and Hermod's API
 * bundle: two factory configurations of PID {@code milter} register two DATA filters with their rankings; the
 * higher one asks its milter; stopping the bundle takes both out at once, starting it puts them back,
 * deleting a configuration removes its filter.
 */
class MilterBundleIT {

    private static final String FILTER = "dev.hermod.api.filter.MessageFilter";

    @TempDir
    Path storage;

    @Test
    void configurationsRegisterFiltersThatComeAndGoWithTheBundle() throws Exception {
        try (FakeMilter rejecting = new FakeMilter(0, p -> p.code() == 'E' ? List.of(Reply.of('r')) : null)) {
            try (TestFramework felix = TestFramework.start(storage)) {
                BundleContext context = felix.context();
                List<Bundle> bundles = felix.bundles();
                Bundle ours = bundles.get(bundles.size() - 1);
                assertEquals("dev.hermod.milter", ours.getSymbolicName());
                assertEquals(Bundle.ACTIVE, ours.getState());
                Bundle api = bundles.stream().filter(b -> b.getSymbolicName().equals("dev.hermod.api")).findFirst()
                        .orElseThrow();
                assertEquals(0, filters(context).size(), "no filter without a configuration");

                await(() -> any(context, "org.osgi.service.cm.ConfigurationAdmin") != null, "Config Admin started");
                Object configAdmin = context.getService(any(context, "org.osgi.service.cm.ConfigurationAdmin"));
                Object first = configure(configAdmin, "rspamd", rejecting.address(), 10);
                configure(configAdmin, "spamassassin", "inet:127.0.0.1:1", 5);
                await(() -> filters(context).size() == 2, "two filters registered");
                List<ServiceReference<?>> refs = filters(context);
                assertEquals("rspamd", refs.get(0).getProperty("hermod.milter.name"));
                assertEquals(10, refs.get(0).getProperty(Constants.SERVICE_RANKING));
                assertEquals(5, refs.get(1).getProperty(Constants.SERVICE_RANKING));
                assertEquals("DATA", refs.get(0).getProperty("hermod.filter.stage"));

                Object verdict = onData(api, context.getService(refs.get(0)));
                assertTrue(verdict.toString().startsWith("Reject[reply=550 5.7.1"), verdict.toString());
                // The second points at a closed port: fails open by default.
                assertEquals("Proceed[]", onData(api, context.getService(refs.get(1))).toString());

                ours.stop();
                assertEquals(0, filters(context).size(), "stopping the bundle takes its filters out at once");
                ours.start();
                await(() -> filters(context).size() == 2, "filters back after the bundle started");

                first.getClass().getMethod("delete").invoke(first);
                await(() -> filters(context).size() == 1, "a deleted configuration's filter goes away");
                assertEquals("spamassassin", filters(context).get(0).getProperty("hermod.milter.name"));
            }
        }
    }

    private static Object configure(Object configAdmin, String name, String address, int ranking) throws Exception {
        Object configuration = configAdmin.getClass()
                .getMethod("getFactoryConfiguration", String.class, String.class, String.class)
                .invoke(configAdmin, "milter", name, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        properties.put("address", address);
        properties.put("ranking", Integer.toString(ranking));
        properties.put("timeout.read", "5");
        configuration.getClass().getMethod("update", Dictionary.class).invoke(configuration, properties);
        return configuration;
    }

    private static ServiceReference<?> any(BundleContext context, String type) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(type, null);
            return refs == null ? null : refs[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The registered filters, highest ranking first. */
    private static List<ServiceReference<?>> filters(BundleContext context) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(FILTER, null);
            List<ServiceReference<?>> list = new ArrayList<>(refs == null ? List.of() : Arrays.asList(refs));
            list.sort(Comparator.<ServiceReference<?>, Integer>comparing(
                    r -> (Integer) r.getProperty(Constants.SERVICE_RANKING)).reversed());
            return list;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, what);
            Thread.sleep(50);
        }
    }

    private static Object onData(Bundle api, Object filter) throws Exception {
        Class<?> messageFilter = api.loadClass(FILTER);
        Class<?> sessionInfo = api.loadClass("dev.hermod.api.filter.SessionInfo");
        Class<?> envelope = api.loadClass("dev.hermod.api.mail.Envelope");
        Class<?> reversePath = api.loadClass("dev.hermod.api.mail.ReversePath");
        Class<?> address = api.loadClass("dev.hermod.api.mail.Address");
        Class<?> content = api.loadClass("dev.hermod.api.filter.MessageContent");
        Object session = sessionInfo.getConstructors()[0].newInstance(
                new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 40000), "client.test", null, false, "mta", "s1");
        Object from = reversePath.getMethod("parse", String.class).invoke(null, "<jane@example.com>");
        Object rcpt = address.getMethod("parse", String.class).invoke(null, "joe@hermod.test");
        Object env = envelope.getMethod("of", reversePath, List.class).invoke(null, from, List.of(rcpt));
        byte[] message = "From: jane@example.com\r\nSubject: hi\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);
        Object body = Proxy.newProxyInstance(content.getClassLoader(), new Class<?>[] {content}, (p, m, args) ->
                switch (m.getName()) {
                    case "size" -> (long) message.length;
                    case "open" -> new ByteArrayInputStream(message);
                    case "header" -> List.of();
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> "content";
                });
        return messageFilter.getMethod("onData", sessionInfo, envelope, content).invoke(filter, session, env, body);
    }
}
