package dev.hermod.blob.s3.internal;

import dev.hermod.api.blob.BlobNotFoundException;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.TemporaryFailureException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bucket as the blob store uses it: blob {@code <hash>} is the object {@code <prefix><hash>}, uploads in
 * progress are objects and multipart uploads under {@code <prefix>tmp/}. Every call runs with the bundle's
 * class loader and turns S3's failures into {@link TemporaryFailureException}s that say where and what.
 */
final class BlobBucket {

    static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024; // S3's limit for CopyObject
    static final long COPY_PART = 1024L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BlobBucket.class);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final int NOT_FOUND = 404;
    private static final int RANGE_NOT_SATISFIABLE = 416;

    private final S3Client s3;
    private final S3Settings settings;
    private final long maxSingleCopy;
    private final long copyPart;
    private volatile boolean bucketReady;

    BlobBucket(S3Client s3, S3Settings settings) {
        this(s3, settings, MAX_SINGLE_COPY, COPY_PART);
    }

    /** With other copy limits, so that tests can reach the multipart copy of objects over 5 GiB. */
    BlobBucket(S3Client s3, S3Settings settings, long maxSingleCopy, long copyPart) {
        this.s3 = s3;
        this.settings = settings;
        this.maxSingleCopy = maxSingleCopy;
        this.copyPart = copyPart;
    }

    String key(BlobHash hash) {
        return settings.prefix() + hash.hex();
    }

    String temporaryKey() {
        return settings.prefix() + "tmp/" + UUID.randomUUID();
    }

    /** @return the blob's size, or -1 if it is not stored */
    long size(BlobHash hash) {
        String key = key(hash);
        return call("look up", key, () -> {
            try {
                return s3.headObject(b -> b.bucket(settings.bucket()).key(key)).contentLength();
            } catch (S3Exception e) {
                if (e.statusCode() == NOT_FOUND) {
                    return -1L;
                }
                throw e;
            }
        });
    }

    /**
     * @param range an HTTP range such as {@code bytes=10-19}, or {@code null} for the whole object
     * @return the object's body, or {@code null} if the range starts past its end
     * @throws BlobNotFoundException if the blob is not stored
     */
    ResponseInputStream<GetObjectResponse> open(BlobHash hash, String range) {
        String key = key(hash);
        return call("read", key, () -> {
            try {
                return s3.getObject(b -> b.bucket(settings.bucket()).key(key).range(range));
            } catch (S3Exception e) {
                if (e.statusCode() == NOT_FOUND) {
                    throw new BlobNotFoundException(hash);
                }
                if (e.statusCode() == RANGE_NOT_SATISFIABLE) {
                    return null;
                }
                throw e;
            }
        });
    }

    /** @return whether the blob was there; S3's delete does not say, so this looks first */
    boolean delete(BlobHash hash) {
        if (size(hash) < 0) {
            return false;
        }
        String key = key(hash);
        call("delete", key, () -> s3.deleteObject(b -> b.bucket(settings.bucket()).key(key)));
        return true;
    }

    /** Up to {@code limit} blobs above {@code after}; the delimiter keeps {@code tmp/} out of the listing. */
    List<BlobHash> list(BlobHash after, int limit) {
        ensureBucket();
        String prefix = settings.prefix();
        return call("list", prefix, () -> {
            List<BlobHash> hashes = new ArrayList<>();
            String token = null;
            ListObjectsV2Response page;
            do {
                String continuation = token;
                int wanted = Math.min(1000, limit - hashes.size());
                page = s3.listObjectsV2(b -> b.bucket(settings.bucket()).prefix(prefix).delimiter("/")
                        .maxKeys(wanted).continuationToken(continuation)
                        .startAfter(continuation == null && after != null ? prefix + after.hex() : null));
                for (S3Object object : page.contents()) {
                    String name = object.key().substring(prefix.length());
                    if (HASH.matcher(name).matches()) {
                        hashes.add(new BlobHash(name));
                        if (hashes.size() == limit) {
                            return hashes;
                        }
                    }
                }
                token = page.nextContinuationToken();
            } while (Boolean.TRUE.equals(page.isTruncated()) && token != null);
            return hashes;
        });
    }

    /** Stores a blob read whole into one part, unless it is already there. */
    void putIfAbsent(BlobHash hash, PartBuffer content) {
        ensureBucket();
        if (size(hash) >= 0) {
            return;
        }
        String key = key(hash);
        call("store", key, () -> s3.putObject(b -> b.bucket(settings.bucket()).key(key), content.body()));
    }

    String createUpload(String key) {
        ensureBucket();
        return call("start uploading", key,
                () -> s3.createMultipartUpload(b -> b.bucket(settings.bucket()).key(key)).uploadId());
    }

    CompletedPart uploadPart(String key, String uploadId, int number, PartBuffer part) {
        return call("upload part " + number + " of", key, () -> {
            String eTag = s3.uploadPart(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                    .partNumber(number).contentLength((long) part.size()), part.body()).eTag();
            return CompletedPart.builder().partNumber(number).eTag(eTag).build();
        });
    }

    void completeUpload(String key, String uploadId, List<CompletedPart> parts) {
        call("complete the upload of", key, () -> s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key)
                .uploadId(uploadId).multipartUpload(u -> u.parts(parts))));
    }

    /** Best effort: an upload left behind is removed at a later start. */
    void abortUpload(String key, String uploadId) {
        try {
            call("abort the upload of", key, () -> s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key)
                    .uploadId(uploadId)));
        } catch (TemporaryFailureException e) {
            LOG.warn("{}; it is removed at a later start", e.getMessage());
        }
    }

    /** Gives an uploaded temporary object its blob name, unless the blob is there already, and drops it. */
    void publish(String temporaryKey, BlobHash hash, long size) {
        try {
            if (size(hash) < 0) {
                copy(temporaryKey, key(hash), size);
            }
        } finally {
            try {
                call("delete", temporaryKey, () -> s3.deleteObject(b -> b.bucket(settings.bucket()).key(temporaryKey)));
            } catch (TemporaryFailureException e) {
                LOG.warn("{}; it is removed at a later start", e.getMessage());
            }
        }
    }

    /** Creates the bucket if configured to and it is missing; once per store, retried after a failure. */
    void ensureBucket() {
        if (!settings.createBucket() || bucketReady) {
            return;
        }
        synchronized (this) {
            if (bucketReady) {
                return;
            }
            call("create", "", () -> {
                try {
                    s3.headBucket(b -> b.bucket(settings.bucket()));
                } catch (S3Exception e) {
                    if (e.statusCode() != NOT_FOUND) {
                        throw e;
                    }
                    try {
                        s3.createBucket(b -> b.bucket(settings.bucket()));
                        LOG.info("Created the bucket {}", settings.location());
                    } catch (BucketAlreadyOwnedByYouException raced) {
                        // Another node created it first.
                    }
                }
                return null;
            });
            bucketReady = true;
        }
    }

    /** Removes what puts cut short by a crash left under {@code tmp/} before {@code cutoff}. */
    void removeStaleUploads(Instant cutoff) {
        String tmp = settings.prefix() + "tmp/";
        int removed = call("clean", tmp, () -> {
            int count = 0;
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(settings.bucket()).prefix(tmp))
                    .uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(cutoff)) {
                    s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(upload.key()).uploadId(upload.uploadId()));
                    count++;
                }
            }
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(tmp)).contents()) {
                if (object.lastModified() != null && object.lastModified().isBefore(cutoff)) {
                    s3.deleteObject(b -> b.bucket(settings.bucket()).key(object.key()));
                    count++;
                }
            }
            return count;
        });
        if (removed > 0) {
            LOG.info("Removed {} uploads that interrupted puts left in {}tmp/", removed, settings.location());
        }
    }

    private void copy(String from, String to, long size) {
        if (size <= maxSingleCopy) {
            call("copy " + from + " to", to, () -> s3.copyObject(b -> b.sourceBucket(settings.bucket()).sourceKey(from)
                    .destinationBucket(settings.bucket()).destinationKey(to)));
            return;
        }
        String uploadId = createUpload(to);
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += copyPart) {
                int number = parts.size() + 1;
                String range = "bytes=" + start + "-" + (Math.min(size, start + copyPart) - 1);
                String eTag = call("copy " + from + " to", to, () -> s3.uploadPartCopy(b -> b
                        .sourceBucket(settings.bucket()).sourceKey(from).destinationBucket(settings.bucket())
                        .destinationKey(to).uploadId(uploadId).partNumber(number).copySourceRange(range))
                        .copyPartResult().eTag());
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
            completeUpload(to, uploadId, parts);
        } catch (RuntimeException e) {
            abortUpload(to, uploadId);
            throw e;
        }
    }

    private <T> T call(String action, String key, Supplier<T> operation) {
        try {
            return BundleLoader.call(operation);
        } catch (BlobNotFoundException e) {
            throw e;
        } catch (NoSuchBucketException e) {
            throw new TemporaryFailureException("S3 bucket " + settings.bucket() + " does not exist ("
                    + settings.location() + "): create it, or set createBucket=true in PID blob.s3", e);
        } catch (S3Exception e) {
            String what = e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
            String hint = e.statusCode() == 403 ? "; check the access key and secret key (PID blob.s3)" : "";
            throw new TemporaryFailureException("S3 could not " + action + " " + key + " in " + settings.location()
                    + " (HTTP " + e.statusCode() + ", " + what + ")" + hint, e);
        } catch (SdkClientException e) {
            throw new TemporaryFailureException("S3 could not " + action + " " + key + " in " + settings.location()
                    + ": " + e.getMessage() + "; check that the endpoint is reachable", e);
        } catch (SdkException e) {
            throw new TemporaryFailureException("S3 could not " + action + " " + key + " in " + settings.location()
                    + ": " + e.getMessage(), e);
        }
    }
}
