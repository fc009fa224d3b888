package dev.hermod.api.admin;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives progress of a long storage operation, to show a progress bar with rate and ETA.
 * Called on the thread doing the work; implementations must return quickly.
 */
@ConsumerType
@FunctionalInterface
public interface MigrationProgress {

    /** Ignores progress. */
    MigrationProgress NONE = (phase, done, total, bytes) -> { };

    /**
     * @param phase what is happening, such as {@code "counting"}, {@code "copying"} or {@code "verifying"}
     * @param done entries handled so far in this phase
     * @param total entries expected in this phase, or {@code -1} when not known
     * @param bytes bytes handled so far in this phase
     */
    void update(String phase, long done, long total, long bytes);
}
