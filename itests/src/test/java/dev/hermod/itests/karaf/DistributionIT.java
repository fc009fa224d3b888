package dev.hermod.itests.karaf;

import dev.hermod.itests.HermodOptions;
import dev.hermod.itests.KarafShell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.hermod.itests.provider.TestBundles;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The built distribution boots with the hermod feature, and the shell drives it: status, stopping and
 * starting the core, and a provider bundle installed and removed at run time.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT {

    @Inject
    BundleContext context;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return new Option[] {HermodOptions.karaf()};
    }

    /** Boot features install in parallel: wait until the shell commands the tests use exist. */
    @Before
    public void shellIsReady() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        shell.awaitCommand("feature:list -i", 60);
        shell.awaitCommand("bundle:list", 60);
    }

    @Test
    public void bootsWithTheHermodFeatureAndReportsTheCore() throws Exception {
        for (String name : new String[] {"dev.hermod.api", "dev.hermod.core", "dev.hermod.shell", "dev.hermod.http",
                "dev.hermod.jmap", "dev.hermod.crypto"}) {
            Bundle bundle = bundle(name);
            assertEquals(name + " is active", Bundle.ACTIVE, bundle.getState());
        }
        // every bundle of the default features resolved and started
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("dev.hermod.")) {
                assertEquals(b.getSymbolicName() + " is active", Bundle.ACTIVE, b.getState());
            }
        }
        String features = execute("feature:list -i");
        assertTrue(features, features.lines().anyMatch(l -> l.startsWith("hermod ")));
        assertTrue(features, features.lines().anyMatch(l -> l.startsWith("hermod-core ")));

        String status = awaitOutput("hermod:status", "Hermod core: active");
        for (String spi : new String[] {"KeyValueStore", "BlobStore", "Directory", "MessageFilter",
                "MessageEncryptor", "MessageSigner"}) {
            assertTrue(spi + " listed:\n" + status, status.lines().anyMatch(l -> l.startsWith(spi)));
        }
    }

    @Test
    public void stoppingAndStartingTheCoreLeavesTheRuntimeUp() throws Exception {
        execute("bundle:stop dev.hermod.core");
        try {
            String stopped = awaitOutput("hermod:status", "Hermod core is not running");
            assertFalse(stopped, stopped.contains("Hermod core: active"));
            assertEquals(Bundle.ACTIVE, bundle("dev.hermod.shell").getState());
            assertTrue("the shell still works", execute("bundle:list -s").contains("dev.hermod.shell"));
        } finally {
            execute("bundle:start dev.hermod.core");
        }
        awaitOutput("hermod:status", "Hermod core: active");
        assertEquals(Bundle.ACTIVE, bundle("dev.hermod.core").getState());
    }

    @Test
    public void aProviderInstalledAtRunTimeIsPickedUpAndDroppedOnUninstall() throws Exception {
        // Ranked above the default file-system store, so the core switches to it and back.
        byte[] jar = TestBundles.blobStoreProvider("dev.hermod.itests.blobs", "test-blobs", 50);
        Bundle provider = context.installBundle("hermod-test:blob-provider", new ByteArrayInputStream(jar));
        try {
            provider.start();
            String status = awaitOutput("hermod:status --spi BlobStore", "test-blobs");
            String row = status.lines().filter(l -> l.contains("test-blobs")).findFirst().orElseThrow();
            assertTrue("in use, from the test bundle: " + row,
                    row.startsWith("BlobStore") && row.contains("*") && row.contains("dev.hermod.itests.blobs"));
        } finally {
            provider.uninstall();
        }
        String after = execute("hermod:status --spi BlobStore");
        assertFalse(after, after.contains("test-blobs"));
        assertTrue("the default store is in use again: " + after, after.lines()
                .anyMatch(l -> l.startsWith("BlobStore") && l.contains("*") && l.contains("dev.hermod.blob-fs")));
    }

    @Test
    public void listenersDefaultToLoopbackOnTheDocumentedPorts() throws Exception {
        Map<String, String> ports = new TreeMap<>(Map.ofEntries(
                Map.entry("smtp-mta.cfg", "2525"), Map.entry("smtp-submission.cfg", "5587"),
                Map.entry("smtp-submissions.cfg", "5465"), Map.entry("smtp-lmtp.cfg", "2424"),
                Map.entry("imap-default.cfg", "1143"), Map.entry("imap-tls.cfg", "1993"),
                Map.entry("pop3-default.cfg", "1110"), Map.entry("pop3-tls.cfg", "1995"),
                Map.entry("managesieve-default.cfg", "4190"), Map.entry("http-default.cfg", "8080"),
                Map.entry("http-tls.cfg", "8443")));
        Map<String, String> found = new TreeMap<>();
        org.osgi.service.cm.Configuration[] configs = configAdmin.listConfigurations("(felix.fileinstall.filename=*)");
        for (org.osgi.service.cm.Configuration config : configs == null ? new org.osgi.service.cm.Configuration[0] : configs) {
            String file = String.valueOf(config.getProperties().get("felix.fileinstall.filename"));
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (ports.containsKey(name)) {
                assertEquals(name + " host", "127.0.0.1", String.valueOf(config.getProperties().get("host")));
                found.put(name, String.valueOf(config.getProperties().get("port")));
            }
        }
        assertEquals(ports, found);
    }

    @Test
    public void thePop3ListenerGreetsAndOffersStls() throws Exception {
        String greeting = null;
        for (int i = 0; i < 60 && greeting == null; i++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", 1110)) {
                socket.setSoTimeout(10_000);
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                greeting = in.readLine();
                socket.getOutputStream().write("CAPA\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                StringBuilder capa = new StringBuilder();
                for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
                    capa.append(line).append('\n');
                }
                assertTrue(capa.toString(), capa.toString().contains("STLS") && capa.toString().contains("UIDL"));
            } catch (java.io.IOException notYet) {
                Thread.sleep(1000);
            }
        }
        assertTrue("POP3 greeting: " + greeting, greeting != null && greeting.startsWith("+OK"));
    }

    @Test
    public void theShellShowsAndDisablesEncryptionAtRest() throws Exception {
        String shown = awaitOutput("hermod:crypto-show carol", "carol: no key");
        assertTrue(shown, shown.contains("mail is stored as it arrives"));
        assertTrue(execute("hermod:crypto-disable carol").contains("carol: had no key; nothing changed"));
    }

    @Test
    public void theHttpListenerServesTheCryptoForm() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:8080/crypto")).timeout(java.time.Duration.ofSeconds(10)).build();
        java.net.http.HttpResponse<String> response = null;
        for (int i = 0; i < 60 && (response == null || response.statusCode() == 404); i++) {
            try {
                response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notYet) {
                Thread.sleep(1000);
                continue;
            }
            if (response.statusCode() == 404) {
                Thread.sleep(1000);
            }
        }
        assertTrue("no answer from the http listener", response != null);
        assertEquals(response.body(), 200, response.statusCode());
        assertTrue(response.body(), response.body().contains("<form") && response.body().contains("PGP AES-256"));
        // JMAP's session resource asks for credentials (RFC 8620 §2)
        java.net.http.HttpResponse<String> jmap = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:8080/.well-known/jmap")).timeout(java.time.Duration.ofSeconds(10))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(jmap.body(), 401, jmap.statusCode());
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    private String awaitOutput(String command, String expected) throws Exception {
        return new KarafShell(sessionFactory).awaitOutput(command, expected, 20);
    }

    private String execute(String command) throws Exception {
        return new KarafShell(sessionFactory).execute(command);
    }
}
