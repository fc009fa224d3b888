package dev.hermod.core.internal;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.admin.MigrationReport;
import dev.hermod.api.admin.StorageAdmin;
import dev.hermod.api.admin.StoreDigest;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.store.KeyValueStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Digests and migrations between bound storage providers, for {@code hermod:store-migrate} and the
 * command line. Migration positions are saved under {@code <karaf.data>/hermod/migrations}.
 */
@Component(service = StorageAdmin.class)
public final class StorageAdministration implements StorageAdmin {

    private final ProviderRegistry registry;
    private final MigrationCursors cursors;

    @Activate
    public StorageAdministration(@Reference ProviderRegistry registry, BundleContext context) {
        this.registry = registry;
        String data = context.getProperty("karaf.data");
        Path base = data != null ? Path.of(data) : context.getDataFile("").toPath();
        this.cursors = new MigrationCursors(base.resolve("hermod").resolve("migrations"));
    }

    @Override
    public List<String> providers(Kind kind) {
        return kind == Kind.KEY_VALUE ? registry.stores().names() : registry.blobs().names();
    }

    @Override
    public Kind kindOf(String name) {
        boolean kv = registry.stores().named(name).isPresent();
        boolean blob = registry.blobs().named(name).isPresent();
        if (kv && blob) {
            throw new IllegalArgumentException("'" + name + "' names both a KeyValueStore and a BlobStore; rename one (its 'name' property)");
        }
        if (!kv && !blob) {
            throw new IllegalArgumentException("No bound KeyValueStore or BlobStore is named '" + name
                    + "'. Bound: key-value " + providers(Kind.KEY_VALUE) + ", blob " + providers(Kind.BLOB));
        }
        return kv ? Kind.KEY_VALUE : Kind.BLOB;
    }

    @Override
    public StoreDigest digest(String name, MigrationProgress progress) {
        return kindOf(name) == Kind.KEY_VALUE
                ? KeyValueMigration.digest(name, kv(name), progress)
                : BlobMigration.digest(name, blobs(name), progress);
    }

    @Override
    public StoreDigest digestInUse(Kind kind, MigrationProgress progress) {
        if (kind == Kind.KEY_VALUE) {
            KeyValueStore store = registry.store();
            return KeyValueMigration.digest(nameOf(registry.stores(), store), store, progress);
        }
        BlobStore store = registry.blobStore();
        return BlobMigration.digest(nameOf(registry.blobs(), store), store, progress);
    }

    private static <T> String nameOf(ProviderSlot<T> slot, T provider) {
        return slot.status().inUse().map(p -> p.name()).orElse(provider.getClass().getSimpleName());
    }

    @Override
    public MigrationReport migrate(String from, String to, boolean restart, MigrationProgress progress) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("--from and --to name the same provider '" + from + "'");
        }
        Kind kind = kindOf(from);
        if (kindOf(to) != kind) {
            throw new IllegalArgumentException("'" + from + "' and '" + to + "' are not the same kind of store");
        }
        return kind == Kind.KEY_VALUE
                ? new KeyValueMigration(from, kv(from), to, kv(to), cursors).run(restart, progress)
                : new BlobMigration(from, blobs(from), to, blobs(to), cursors).run(restart, progress);
    }

    private KeyValueStore kv(String name) {
        return require(registry.stores().named(name), "KeyValueStore", name);
    }

    private BlobStore blobs(String name) {
        return require(registry.blobs().named(name), "BlobStore", name);
    }

    private static <T> T require(Optional<T> provider, String type, String name) {
        return provider.orElseThrow(() -> new IllegalArgumentException("No bound " + type + " is named '" + name + "'"));
    }
}
