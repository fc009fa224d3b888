package dev.hermod.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.itests.HermodOptions;
import dev.hermod.itests.KarafShell;
import dev.hermod.testing.PostgresServer;
import dev.hermod.testing.S3Server;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * With the runtime up and data written to the default stores (SQLite, file system), the admin copies it
 * to PostgreSQL and S3 with hermod:store-migrate, stops the old providers — callers then get a clear
 * temporary failure — and starts the new ones: the core binds them without a restart and the data is
 * there. PostgreSQL and the S3 server are real servers started on 127.0.0.1 by the test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageSwapIT {

    private static final int KEYS = 2500;
    private static final int BLOBS = 40;
    private static final Pattern SHA = Pattern.compile("sha256 ([0-9a-f]{64})");

    @Inject
    BundleContext context;

    @Inject
    SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        PostgresServer pg = PostgresServer.shared();
        S3Server s3 = S3Server.shared();
        return new Option[] {
            HermodOptions.karaf(),
            editConfigurationFilePut("etc/hermod.cfg", "unavailable.wait", "1500"),
            editConfigurationFilePut("etc/store.postgresql.cfg", "url", pg.jdbcUrl()),
            editConfigurationFilePut("etc/store.postgresql.cfg", "user", pg.user()),
            editConfigurationFilePut("etc/store.postgresql.cfg", ".password", pg.password()),
            editConfigurationFilePut("etc/blob.s3.cfg", "endpoint", s3.endpoint().toString()),
            editConfigurationFilePut("etc/blob.s3.cfg", "region", s3.region()),
            editConfigurationFilePut("etc/blob.s3.cfg", "bucket", "hermod-swap-" + Long.toString(System.nanoTime(), 36)),
            editConfigurationFilePut("etc/blob.s3.cfg", "createBucket", "true"),
            editConfigurationFilePut("etc/blob.s3.cfg", "pathStyle", "true"),
            editConfigurationFilePut("etc/blob.s3.cfg", "accessKey", s3.accessKey()),
            editConfigurationFilePut("etc/blob.s3.cfg", ".secretKey", s3.secretKey()),
        };
    }

    @Test
    public void migrateThenSwapProvidersWithoutARestart() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        shell.awaitOutput("hermod:status --spi KeyValueStore", "sqlite", 30);
        shell.awaitOutput("hermod:status --spi BlobStore", "fs", 30);
        writeData();

        shell.awaitCommand("feature:list -i", 60);
        shell.execute("feature:install hermod-store-postgresql hermod-blob-s3");
        shell.awaitOutput("hermod:status --spi KeyValueStore", "postgresql", 30);
        shell.awaitOutput("hermod:status --spi BlobStore", " s3 ", 30);

        String kv = shell.execute("hermod:store-migrate --from sqlite --to postgresql");
        assertTrue(kv, kv.contains("Verified: the target matches the source."));
        assertTrue(kv, kv.contains("Done: " + KEYS + " keys copied"));
        String blobs = shell.execute("hermod:store-migrate --from fs --to s3");
        assertTrue(blobs, blobs.contains("Verified: the target matches the source."));
        assertTrue(blobs, blobs.contains("Done: " + BLOBS + " blobs copied"));

        String sqliteSha = sha(shell.execute("hermod:store-digest sqlite"));
        String fsSha = sha(shell.execute("hermod:store-digest fs"));

        // Stop every provider: callers get a clear temporary failure, quickly, and nothing crashes.
        shell.execute("bundle:stop dev.hermod.store-postgresql");
        shell.execute("bundle:stop dev.hermod.store-sqlite");
        shell.execute("bundle:stop dev.hermod.blob-s3");
        shell.execute("bundle:stop dev.hermod.blob-fs");
        long before = System.nanoTime();
        String none = shell.execute("hermod:store-digest");
        long waited = (System.nanoTime() - before) / 1_000_000;
        assertTrue(none, none.contains("No KeyValueStore provider is available; the service is temporarily unavailable"));
        assertTrue("gave up after the configured wait, not a hang: " + waited + " ms", waited < 10_000);
        String noBlobs = shell.execute("hermod:store-digest --blobs");
        assertTrue(noBlobs, noBlobs.contains("No BlobStore provider is available"));
        assertTrue(shell.execute("hermod:status").contains("(none)"));

        // Start the new providers: bound at once, same content, no restart.
        shell.execute("bundle:start dev.hermod.store-postgresql");
        shell.execute("bundle:start dev.hermod.blob-s3");
        String pgDigest = shell.awaitOutput("hermod:store-digest", "postgresql (KeyValueStore)", 30);
        assertEquals(sqliteSha, sha(pgDigest));
        assertTrue(pgDigest, pgDigest.contains(KEYS + " entries"));
        String s3Digest = shell.awaitOutput("hermod:store-digest --blobs", "s3 (BlobStore)", 30);
        assertEquals(fsSha, sha(s3Digest));
        assertTrue(s3Digest, s3Digest.contains(BLOBS + " entries"));
        assertTrue(shell.execute("hermod:status --spi KeyValueStore").lines()
                .anyMatch(l -> l.contains("postgresql") && l.contains("*")));
    }

    private void writeData() throws Exception {
        KeyValueStore sqlite = service(KeyValueStore.class, "(name=sqlite)");
        for (int batch = 0; batch < KEYS / 500; batch++) {
            int first = batch * 500;
            sqlite.write(txn -> {
                for (int i = first; i < first + 500; i++) {
                    txn.set(("account/" + i).getBytes(StandardCharsets.UTF_8), ("value " + i).repeat(i % 7 + 1).getBytes(StandardCharsets.UTF_8));
                }
                return null;
            });
        }
        BlobStore fs = service(BlobStore.class, "(name=fs)");
        for (int i = 0; i < BLOBS; i++) {
            fs.put(("Subject: message " + i + "\r\n\r\n" + "body line\r\n".repeat(i * 50)).getBytes(StandardCharsets.UTF_8));
        }
    }

    private <T> T service(Class<T> type, String filter) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Collection<ServiceReference<T>> refs = context.getServiceReferences(type, filter);
            if (!refs.isEmpty()) {
                return context.getService(refs.iterator().next());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + type.getSimpleName() + " " + filter);
            }
            Thread.sleep(100);
        }
    }

    private static String sha(String output) {
        Matcher m = SHA.matcher(output);
        assertTrue(output, m.find());
        return m.group(1);
    }
}
