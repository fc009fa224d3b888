package dev.hermod.api.blob;

import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.TemporaryFailureException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A content-addressed store of immutable blobs, named by the SHA-256 of their content.
 *
 * <h2>Guarantees a provider gives</h2>
 * <ul>
 *   <li><b>Content addressing.</b> A blob's name is the SHA-256 of its bytes, computed by the provider while
 *       it streams them in; storing the same content again stores nothing new and returns the same hash.</li>
 *   <li><b>Durability.</b> When {@link #put(InputStream)} returns, the blob survives a crash or power loss
 *       (files and their directory entries are fsync'ed; an S3 upload has completed).</li>
 *   <li><b>Atomicity.</b> Readers never see a partial blob: a blob is absent or complete (write to a
 *       temporary name, then rename).</li>
 *   <li><b>Concurrency.</b> Any number of threads, and of Hermod nodes sharing the store, may put the same
 *       content at once; all succeed with the same hash. A {@code put} that has returned guarantees the
 *       blob exists until the next {@link #delete(BlobHash)} of that hash; the core, which counts
 *       references, never deletes a blob that a concurrent {@code put} is about to use.</li>
 *   <li><b>Streaming.</b> Neither {@code put} nor {@code get} holds a whole blob in memory; blobs of
 *       hundreds of megabytes are normal.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * A missing blob is a {@link BlobNotFoundException}. An unreachable backend, a full disk or any other
 * failure of the store itself is a {@link TemporaryFailureException}, so that SMTP answers {@code 4xx} and
 * nothing is lost. {@link IOException} is reserved for failures reading the caller's stream (in
 * {@code put}) or of the returned stream (in {@code get}).
 *
 * <h2>Service properties</h2>
 * <ul>
 *   <li>{@value #NAME} (String, required) — the provider instance's name, e.g. {@code fs} or
 *       {@code s3-eu}; the admin picks one with a target filter such as {@code blob.target = (name=s3-eu)};</li>
 *   <li>{@code service.ranking} — which store the core binds when no target is set.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Implementations are thread safe. Every method may block on I/O; callers must not invoke them on a network
 * event loop. Returned streams are used by one thread at a time.
 */
@ConsumerType
public interface BlobStore {

    /** Service property naming this store, for target filters such as {@code (name=s3-eu)}. */
    String NAME = "name";

    /**
     * Stores the bytes of a stream, reading it to its end, and returns their hash. Idempotent: storing
     * content that is already present only returns its hash.
     *
     * @param content the bytes to store, not {@code null}; read to the end but not closed (the caller closes
     *                it)
     * @return the SHA-256 of the content, never {@code null}
     * @throws IOException               if reading {@code content} fails; nothing is stored
     * @throws TemporaryFailureException if the store cannot take the blob now (backend unreachable, disk
     *                                   full); nothing is stored
     */
    BlobHash put(InputStream content) throws IOException;

    /**
     * Stores bytes held in memory; see {@link #put(InputStream)}.
     *
     * @param content the bytes, not {@code null}; not retained
     * @return the SHA-256 of the content, never {@code null}
     * @throws TemporaryFailureException if the store cannot take the blob now
     */
    default BlobHash put(byte[] content) {
        try {
            return put(new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream cannot fail", e);
        }
    }

    /**
     * Opens a blob for reading from its start.
     *
     * @param hash the blob's hash, not {@code null}
     * @return a new stream over the whole blob, never {@code null}; the caller must close it. Reading it
     *         throws {@link IOException} if the backend fails midway
     * @throws BlobNotFoundException     if no blob has that hash
     * @throws TemporaryFailureException if the store is unreachable
     */
    InputStream get(BlobHash hash);

    /**
     * Opens part of a blob, e.g. for an IMAP partial {@code FETCH} or an HTTP range request. The range is
     * clipped to the blob: a range past the end yields an empty stream, a length past the end yields the
     * bytes up to the end.
     *
     * @param hash   the blob's hash, not {@code null}
     * @param offset the first byte to read, from 0
     * @param length how many bytes to read at most, or {@code -1} for all bytes to the end
     * @return a new stream over the range, never {@code null}; the caller must close it
     * @throws IllegalArgumentException  if {@code offset} is negative or {@code length} is less than -1
     * @throws BlobNotFoundException     if no blob has that hash
     * @throws TemporaryFailureException if the store is unreachable
     */
    InputStream get(BlobHash hash, long offset, long length);

    /**
     * Whether a blob is stored.
     *
     * @param hash the blob's hash, not {@code null}
     * @return {@code true} if a complete blob with that hash is stored
     * @throws TemporaryFailureException if the store is unreachable
     */
    boolean exists(BlobHash hash);

    /**
     * The size of a blob.
     *
     * @param hash the blob's hash, not {@code null}
     * @return its length in bytes
     * @throws BlobNotFoundException     if no blob has that hash
     * @throws TemporaryFailureException if the store is unreachable
     */
    long size(BlobHash hash);

    /**
     * Deletes a blob. Only the core calls it, once no message or upload refers to the blob; streams already
     * open on it may fail or may read to the end, as the backend allows.
     *
     * @param hash the blob's hash, not {@code null}
     * @return {@code true} if the blob existed and was deleted, {@code false} if it did not exist
     * @throws TemporaryFailureException if the store is unreachable; the blob may or may not be deleted
     */
    boolean delete(BlobHash hash);

    /**
     * Lists stored blobs in ascending order of their hash's hex form, one page at a time, for migration,
     * backup and garbage collection:
     * <pre>{@code
     * BlobHash after = null;
     * for (List<BlobHash> page; !(page = store.list(after, 1000)).isEmpty(); after = page.get(page.size() - 1)) {
     *     ...
     * }
     * }</pre>
     * A blob put or deleted while the listing runs may or may not appear. Blobs still being written
     * (temporary files, unfinished multipart uploads) never appear.
     *
     * @param after the hash to start after (exclusive), or {@code null} to start at the beginning
     * @param limit the most hashes to return, at least 1
     * @return the next hashes in ascending order, empty when there are no more; never {@code null}
     * @throws IllegalArgumentException  if {@code limit} is less than 1
     * @throws dev.hermod.api.mail.TemporaryFailureException if the backend is unavailable
     */
    java.util.List<BlobHash> list(BlobHash after, int limit);
}
