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
 * @param parserLimits what one parse of a message at ingest may spend; {@code maxIndexedText} is the body
 *        text indexed per message
 * @param maxIndexTokens the most full-text tokens indexed per message
 */
record Settings(int changeLogKeep, long pollMillis, long maxMessageSize, int batchSize, boolean serializeLocally,
        ParserLimits parserLimits, int maxIndexTokens) {

    static final int INDEX_TEXT = 256 * 1024;
    static final int INDEX_TOKENS = 3000;

    /** With the default limits of the parser and the index. */
    Settings(int changeLogKeep, long pollMillis, long maxMessageSize, int batchSize, boolean serializeLocally) {
        this(changeLogKeep, pollMillis, maxMessageSize, batchSize, serializeLocally,
                new ParserLimits(ParserLimits.DEFAULTS.maxDepth(), ParserLimits.DEFAULTS.maxHeaderBytes(),
                        ParserLimits.DEFAULTS.maxParts(), INDEX_TEXT), INDEX_TOKENS);
    }

    static Settings defaults() {
        return new Settings(10_000, 1_000, 0, 500, true);
    }
}
