package dev.hermod.api.admin;

import dev.hermod.api.mail.TemporaryFailureException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Storage administration over the bound {@code KeyValueStore} and {@code BlobStore} providers: digests to
 * compare stores, and migration of every key or blob from one provider to another while the server runs.
 *
 * <p>Providers are named by their {@code name} service property, as {@code hermod:status} lists them.
 * The core registers one service of this type; the shell, the command line and the web admin share it.
 * Every method blocks for as long as the work takes and is safe to call from several threads, but two
 * migrations between the same pair of providers must not run at once.
 */
@ProviderType
public interface StorageAdmin {

    /** What a provider stores. */
    enum Kind {
        /** A {@code KeyValueStore}: metadata. */
        KEY_VALUE,
        /** A {@code BlobStore}: message bytes. */
        BLOB
    }

    /**
     * The names of the bound providers of one kind, highest ranking first.
     *
     * @param kind the kind of provider
     * @return the names, never {@code null}
     */
    List<String> providers(Kind kind);

    /**
     * Which kind of provider a name refers to.
     *
     * @param name a provider's name
     * @return the kind
     * @throws IllegalArgumentException if no bound provider has that name, or both kinds do
     */
    Kind kindOf(String name);

    /**
     * Reads a whole provider and digests it: for a key-value store every key and value in key order, for
     * a blob store every blob hash in order.
     *
     * @param name the provider's name
     * @param progress told as the scan advances, not {@code null}
     * @return the digest
     * @throws IllegalArgumentException if no bound provider has that name
     * @throws TemporaryFailureException if the provider fails or goes away meanwhile
     */
    StoreDigest digest(String name, MigrationProgress progress);

    /**
     * Digests the provider the core uses now for one kind, as mail traffic would reach it: if none is
     * bound, this waits as long as the core's {@code unavailable.wait} and then fails.
     *
     * @param kind which store
     * @param progress told as the scan advances, not {@code null}
     * @return the digest, named after the provider in use
     * @throws TemporaryFailureException if no provider of that kind is available
     */
    StoreDigest digestInUse(Kind kind, MigrationProgress progress);

    /**
     * Copies everything from one provider to another of the same kind, in batches that stay within the
     * store limits, then digests both and compares them.
     *
     * <p>Key-value stores: each batch makes a key range of the target equal to the same range of the
     * source (keys the source lacks are cleared in the target). Blob stores: each blob missing from the
     * target is streamed across and its hash checked. The position reached is saved after every batch, so
     * a migration that was interrupted resumes where it stopped unless {@code restart} is set. Writes made
     * to the source while the migration runs may be missed; the final comparison then reports a mismatch
     * and a second run copies the rest.
     *
     * @param from the source provider's name
     * @param to the target provider's name, of the same kind
     * @param restart {@code true} to ignore a saved position and start from the beginning
     * @param progress told after every batch, not {@code null}
     * @return what was copied and whether the target now matches the source
     * @throws IllegalArgumentException if a name is unknown, the kinds differ, or {@code from} equals {@code to}
     * @throws TemporaryFailureException if a provider fails or goes away; the saved position allows a resume
     */
    MigrationReport migrate(String from, String to, boolean restart, MigrationProgress progress);
}
