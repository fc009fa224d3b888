package dev.hermod.blob.s3.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.testing.S3Server;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the contract cannot see: the bucket's keys, the copy of large blobs, configuration and failures. */
class S3BehaviourTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void aLargePutLeavesOnlyTheBlobUnderThePrefix() throws IOException {
        String prefix = "keys-" + UUID.randomUUID() + "/";
        S3Settings settings = S3BlobStoreTest.settings(S3BlobStoreTest.BUCKET, prefix, true);
        byte[] content = bytes(1, 11 * MIB + 7);
        try (Closing<S3BlobStore> store = new Closing<>(new S3BlobStore(settings, S3Fixture.credentials(), false));
                S3Client s3 = S3Clients.create(settings, S3Fixture.credentials())) {

            BlobHash hash = store.it.put(content);

            List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(prefix)).contents()
                    .stream().map(S3Object::key).toList();
            assertEquals(List.of(prefix + hash.hex()), keys, "the temporary object is deleted after the copy");
            assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(settings.bucket()).prefix(prefix)).uploads());
        }
    }

    @Test
    void aBlobAboveTheSingleCopyLimitIsCopiedInParts() throws IOException {
        S3Settings settings = S3BlobStoreTest.settings(S3BlobStoreTest.BUCKET, "copy-" + UUID.randomUUID() + "/", true);
        byte[] content = bytes(2, 12 * MIB + 3);
        try (Closing<S3BlobStore> store = new Closing<>(
                new S3BlobStore(settings, S3Fixture.credentials(), false, 6L * MIB, 5L * MIB))) {

            BlobHash hash = store.it.put(content);

            assertEquals(BlobHash.sha256(content), hash);
            assertEquals(content.length, store.it.size(hash));
            try (InputStream in = store.it.get(hash)) {
                assertArrayEquals(content, in.readAllBytes());
            }
            try (InputStream in = store.it.get(hash, 6L * MIB - 2, 4)) {
                assertArrayEquals(java.util.Arrays.copyOfRange(content, 6 * MIB - 2, 6 * MIB + 2), in.readAllBytes());
            }
        }
    }

    @Test
    void withoutAPrefixTemporaryKeysStayOutOfTheListing() throws IOException {
        S3Settings settings = S3BlobStoreTest.settings("hermod-root-" + UUID.randomUUID().toString().substring(0, 8), "", true);
        try (Closing<S3BlobStore> store = new Closing<>(new S3BlobStore(settings, S3Fixture.credentials(), false));
                S3Client s3 = S3Clients.create(settings, S3Fixture.credentials())) {
            BlobHash small = store.it.put(bytes(3, 1000));
            BlobHash large = store.it.put(bytes(4, 6 * MIB));
            s3.putObject(b -> b.bucket(settings.bucket()).key("tmp/" + UUID.randomUUID()), RequestBody.fromString("x"));
            s3.putObject(b -> b.bucket(settings.bucket()).key("README"), RequestBody.fromString("not a blob"));

            List<BlobHash> listed = store.it.list(null, 10);

            assertEquals(List.of(small, large).stream().sorted((a, b) -> a.hex().compareTo(b.hex())).toList(), listed);
        }
    }

    @Test
    void uploadsThatACrashLeftBehindAreRemovedOnceStale() {
        String prefix = "stale-" + UUID.randomUUID() + "/";
        S3Settings settings = S3BlobStoreTest.settings(S3BlobStoreTest.BUCKET, prefix, true);
        try (S3Client s3 = S3Clients.create(settings, S3Fixture.credentials())) {
            BlobBucket bucket = new BlobBucket(s3, settings);
            bucket.ensureBucket();
            String leftObject = bucket.temporaryKey();
            s3.putObject(b -> b.bucket(settings.bucket()).key(leftObject), RequestBody.fromString("cut short"));
            String leftUpload = bucket.temporaryKey();
            bucket.createUpload(leftUpload);

            bucket.removeStaleUploads(Instant.now().minusSeconds(3600));
            assertEquals(1, s3.listObjectsV2(b -> b.bucket(settings.bucket()).prefix(prefix)).keyCount(),
                    "recent uploads may be in progress on another node and stay");

            bucket.removeStaleUploads(Instant.now().plusSeconds(60));
            assertEquals(0, s3.listObjectsV2(b -> b.bucket(settings.bucket()).prefix(prefix)).keyCount());
            assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(settings.bucket()).prefix(prefix)).uploads());
        }
    }

    @Test
    void theComponentStartsFromItsConfiguration() throws IOException {
        S3Server server = S3Server.shared();
        S3BlobStore store = new S3BlobStore(TestConfig.of(Map.of("endpoint", server.endpoint().toString(),
                "bucket", "hermod-config", "pathStyle", true, "createBucket", true,
                "accessKey", server.accessKey(), "_secretKey", server.secretKey())));
        try {
            BlobHash hash = store.put(new byte[] {1, 2, 3});
            assertTrue(store.exists(hash));
            assertEquals(List.of(hash), store.list(null, 10));
        } finally {
            store.close();
        }
    }

    @Test
    void aMissingBucketIsATemporaryFailureSayingSo() {
        S3Settings settings = S3BlobStoreTest.settings("hermod-absent", "", false);
        try (Closing<S3BlobStore> store = new Closing<>(new S3BlobStore(settings, S3Fixture.credentials(), false))) {
            TemporaryFailureException e = assertThrows(TemporaryFailureException.class, () -> store.it.list(null, 1));
            assertTrue(e.getMessage().contains("hermod-absent does not exist"), e.getMessage());
            assertThrows(TemporaryFailureException.class, () -> store.it.put(bytes(5, 6 * MIB)));
        }
    }

    @Test
    void wrongCredentialsAreATemporaryFailureNamingThem() {
        S3Settings settings = S3BlobStoreTest.settings(S3BlobStoreTest.BUCKET, "", false);
        StaticCredentialsProvider wrong = StaticCredentialsProvider.create(AwsBasicCredentials.create("nobody", "wrong"));
        try (Closing<S3BlobStore> store = new Closing<>(new S3BlobStore(settings, wrong, false))) {
            TemporaryFailureException e = assertThrows(TemporaryFailureException.class,
                    () -> store.it.size(BlobHash.sha256(new byte[0])));
            assertTrue(e.getMessage().contains("HTTP 403") && e.getMessage().contains("access key"), e.getMessage());
        }
    }

    @Test
    void anUnreachableEndpointIsATemporaryFailureNamingIt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        S3Settings settings = S3Settings.of(TestConfig.of(Map.of("endpoint", "http://127.0.0.1:" + port,
                "bucket", "anything", "pathStyle", true, "connectTimeoutSeconds", 1)));
        try (Closing<S3BlobStore> store = new Closing<>(new S3BlobStore(settings, S3Fixture.credentials(), false))) {
            TemporaryFailureException e = assertThrows(TemporaryFailureException.class,
                    () -> store.it.exists(BlobHash.sha256(new byte[0])));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertFalse(e.getMessage().contains("null"), e.getMessage());
        }
    }

    private static byte[] bytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Closes a store at the end of a try block. */
    private record Closing<T extends S3BlobStore>(T it) implements AutoCloseable {
        @Override
        public void close() {
            it.close();
        }
    }
}
