package dev.hermod.shell.internal;

import dev.hermod.api.admin.StorageAdmin;
import dev.hermod.api.admin.StoreDigest;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:store-digest}: counts and checksums everything a storage provider holds. */
@Service
@Command(scope = "hermod", name = "store-digest",
        description = "Reads a whole KeyValueStore or BlobStore provider (by default the one in use) and prints its entry count, size and SHA-256 checksum.")
public final class StoreDigestCommand implements Action {

    @Reference(optional = true)
    StorageAdmin storage;

    @Argument(name = "provider", description = "The provider's name, as hermod:status lists it; default: the one in use")
    String name;

    @Option(name = "--blobs", description = "Without a provider name: digest the BlobStore in use instead of the KeyValueStore in use")
    boolean blobs;

    @Override
    public Object execute() {
        if (storage == null) {
            System.err.println("Hermod core is not running: start dev.hermod.core first.");
            return null;
        }
        ProgressBar bar = new ProgressBar(System.out);
        try {
            StoreDigest digest = name != null ? storage.digest(name, bar)
                    : storage.digestInUse(blobs ? StorageAdmin.Kind.BLOB : StorageAdmin.Kind.KEY_VALUE, bar);
            bar.finish();
            System.out.printf("%s (%s): %d entries, %s, sha256 %s%n", digest.provider(),
                    digest.kind() == StorageAdmin.Kind.BLOB ? "BlobStore" : "KeyValueStore", digest.entries(),
                    ProgressBar.bytes(digest.bytes()), digest.sha256());
        } catch (RuntimeException e) {
            bar.finish();
            System.err.println("store-digest: " + e.getMessage());
        }
        return null;
    }
}
