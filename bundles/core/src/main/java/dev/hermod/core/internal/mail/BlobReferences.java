package dev.hermod.core.internal.mail;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.Transaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference counts of blobs, and their deletion.
 *
 * <p>Two levels: per account, {@code 10 account 05 hash 00} counts the account's messages with those
 * bytes (and guards the account's copy of the parsed summary and its content id); globally, {@code 03 hash} counts the
 * accounts that refer to the blob, and the outbound queue's entries ({@link SharedBlobReferences}). A blob
 * is deleted after the commit that took the global count to zero.
 *
 * <p>Deleting must not race a {@code put} of the same bytes for a new message (the blob store's
 * contract). So the deleter first marks the blob {@code DELETING} under {@code 04 hash} in the
 * transaction that finds the count at zero, deletes, then marks it {@code DELETED}. A writer taking the
 * first reference reads the marker in its transaction (so the two transactions are ordered): while a
 * deletion runs it retries; after one, it checks that the blob still exists (its own {@code put} may
 * have come before the delete) and otherwise fails temporarily, so the sender tries again and nothing
 * is lost. Markers are swept after {@link #MARKER_LIFETIME_MS}. A crash between a commit and the delete
 * leaves an orphan blob with no reference, which a later garbage collection (listing blobs without a
 * count) reclaims.
 */
final class BlobReferences {

    static final long STALE_DELETION_MS = 60_000;
    static final long MARKER_LIFETIME_MS = 600_000;
    private static final int DELETING = 1;
    private static final int DELETED = 2;
    private static final Logger LOG = LoggerFactory.getLogger(BlobReferences.class);

    private BlobReferences() {
    }

    /**
     * Adds a reference from one more message of the account.
     *
     * @param blobs the blob store, asked only when the blob was deleted recently
     * @return whether it is the account's first, so that the caller stores the summary
     * @throws ConflictException while a deletion of the blob is running, to retry
     * @throws TemporaryFailureException if a deletion removed the blob after it was stored
     */
    static boolean take(AccountTxn t, byte[] hash, Supplier<BlobStore> blobs) {
        byte[] key = MailKeys.blobCount(t.account, hash);
        t.txn.add(key, 1);
        if (MailKeys.counterValue(t.txn.get(key)) != 1) {
            return false;
        }
        takeGlobal(t.txn, hash, blobs);
        return true;
    }

    /** Takes a global reference ({@code 03 hash}), as {@link #take} does for an account's first message. */
    static void takeGlobal(Transaction txn, byte[] hash, Supplier<BlobStore> blobs) {
        txn.add(MailKeys.blobRefs(hash), 1);
        byte[] marker = txn.get(MailKeys.blobDeletion(hash));
        if (marker == null) {
            return;
        }
        ByteReader in = new ByteReader(marker);
        int state = in.u8();
        long at = in.varint();
        if (state == DELETING && System.currentTimeMillis() - at < STALE_DELETION_MS) {
            throw new ConflictException("blob " + BlobHash.of(hash) + " is being deleted; retrying");
        }
        if (!blobs.get().exists(BlobHash.of(hash))) {
            throw new TemporaryFailureException("The message's content was deleted by a concurrent expunge while it"
                    + " was being stored; nothing was added, send it again.");
        }
        txn.clear(MailKeys.blobDeletion(hash));
    }

    /**
     * Drops a reference from a message of the account; the last one releases the summary, the content's
     * index entry ({@link FullText#release}) and the blob.
     */
    static void release(AccountTxn t, byte[] hash) {
        byte[] key = MailKeys.blobCount(t.account, hash);
        t.txn.add(key, -1);
        if (MailKeys.counterValue(t.txn.get(key)) > 0) {
            return;
        }
        FullText.release(t, hash);
        byte[] blob = MailKeys.blob(t.account, hash);
        t.txn.clearRange(blob, Keys.strinc(blob));
        t.txn.add(MailKeys.blobRefs(hash), -1);
        t.released.add(BlobHash.of(hash));
    }

    /**
     * Deletes the blobs among the candidates that no account refers to any more. Called after the commit
     * that released them, and after a failed append; failures are logged and leave orphans.
     */
    static void collect(KeyValueStore store, BlobStore blobs, Collection<BlobHash> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        List<BlobHash> doomed = store.write(txn -> {
            List<BlobHash> zero = new ArrayList<>();
            for (BlobHash hash : candidates) {
                byte[] refs = MailKeys.blobRefs(hash.bytes());
                if (MailKeys.counterValue(txn.get(refs)) <= 0) {
                    txn.clear(refs);
                    txn.set(MailKeys.blobDeletion(hash.bytes()), marker(DELETING, now));
                    zero.add(hash);
                }
            }
            return zero;
        });
        if (doomed.isEmpty()) {
            return;
        }
        List<BlobHash> deleted = new ArrayList<>();
        for (BlobHash hash : doomed) {
            try {
                blobs.delete(hash);
                deleted.add(hash);
            } catch (RuntimeException e) {
                LOG.warn("Could not delete blob {}, which no message refers to any more; a later garbage collection"
                        + " removes it: {}", hash, e.toString());
            }
        }
        long done = System.currentTimeMillis();
        store.write(txn -> {
            for (BlobHash hash : deleted) {
                txn.set(MailKeys.blobDeletion(hash.bytes()), marker(DELETED, done));
            }
            return null;
        });
    }

    /** Removes deletion markers older than {@link #MARKER_LIFETIME_MS}, a batch per transaction. */
    static int sweep(KeyValueStore store, long now) {
        int removed = 0;
        byte[] from = MailKeys.blobDeletions();
        byte[] end = Keys.strinc(from);
        while (true) {
            byte[] start = from;
            Object[] batch = store.write(txn -> {
                int n = 0;
                byte[] last = null;
                try (KeyValueIterator it = txn.range(start, end, 1000, false)) {
                    while (it.hasNext()) {
                        KeyValue kv = it.next();
                        last = kv.key();
                        ByteReader in = new ByteReader(kv.value());
                        in.u8();
                        if (now - in.varint() > MARKER_LIFETIME_MS) {
                            txn.clear(kv.key());
                            n++;
                        }
                    }
                }
                return new Object[] {n, last};
            });
            removed += (Integer) batch[0];
            if (batch[1] == null) {
                return removed;
            }
            from = Keys.concat((byte[]) batch[1], new byte[] {0});
        }
    }

    private static byte[] marker(int state, long at) {
        return new ByteWriter(12).u8(state).varint(at).toByteArray();
    }
}
