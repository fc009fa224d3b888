package dev.hermod.blob.s3.internal;

import dev.hermod.api.mail.BlobHash;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One put. The name of a blob is the hash of its content, known only at the end of the stream, so:
 * <ul>
 *   <li>content that fits in one part is read whole, hashed, and stored under its name with one PUT,
 *       unless already there;</li>
 *   <li>larger content streams part by part into a multipart upload to a temporary key,
 *       {@code <prefix>tmp/<uuid>}, while it is hashed; once complete, a server-side copy gives it its name
 *       (skipped if the blob exists) and the temporary object is deleted.</li>
 * </ul>
 * An object appears under a blob's name only complete, and S3 has stored it durably when the PUT, the
 * completion or the copy returns. Concurrent puts of the same content each upload their own temporary
 * object; the names they publish hold the same bytes. If the caller's stream or S3 fails, the multipart upload
 * is aborted.
 */
final class BlobUpload {

    private final BlobBucket bucket;
    private final int partSize;

    BlobUpload(BlobBucket bucket, int partSize) {
        this.bucket = bucket;
        this.partSize = partSize;
    }

    BlobHash put(InputStream content) throws IOException {
        MessageDigest digest = sha256();
        PartBuffer part = new PartBuffer(partSize);
        part.fill(content, digest);
        if (part.ended()) {
            BlobHash hash = BlobHash.of(digest.digest());
            bucket.putIfAbsent(hash, part);
            return hash;
        }
        String key = bucket.temporaryKey();
        String uploadId = bucket.createUpload(key);
        long size = 0;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            while (true) {
                parts.add(bucket.uploadPart(key, uploadId, parts.size() + 1, part));
                size += part.size();
                if (part.ended()) {
                    break;
                }
                part.fill(content, digest);
                if (part.size() == 0) {
                    break;
                }
            }
            bucket.completeUpload(key, uploadId, parts);
        } catch (IOException | RuntimeException e) {
            bucket.abortUpload(key, uploadId);
            throw e;
        }
        BlobHash hash = BlobHash.of(digest.digest());
        bucket.publish(key, hash, size);
        return hash;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
