package dev.hermod.blob.s3.internal;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.tck.BlobStoreContract;
import dev.hermod.testing.S3Server;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The blob store contract against a real S3 server, each test in a key prefix of its own. */
class S3BlobStoreTest implements BlobStoreContract {

    static final String BUCKET = "hermod-blobs";

    private S3BlobStore store;

    @BeforeEach
    void open() {
        store = new S3BlobStore(settings(BUCKET, "test-" + UUID.randomUUID() + "/", true), S3Fixture.credentials(), false);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public BlobStore store() {
        return store;
    }

    /** Settings for the shared test server, with the smallest part size S3 allows. */
    static S3Settings settings(String bucket, String prefix, boolean createBucket) {
        S3Server s3 = S3Server.shared();
        return S3Settings.of(TestConfig.of(Map.of("endpoint", s3.endpoint().toString(), "region", s3.region(),
                "bucket", bucket, "prefix", prefix, "pathStyle", true, "createBucket", createBucket,
                "partSizeMiB", S3Settings.MIN_PART_MIB)));
    }
}
