package dev.hermod.core.internal.mail;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Transaction;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Global blob references for holders outside the mail store, such as the outbound queue's entries.
 *
 * <p>A holder counts in the same global counter ({@code 03 hash}) as an account, so a blob that a queued
 * message and a mailbox share is deleted only after both let go of it, and the deletion markers that
 * order a deletion against a concurrent {@code put} (see {@link BlobReferences}) protect both alike.
 */
public final class SharedBlobReferences {

    private SharedBlobReferences() {
    }

    /**
     * Takes one reference to a blob that the caller has just put, in the caller's transaction.
     *
     * @param txn   the transaction that records the holder
     * @param hash  the blob's hash
     * @param blobs the blob store, asked only when the blob was deleted recently
     * @throws dev.hermod.api.store.ConflictException while a deletion of the blob runs, to retry
     * @throws dev.hermod.api.mail.TemporaryFailureException if a deletion removed the blob after it was put
     */
    public static void take(Transaction txn, BlobHash hash, Supplier<BlobStore> blobs) {
        BlobReferences.takeGlobal(txn, hash.bytes(), blobs);
    }

    /**
     * Drops one reference in the caller's transaction; after the commit, pass the hash to {@link #collect}.
     *
     * @param txn  the transaction that removes the holder
     * @param hash the blob's hash
     */
    public static void release(Transaction txn, BlobHash hash) {
        txn.add(MailKeys.blobRefs(hash.bytes()), -1);
    }

    /**
     * Deletes those of the blobs that nothing refers to any more; call it after the commit that released
     * them, or after a failed transaction that was to take the first reference to a blob just put.
     * Failures are logged and leave orphans.
     *
     * @param store      the metadata store
     * @param blobs      the blob store
     * @param candidates the blobs released
     */
    public static void collect(KeyValueStore store, BlobStore blobs, Collection<BlobHash> candidates) {
        BlobReferences.collect(store, blobs, candidates);
    }
}
