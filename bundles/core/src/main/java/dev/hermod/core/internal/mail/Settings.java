package dev.hermod.core.internal.mail;

import dev.hermod.message.ParserLimits;

/**
 * The mail store's tunables, from the {@code mailstore} configuration.
 *
 * @param changeLogKeep change-log entries kept per account; older states get {@code cannotCalculateChanges}
 * @param pollMillis how often subscribed accounts' change counters are read, for changes made by other
 *        nodes; 0 turns polling off
 * @param maxMessageSize the largest message accepted, in octets; 0 for no limit
 * @param batchSize messages per transaction in bulk operations
 * @param serializeLocally whether this node queues its own writers of one account on a lock, sparing the
 *        store conflicts it would resolve by retrying
 * @param parserLimits what one parse of a message at ingest may spend
 */
record Settings(int changeLogKeep, long pollMillis, long maxMessageSize, int batchSize, boolean serializeLocally,
        ParserLimits parserLimits) {

    /** With the parser's default limits. */
    Settings(int changeLogKeep, long pollMillis, long maxMessageSize, int batchSize, boolean serializeLocally) {
        this(changeLogKeep, pollMillis, maxMessageSize, batchSize, serializeLocally, ParserLimits.DEFAULTS);
    }

    static Settings defaults() {
        return new Settings(10_000, 1_000, 0, 500, true);
    }
}
