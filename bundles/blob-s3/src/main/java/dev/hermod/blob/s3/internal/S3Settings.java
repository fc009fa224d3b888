package dev.hermod.blob.s3.internal;

import java.net.URI;
import java.time.Duration;

/** The validated configuration of an S3 blob store, credentials aside. */
record S3Settings(URI endpoint, String region, String bucket, String prefix, boolean pathStyle, boolean createBucket,
        int partSize, Duration connectTimeout, Duration socketTimeout) {

    static final int MIN_PART_MIB = 5; // S3's smallest part but the last
    static final int MAX_PART_MIB = 5 * 1024;

    /**
     * @throws IllegalArgumentException naming the key to fix
     */
    static S3Settings of(S3BlobStore.Config config) {
        String endpoint = trim(config.endpoint());
        URI uri = null;
        if (!endpoint.isEmpty()) {
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw invalid("endpoint", endpoint, "a URL such as https://s3.example.com or http://127.0.0.1:9000");
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || !uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
                throw invalid("endpoint", endpoint, "an http or https URL");
            }
        }
        String region = trim(config.region());
        if (region.isEmpty()) {
            throw invalid("region", region, "a region name such as us-east-1");
        }
        String bucket = trim(config.bucket());
        if (bucket.isEmpty()) {
            throw invalid("bucket", bucket, "the name of the bucket to store blobs in");
        }
        int partMiB = config.partSizeMiB();
        if (partMiB < MIN_PART_MIB || partMiB > MAX_PART_MIB) {
            throw invalid("partSizeMiB", String.valueOf(partMiB), "between " + MIN_PART_MIB + " and " + MAX_PART_MIB);
        }
        if (config.connectTimeoutSeconds() < 1 || config.socketTimeoutSeconds() < 1) {
            throw invalid("connectTimeoutSeconds/socketTimeoutSeconds",
                    config.connectTimeoutSeconds() + "/" + config.socketTimeoutSeconds(), "at least 1");
        }
        return new S3Settings(uri, region, bucket, trim(config.prefix()), config.pathStyle(), config.createBucket(),
                partMiB * 1024 * 1024, Duration.ofSeconds(config.connectTimeoutSeconds()),
                Duration.ofSeconds(config.socketTimeoutSeconds()));
    }

    /** @return where blobs go, for messages: {@code s3://bucket/prefix at endpoint} */
    String location() {
        return "s3://" + bucket + "/" + prefix + " at " + (endpoint == null ? "AWS " + region : endpoint);
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException("PID blob.s3, key " + key + ": '" + value + "' is not " + expected);
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
