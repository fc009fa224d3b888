package dev.hermod.core.internal.mail;

import java.io.IOException;

/**
 * The seam to the message parser: fed the raw bytes as they stream to the blob store (parsed once,
 * while storing, never by reading the blob back), it yields what the store keeps about a message.
 * {@link ParserIndexer} implements it over {@code dev.hermod.message.MessageParser}.
 */
interface MessageIndexer extends AutoCloseable {

    /** @return a sink for one message's bytes */
    Sink open();

    /** Stops the indexer's threads; sinks still open fail. */
    @Override
    void close();

    /** Receives one message's bytes in order; not thread safe. Closing it before {@link #finish} abandons it. */
    interface Sink extends AutoCloseable {

        /**
         * More bytes of the message. Never throws for malformed content.
         *
         * @throws java.io.InterruptedIOException if the calling thread is interrupted while waiting
         */
        void write(byte[] bytes, int offset, int length) throws IOException;

        /**
         * The message is complete: what it says. Never throws for malformed content.
         *
         * @throws java.io.InterruptedIOException if the calling thread is interrupted while waiting
         */
        IndexedMessage finish() throws IOException;

        /** Abandons the message unless it was finished; never throws. */
        @Override
        void close();
    }
}
