package dev.hermod.core.internal.mail;

/**
 * The seam to the message parser: fed the raw bytes as they stream to the blob store (parsed once,
 * while storing, never by reading the blob back), it yields what the store keeps about a message.
 *
 * <p>{@link HeaderIndexer} is the minimal, JDK-only implementation used today; the parser of
 * {@code dev.hermod.message} (mime4j) replaces it, with its own summary format byte.
 */
interface MessageIndexer {

    /** @return a sink for one message's bytes */
    Sink open();

    /** Receives one message's bytes in order; not thread safe. */
    interface Sink {

        /** More bytes of the message. Never throws for malformed content. */
        void write(byte[] bytes, int offset, int length);

        /** The message is complete: what it says. Never throws for malformed content. */
        IndexedMessage finish();
    }
}
