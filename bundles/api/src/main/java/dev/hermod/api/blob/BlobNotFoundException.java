package dev.hermod.api.blob;

import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.PermanentFailureException;
import java.util.Objects;

/**
 * No blob with the requested hash is stored.
 *
 * <p>When the core meets it for a blob its metadata refers to, the metadata store and the blob store have
 * diverged: typically the configured blob store is not the one the messages were written to, or blobs were
 * removed by hand. Protocols answer IMAP {@code NO [SERVERBUG]} / JMAP {@code serverFail} for such a
 * message and leave the other messages readable.
 */
public class BlobNotFoundException extends PermanentFailureException {

    private static final long serialVersionUID = 1L;

    private final transient BlobHash hash;

    /**
     * @param hash the missing blob's hash, not {@code null}
     */
    public BlobNotFoundException(BlobHash hash) {
        super("blob " + Objects.requireNonNull(hash, "hash") + " is not in the blob store; check that the "
                + "blob store configured is the one the messages were stored in");
        this.hash = hash;
    }

    /** @return the missing blob's hash; {@code null} only after Java deserialization */
    public BlobHash hash() {
        return hash;
    }
}
