package dev.hermod.api.admin;

import java.util.Objects;

/**
 * The outcome of {@link StorageAdmin#migrate}.
 *
 * @param copied keys or blobs written to the target by this run
 * @param removed keys cleared from the target because the source lacked them (always 0 for blobs)
 * @param resumed whether this run continued from a saved position
 * @param source the source's digest after the copy
 * @param target the target's digest after the copy
 */
public record MigrationReport(long copied, long removed, boolean resumed, StoreDigest source, StoreDigest target) {

    public MigrationReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    /** @return {@code true} if the target's content equals the source's */
    public boolean verified() {
        return source.sameContent(target);
    }
}
