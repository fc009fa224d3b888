package dev.hermod.milter.internal;

import dev.hermod.api.filter.ContentSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Collects the replacement body a milter sends in {@code SMFIR_REPLBODY} chunks, with line ends made CRLF
 * (a bare LF becomes CRLF), in memory up to {@link #MEMORY_LIMIT} bytes and in a temporary file beyond.
 *
 * <p>{@link #source()} hands the result to the core as a {@link ContentSource}; the temporary file is deleted
 * when the stream opened from it is closed, when {@link #discard()} is called, or, should neither happen,
 * once the source is no longer reachable. Not thread safe while collecting.
 */
final class BodySpool {

    /** Bodies up to this size stay in memory. */
    static final int MEMORY_LIMIT = 1024 * 1024;

    private static final Cleaner CLEANER = Cleaner.create();

    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private boolean lastWasCr;

    /**
     * Appends a chunk.
     *
     * @param chunk the bytes, not {@code null}
     * @throws IOException if the temporary file cannot be written
     */
    void append(byte[] chunk) throws IOException {
        ByteArrayOutputStream normalised = new ByteArrayOutputStream(chunk.length + 16);
        for (byte b : chunk) {
            if (b == '\n' && !lastWasCr) {
                normalised.write('\r');
            }
            normalised.write(b);
            lastWasCr = b == '\r';
        }
        if (fileOut == null && memory.size() + normalised.size() > MEMORY_LIMIT) {
            file = Files.createTempFile("hermod-milter-body-", ".eml");
            fileOut = Files.newOutputStream(file);
            memory.writeTo(fileOut);
            memory = null;
        }
        if (fileOut != null) {
            normalised.writeTo(fileOut);
        } else {
            normalised.writeTo(memory);
        }
    }

    /**
     * Ends collecting and gives the body.
     *
     * @return the source of the new body, never {@code null}
     * @throws IOException if the temporary file cannot be completed
     */
    ContentSource source() throws IOException {
        if (fileOut == null) {
            byte[] bytes = memory.toByteArray();
            return () -> new ByteArrayInputStream(bytes);
        }
        fileOut.close();
        fileOut = null;
        return new FileSource(file);
    }

    /** Drops what was collected (the milter's final answer was not to keep it). */
    void discard() {
        memory = null;
        if (file != null) {
            try {
                if (fileOut != null) {
                    fileOut.close();
                }
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    /** A spooled body in a temporary file, deleted once read or once unreachable. */
    private static final class FileSource implements ContentSource {
        private final Path file;
        private final Cleaner.Cleanable cleanable;

        FileSource(Path file) {
            this.file = file;
            AtomicBoolean done = new AtomicBoolean();
            this.cleanable = CLEANER.register(this, () -> {
                if (done.compareAndSet(false, true)) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }

        @Override
        public InputStream open() throws IOException {
            return new FilterInputStream(Files.newInputStream(file)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        cleanable.clean();
                    }
                }
            };
        }
    }
}
