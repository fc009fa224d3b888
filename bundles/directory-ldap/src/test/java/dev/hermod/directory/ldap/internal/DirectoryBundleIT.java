package dev.hermod.directory.ldap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.testing.SlapdServer;
import dev.hermod.testing.TestFramework;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The built bundle in a Felix framework with only what Karaf brings (SCR, Config Admin, slf4j, Bouncy Castle)
 * and Hermod's API and password bundles: it resolves with the JDK's packages, its embedded LDAP API works from
 * the bundle's class loader (plain, StartTLS, user binds, hash checks), and a configuration change takes effect.
 */
class DirectoryBundleIT {

    @TempDir
    Path storage;

    @Test
    void theBundleResolvesRegistersAndAnswers() throws Exception {
        SlapdServer ldap = SlapdServer.shared();
        try (TestFramework felix = TestFramework.start(storage)) {
            BundleContext context = felix.context();
            List<Bundle> bundles = felix.bundles();
            Bundle ours = bundles.get(bundles.size() - 1);
            assertEquals("dev.hermod.directory-ldap", ours.getSymbolicName());
            assertEquals(Bundle.ACTIVE, ours.getState());
            Bundle api = bundles.stream().filter(b -> b.getSymbolicName().equals("dev.hermod.api")).findFirst()
                    .orElseThrow();

            Object configAdmin = service(context, "org.osgi.service.cm.ConfigurationAdmin");
            Object configuration = configAdmin.getClass().getMethod("getConfiguration", String.class, String.class)
                    .invoke(configAdmin, "directory.ldap", "?");
            Method update = configuration.getClass().getMethod("update", Dictionary.class);
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("url", ldap.ldapUrl());
            properties.put("starttls", true);
            properties.put("truststore.path", ldap.caCertificate().toString());
            properties.put("base.dn", SlapdServer.SUFFIX);
            properties.put("bind.dn", SlapdServer.SERVICE_DN);
            properties.put(".bind.password", SlapdServer.SERVICE_PASSWORD);
            properties.put("type.group", "hermodSharedMailbox");
            update.invoke(configuration, properties);

            Object directory = service(context, "dev.hermod.api.directory.Directory");
            assertEquals(Optional.of("jane"), login(api, directory, "jane", SlapdServer.JANE_PASSWORD));
            assertEquals(Optional.empty(), login(api, directory, "jane", "wrong"));
            Object staff = api.loadClass("dev.hermod.api.mail.Address").getMethod("parse", String.class)
                    .invoke(null, "staff@example.org");
            assertEquals(Set.of("jane", "bob"), directory.getClass().getMethod("recipients", staff.getClass())
                    .invoke(directory, staff));

            properties.put("auth.mode", "hash");
            update.invoke(configuration, properties);
            long deadline = System.currentTimeMillis() + 10_000;
            Object rebound = directory;
            while (rebound == directory && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                rebound = service(context, "dev.hermod.api.directory.Directory");
            }
            assertTrue(rebound != directory, "a new component for the new configuration");
            assertEquals(Optional.of("bob"), login(api, rebound, "bob", SlapdServer.BOB_PASSWORD), "hash via dev.hermod.password");
            assertEquals(Optional.empty(), login(api, rebound, "bob", ""));
        }
    }

    private static Object service(BundleContext context, String type) throws InterruptedException {
        // Left open: closing a tracker ungets the service, which invalidates a per-bundle service object.
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, type, null);
        tracker.open(true);
        Object service = tracker.waitForService(10_000);
        assertNotNull(service, type + " was not registered");
        return service;
    }

    private static Optional<String> login(Bundle api, Object directory, String name, String password) throws Exception {
        Class<?> plain = api.loadClass("dev.hermod.api.directory.PlainCredentials");
        Class<?> credentials = api.loadClass("dev.hermod.api.directory.Credentials");
        Object presented = plain.getConstructor(String.class, String.class).newInstance(name, password);
        Optional<?> principal = (Optional<?>) directory.getClass().getMethod("authenticate", credentials)
                .invoke(directory, presented);
        return principal.map(p -> {
            try {
                return (String) p.getClass().getMethod("name").invoke(p);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
