package dev.hermod.core.internal.mail;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.MessageEnvelope;
import dev.hermod.api.message.MessageSummary;
import dev.hermod.message.MessageParser;
import dev.hermod.message.ParserLimits;
import dev.hermod.message.TextSink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MessageIndexer} over {@link MessageParser}. The parser pulls a stream and so does the blob
 * store, so each message is parsed on a thread of its own, fed through a {@link BytePipe} with the bytes
 * the blob store reads as they pass: one read of the sender's stream, bounded memory, and the parse runs
 * beside the blob write instead of after it. The text parts' decoded text goes, as the parser meets it, to
 * the message's full-text tokens ({@link IndexTokens}). Small messages (most mail) are kept in memory
 * instead and parsed on the caller's thread when the blob is written: handing a few KB to another thread
 * costs more than parsing them. The parser never fails on content; should it fail
 * anyway, the message is still stored, with a minimal summary, and a warning is logged.
 */
final class ParserIndexer implements MessageIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(ParserIndexer.class);

    private final MessageParser parser = new MessageParser();
    private final ParserLimits limits;
    private final int maxTokens;
    private final ExecutorService threads = Executors.newCachedThreadPool(Notifier.daemon("hermod-mail-parser"));

    /**
     * @param limits the parser's bounds; {@code maxIndexedText} is the body text indexed per message
     * @param maxTokens the most full-text tokens kept per message
     */
    ParserIndexer(ParserLimits limits, int maxTokens) {
        this.limits = limits;
        this.maxTokens = maxTokens;
    }

    /** Messages up to this size are parsed on the appending thread, from memory. */
    static final int INLINE_LIMIT = 256 * 1024;

    @Override
    public Sink open() {
        return new InlineFirstSink();
    }

    /** A sink that buffers a small message and parses it at the end, or streams a large one to a parser thread. */
    private final class InlineFirstSink implements Sink {
        private byte[] buffer = new byte[16 * 1024];
        private int count;
        private Sink streaming;

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (streaming == null && count + length > INLINE_LIMIT) {
                streaming = streamingSink();
                streaming.write(buffer, 0, count);
                buffer = null;
            }
            if (streaming != null) {
                streaming.write(bytes, offset, length);
                return;
            }
            if (count + length > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.min(INLINE_LIMIT, Math.max(count + length,
                        buffer.length * 2)));
            }
            System.arraycopy(bytes, offset, buffer, count, length);
            count += length;
        }

        @Override
        public IndexedMessage finish() throws IOException {
            if (streaming != null) {
                return streaming.finish();
            }
            IndexTokens tokens = new IndexTokens(maxTokens);
            TextSink text = (partId, mimeType, decoded) -> tokens.body(decoded);
            MessageSummary summary;
            try {
                summary = parser.parse(new java.io.ByteArrayInputStream(buffer, 0, count), limits,
                        limits.maxIndexedText() > 0 ? text : TextSink.NONE);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Parsing a message of {} octets failed; it is stored with a minimal summary (no envelope,"
                        + " one opaque part): {}", count, e.toString());
                summary = minimal(count);
            }
            return IndexedMessage.of(summary, tokens.tokens(summary));
        }

        @Override
        public void close() {
            if (streaming != null) {
                streaming.close();
            }
        }
    }

    private Sink streamingSink() {
        BytePipe pipe = new BytePipe();
        IndexTokens tokens = new IndexTokens(maxTokens);
        TextSink text = (partId, mimeType, decoded) -> tokens.body(decoded);
        Future<MessageSummary> parsed = threads.submit(() -> {
            try {
                return parser.parse(pipe, limits, limits.maxIndexedText() > 0 ? text : TextSink.NONE);
            } finally {
                pipe.readerDone();
            }
        });
        return new ParsingSink(pipe, parsed, tokens);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** A one-part summary of {@code size} octets with nothing known about them. */
    static MessageSummary minimal(long size) {
        BodyPart body = new BodyPart("1", "text", "plain", Map.of(), null, null, "7bit", 0, -1, null, null, Map.of(),
                List.of(), null, "us-ascii", null, 0, 0, size, List.of(), null);
        return new MessageSummary(size, 0, MessageEnvelope.EMPTY, "", List.of(), true, body, "", false, List.of("1"),
                List.of("1"), List.of());
    }

    private static final class ParsingSink implements Sink {
        private final BytePipe pipe;
        private final Future<MessageSummary> parsed;
        private final IndexTokens tokens;
        private long count;
        private boolean finished;

        ParsingSink(BytePipe pipe, Future<MessageSummary> parsed, IndexTokens tokens) {
            this.pipe = pipe;
            this.parsed = parsed;
            this.tokens = tokens;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            count += length;
            pipe.write(bytes, offset, length);
        }

        @Override
        public IndexedMessage finish() throws IOException {
            finished = true;
            pipe.end();
            MessageSummary summary;
            try {
                summary = parsed.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                parsed.cancel(true);
                throw new InterruptedIOException("interrupted while waiting for the message's parse");
            } catch (ExecutionException e) {
                LOG.warn("Parsing a message of {} octets failed; it is stored with a minimal summary (no envelope,"
                        + " one opaque part): {}", count, e.getCause().toString());
                summary = minimal(count);
            }
            // the parse is over (Future#get): its thread's writes to tokens are visible here
            return IndexedMessage.of(summary, tokens.tokens(summary));
        }

        @Override
        public void close() {
            if (!finished) {
                parsed.cancel(true);
                pipe.readerDone();
            }
        }
    }
}
