package dev.hermod.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.testing.TestFramework;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The built bundle in a Felix framework with what Karaf brings (SCR, Config Admin, slf4j), Hermod's API and
 * Bouncy Castle's bundles: it resolves, registers the encryptor "bc" and the /crypto handler once the core's
 * services are there, encrypts a message that OpenSSL decrypts, and takes the page away when
 * jmap.encryption.enable is false.
 */
class CryptoBundleIT {

    @TempDir
    Path storage;

    @Test
    void theBundleResolvesRegistersEncryptsAndSwitchesThePage() throws Exception {
        Tools tools = new Tools(Files.createDirectories(storage.resolve("tools")));
        tools.opensslCertificate("alice", "alice@example.org", "rsa:2048", 365);
        byte[] certificate = Files.readAllBytes(storage.resolve("tools/alice.pem"));

        try (TestFramework felix = TestFramework.start(storage.resolve("felix"))) {
            BundleContext context = felix.context();
            List<Bundle> bundles = felix.bundles();
            Bundle ours = bundles.get(bundles.size() - 1);
            assertEquals("dev.hermod.crypto", ours.getSymbolicName());
            assertEquals(Bundle.ACTIVE, ours.getState());
            Bundle api = bundles.stream().filter(b -> b.getSymbolicName().equals("dev.hermod.api")).findFirst()
                    .orElseThrow();
            assertNull(any(context, "dev.hermod.api.crypto.MessageEncryptor"), "registered without the core's keys");

            // The core's services, as the core would register them, with alice's certificate kept.
            Class<?> keysType = api.loadClass("dev.hermod.api.crypto.EncryptionKeys");
            Class<?> storedKey = api.loadClass("dev.hermod.api.crypto.EncryptionKeys$StoredKey");
            Class<?> kind = api.loadClass("dev.hermod.api.crypto.KeyKind");
            Object kept = storedKey.getConstructors()[0].newInstance(kind.getField("SMIME").get(null), 256,
                    SmimeCertificates.encode(SmimeCertificates.parseUpload(certificate, Instant.now())), Instant.now());
            Object keys = Proxy.newProxyInstance(keysType.getClassLoader(), new Class<?>[] {keysType}, (p, m, args) ->
                    switch (m.getName()) {
                        case "get" -> "alice".equals(args[0]) ? Optional.of(kept) : Optional.empty();
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        case "toString" -> "keys";
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
            Class<?> authType = api.loadClass("dev.hermod.api.auth.Authenticator");
            Object auth = Proxy.newProxyInstance(authType.getClassLoader(), new Class<?>[] {authType}, (p, m, args) ->
                    switch (m.getName()) {
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        case "toString" -> "auth";
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
            context.registerService(keysType.getName(), keys, null);
            context.registerService(authType.getName(), auth, null);

            ServiceReference<?> encryptorRef = await(context, "dev.hermod.api.crypto.MessageEncryptor");
            assertEquals("bc", encryptorRef.getProperty("name"));
            Object encryptor = context.getService(encryptorRef);
            byte[] message = "From: bob@example.net\r\nSubject: hi\r\n\r\nInside the framework.\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Object result = encryptor.getClass().getMethod("encrypt", String.class, java.io.InputStream.class,
                    java.io.OutputStream.class).invoke(encryptor, "alice", new ByteArrayInputStream(message), out);
            assertEquals("ENCRYPTED", result.toString());
            assertArrayEquals(message, tools.opensslDecrypt(out.toByteArray(), "alice"));

            ServiceReference<?> page = await(context, "dev.hermod.api.http.HttpHandler");
            assertEquals("/crypto", page.getProperty("hermod.http.path"));

            Object configAdmin = context.getService(await(context, "org.osgi.service.cm.ConfigurationAdmin"));
            Object configuration = configAdmin.getClass().getMethod("getConfiguration", String.class, String.class)
                    .invoke(configAdmin, "jmap", "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("encryption.enable", false);
            configuration.getClass().getMethod("update", Dictionary.class).invoke(configuration, properties);
            long deadline = System.currentTimeMillis() + 10_000;
            while (any(context, "dev.hermod.api.http.HttpHandler") != null) {
                assertTrue(System.currentTimeMillis() < deadline, "the page stayed with encryption.enable = false");
                Thread.sleep(50);
            }
            assertNotNull(any(context, "dev.hermod.api.crypto.MessageEncryptor"), "uploaded keys are still used");
        }
    }

    private static ServiceReference<?> await(BundleContext context, String type) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        ServiceReference<?> ref;
        while ((ref = any(context, type)) == null) {
            assertTrue(System.currentTimeMillis() < deadline, type + " was not registered");
            Thread.sleep(50);
        }
        return ref;
    }

    private static ServiceReference<?> any(BundleContext context, String type) throws Exception {
        // The API classes on the test's class path are not the framework's: look up without the class check.
        ServiceReference<?>[] refs = context.getAllServiceReferences(type, null);
        return refs == null ? null : refs[0];
    }
}
