/**
 * The S3 blob store ({@code name=s3}, ranking 100, PID {@code blob.s3}, started only once configured):
 * blob {@code <sha256>} is the object {@code <prefix><sha256>} in one bucket, which several Hermod nodes
 * may share.
 *
 * <p>Put: content up to one part (8 MiB by default) is read into memory while hashed and stored with one PUT
 * under its name, unless it is there already; larger content streams as a multipart upload to
 * {@code <prefix>tmp/<uuid>} part by part, hashed on the way, then a server-side copy (a multipart copy
 * above 5 GiB) gives it its name and the temporary object is deleted. A name thus only ever holds complete
 * content, written durably by S3 before the call returns. At most one part per put is in memory. Listing uses
 * ListObjectsV2 with {@code StartAfter} and the {@code /} delimiter, so {@code tmp/} never shows. Uploads
 * that a crash left in {@code tmp/} are removed at start once older than a day (an S3 lifecycle rule that
 * aborts incomplete multipart uploads does the same on AWS).
 *
 * <p>Range reads send an HTTP {@code Range}; a range starting past the end (HTTP 416) reads as empty. A missing
 * object is a {@link dev.hermod.api.blob.BlobNotFoundException}; every other S3 or network failure is a
 * {@link dev.hermod.api.mail.TemporaryFailureException} naming the bucket, the key and the endpoint.
 *
 * <p>The AWS SDK v2 is embedded in the bundle (it is not an OSGi bundle) and talks through the JDK's
 * {@code HttpURLConnection}, named explicitly, so nothing is discovered through {@code ServiceLoader}; SDK
 * calls run with this bundle's class loader as context class loader. Flexible checksums are computed and
 * validated only where S3 requires them, which S3-compatible servers accept.
 *
 * <p>Credentials: {@code accessKey} / {@code .secretKey} in the configuration (the leading dot keeps the secret
 * out of the service properties), or environment variables named by {@code accessKey.env} /
 * {@code secretKey.env}, or a file named by {@code secretKey.file} that only its owner may read; with none of
 * these, the SDK's default chain (AWS environment variables, profile, container or instance role).
 */
package dev.hermod.blob.s3.internal;
