package dev.hermod.itests.felix;

import dev.hermod.itests.HermodOptions;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.hermod.api.admin.ListenerInfo;
import dev.hermod.api.admin.PlatformStatus;
import dev.hermod.api.admin.ProviderInfo;
import dev.hermod.api.admin.SpiStatus;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.server.ProtocolServer;
import dev.hermod.itests.provider.TestBlobStore;
import dev.hermod.itests.provider.TestProtocolServer;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The core, alone in Felix, tracks providers as they come and go and picks the one in use. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProviderTrackingIT {

    @Inject
    BundleContext context;

    @Inject
    PlatformStatus status;

    @Inject
    ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return new Option[] {HermodOptions.nativeCore()};
    }

    @Test
    public void providersAreBoundRankedAndChosenByTarget() throws Exception {
        assertTrue("no BlobStore before any is registered", blobs().providers().isEmpty());

        ServiceRegistration<BlobStore> fs = context.registerService(BlobStore.class, new TestBlobStore(),
                props("name", "fs", Constants.SERVICE_RANKING, 0));
        ServiceRegistration<BlobStore> s3 = context.registerService(BlobStore.class, new TestBlobStore(),
                props("name", "s3", Constants.SERVICE_RANKING, 10));
        try {
            await("both providers bound", () -> blobs().providers().size() == 2);
            assertEquals("the higher ranking is in use", "s3", blobs().inUse().orElseThrow().name());
            assertEquals(List.of("s3", "fs"), blobs().providers().stream().map(ProviderInfo::name).toList());
            assertEquals(10, blobs().providers().get(0).ranking());

            // The admin picks the lower-ranked provider by name, live.
            org.osgi.service.cm.Configuration cfg = configAdmin.getConfiguration("hermod", "?");
            cfg.update(props("blob.target", "(name=fs)"));
            await("target applied", () -> blobs().inUse().map(p -> p.name().equals("fs")).orElse(false));
            assertEquals("(name=fs)", blobs().target());

            // A broken filter is ignored (and logged), not fatal.
            cfg.update(props("blob.target", "(name=fs"));
            await("bad target ignored", () -> blobs().target() == null);
            assertEquals("s3", blobs().inUse().orElseThrow().name());
            cfg.delete();

            // Ranking changes re-sort live.
            fs.setProperties(props("name", "fs", Constants.SERVICE_RANKING, 20));
            await("re-ranked", () -> blobs().inUse().map(p -> p.name().equals("fs")).orElse(false));

            fs.unregister();
            fs = null;
            await("fs gone", () -> blobs().providers().size() == 1);
            assertEquals("s3", blobs().inUse().orElseThrow().name());
        } finally {
            if (fs != null) {
                fs.unregister();
            }
            s3.unregister();
        }
        await("all gone", () -> blobs().providers().isEmpty());
        assertFalse(blobs().inUse().isPresent());
    }

    @Test
    public void listenersAreReportedWithTheirAddresses() throws Exception {
        ServiceRegistration<ProtocolServer> imap = context.registerService(ProtocolServer.class,
                new TestProtocolServer("imap", "default", 1143), props(ProtocolServer.PROTOCOL, "imap"));
        try {
            await("listener reported", () -> !status.listeners().isEmpty());
            ListenerInfo info = status.listeners().get(0);
            assertEquals("imap", info.protocol());
            assertEquals("default", info.name());
            assertEquals("127.0.0.1:1143", info.address());
            assertEquals(ProtocolServer.TransportSecurity.STARTTLS, info.security());
        } finally {
            imap.unregister();
        }
        await("listener removed", () -> status.listeners().isEmpty());
    }

    @Test
    public void everySpiIsReported() {
        List<String> spis = status.spis().stream().map(SpiStatus::spi).toList();
        assertEquals(List.of("KeyValueStore", "BlobStore", "Directory", "MessageFilter", "MessageEncryptor",
                "MessageSigner", "OutboundTransport"), spis);
        assertTrue(status.spi("MessageFilter").multiple());
        assertFalse(status.spi("Directory").multiple());
    }

    private SpiStatus blobs() {
        return status.spi("BlobStore");
    }

    static Dictionary<String, Object> props(Object... keyValues) {
        Hashtable<String, Object> table = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            table.put((String) keyValues[i], keyValues[i + 1]);
        }
        return table;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }
}
