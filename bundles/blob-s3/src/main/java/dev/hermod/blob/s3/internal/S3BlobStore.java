package dev.hermod.blob.s3.internal;

import dev.hermod.api.blob.BlobNotFoundException;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.TemporaryFailureException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Blobs as objects in an S3 bucket; see the package documentation. */
@Component(service = BlobStore.class, configurationPid = "blob.s3", configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {"name=s3", "service.ranking:Integer=100"})
@Designate(ocd = S3BlobStore.Config.class)
public final class S3BlobStore implements BlobStore {

    /** Configuration PID {@code blob.s3}; the store starts once a configuration with a bucket exists. */
    @ObjectClassDefinition(name = "Hermod blob store: S3",
            description = "Blobs (raw messages, uploads) as objects named by their SHA-256 in an S3 bucket.")
    public @interface Config {

        @AttributeDefinition(name = "Endpoint", required = false, description = "URL of an S3-compatible server, "
                + "e.g. http://127.0.0.1:9000; empty: AWS S3 in the region")
        String endpoint() default "";

        @AttributeDefinition(name = "Region", description = "Region to sign requests for")
        String region() default "us-east-1";

        @AttributeDefinition(name = "Bucket", description = "Bucket holding the blobs")
        String bucket();

        @AttributeDefinition(name = "Key prefix", required = false, description = "Prefix of every key, e.g. "
                + "hermod/; blobs are <prefix><sha256>, uploads in progress <prefix>tmp/...")
        String prefix() default "";

        @AttributeDefinition(name = "Path-style addressing", description = "Address the bucket in the path "
                + "(http://host/bucket/key), as most S3-compatible servers want, rather than as a host name")
        boolean pathStyle() default false;

        @AttributeDefinition(name = "Create bucket", description = "Create the bucket if it does not exist")
        boolean createBucket() default false;

        @AttributeDefinition(name = "Part size (MiB)", min = "5", max = "5120", description = "Blobs larger than "
                + "this are uploaded in parts of this size; each put holds at most one part in memory")
        int partSizeMiB() default 8;

        @AttributeDefinition(name = "Access key", required = false, description = "Access key id; empty: "
                + "accessKey.env, or else the AWS SDK's default credentials chain")
        String accessKey() default "";

        @AttributeDefinition(name = "Access key variable", required = false,
                description = "Name of an environment variable holding the access key id")
        String accessKey_env() default "";

        @AttributeDefinition(name = "Secret key", required = false, type = AttributeType.PASSWORD,
                description = "Secret access key (the leading dot keeps it out of the service properties); "
                        + "prefer secretKey.env or secretKey.file")
        String _secretKey() default "";

        @AttributeDefinition(name = "Secret key variable", required = false,
                description = "Name of an environment variable holding the secret key")
        String secretKey_env() default "";

        @AttributeDefinition(name = "Secret key file", required = false, description = "File holding the secret "
                + "key; it must not be readable by everyone")
        String secretKey_file() default "";

        @AttributeDefinition(name = "Connect timeout (s)", min = "1")
        int connectTimeoutSeconds() default 10;

        @AttributeDefinition(name = "Socket timeout (s)", min = "1",
                description = "Longest wait for data on an open connection")
        int socketTimeoutSeconds() default 60;
    }

    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    private static final Duration STALE_UPLOAD_AGE = Duration.ofDays(1);

    private final S3Client s3;
    private final AwsCredentialsProvider credentials;
    private final BlobBucket bucket;
    private final BlobUpload upload;
    private final Thread housekeeping;

    @Activate
    public S3BlobStore(Config config) {
        this(S3Settings.of(config), Credentials.of(config, System::getenv), true);
    }

    S3BlobStore(S3Settings settings, AwsCredentialsProvider credentials, boolean housekeeping) {
        this(settings, credentials, housekeeping, BlobBucket.MAX_SINGLE_COPY, BlobBucket.COPY_PART);
    }

    S3BlobStore(S3Settings settings, AwsCredentialsProvider credentials, boolean housekeeping, long maxSingleCopy,
            long copyPart) {
        this.credentials = credentials;
        this.s3 = S3Clients.create(settings, credentials);
        this.bucket = new BlobBucket(s3, settings, maxSingleCopy, copyPart);
        this.upload = new BlobUpload(bucket, settings.partSize());
        // Off the activating thread: S3 may be slow or down, and the store works without it.
        this.housekeeping = housekeeping ? startHousekeeping(settings) : null;
        LOG.info("S3 blob store in {}", settings.location());
    }

    @Deactivate
    void close() {
        if (housekeeping != null) {
            housekeeping.interrupt();
        }
        s3.close();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing the credentials provider failed", e);
            }
        }
    }

    @Override
    public BlobHash put(InputStream content) throws IOException {
        return upload.put(content);
    }

    @Override
    public InputStream get(BlobHash hash) {
        return get(hash, 0, -1);
    }

    @Override
    public InputStream get(BlobHash hash, long offset, long length) {
        if (offset < 0 || length < -1) {
            throw new IllegalArgumentException("a range needs offset >= 0 and length >= -1, not " + offset + ", " + length);
        }
        if (length == 0) {
            size(hash);
            return InputStream.nullInputStream();
        }
        boolean toEnd = length < 0 || length > Long.MAX_VALUE - offset;
        String range = offset == 0 && toEnd ? null : "bytes=" + offset + "-" + (toEnd ? "" : offset + length - 1);
        ResponseInputStream<GetObjectResponse> body = bucket.open(hash, range);
        if (body == null) {
            return InputStream.nullInputStream(); // the range starts past the end
        }
        if (range != null && body.response().contentRange() == null) {
            return skipTo(body, offset, toEnd ? -1 : length); // the server ignored the range
        }
        return new ObjectStream(body, -1);
    }

    @Override
    public boolean exists(BlobHash hash) {
        return bucket.size(hash) >= 0;
    }

    @Override
    public long size(BlobHash hash) {
        long size = bucket.size(hash);
        if (size < 0) {
            throw new BlobNotFoundException(hash);
        }
        return size;
    }

    @Override
    public boolean delete(BlobHash hash) {
        return bucket.delete(hash);
    }

    @Override
    public List<BlobHash> list(BlobHash after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        return bucket.list(after, limit);
    }

    private Thread startHousekeeping(S3Settings settings) {
        Thread thread = new Thread(() -> {
            try {
                bucket.ensureBucket();
                bucket.removeStaleUploads(Instant.now().minus(STALE_UPLOAD_AGE));
            } catch (RuntimeException e) {
                LOG.warn("S3 blob store in {} is not ready yet: {}", settings.location(), e.getMessage());
            }
        }, "hermod-blob-s3-housekeeping");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static InputStream skipTo(InputStream body, long offset, long length) {
        ObjectStream in = new ObjectStream(body, -1);
        try {
            in.skipNBytes(offset);
        } catch (EOFException e) {
            return InputStream.nullInputStream();
        } catch (IOException e) {
            throw new TemporaryFailureException("S3 failed while skipping to the range asked for: " + e.getMessage(), e);
        }
        return new ObjectStream(in, length);
    }
}
