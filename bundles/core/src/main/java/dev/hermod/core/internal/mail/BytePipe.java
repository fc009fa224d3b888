package dev.hermod.core.internal.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands bytes from one thread to another through a bounded queue of copied chunks: the writer blocks
 * while {@value #CHUNKS} chunks wait, so memory stays bounded whatever the message's size. The reader
 * sees the bytes as an {@link InputStream}. When the reader is done, early or not, later writes are
 * dropped rather than block.
 */
final class BytePipe extends InputStream {

    static final int CHUNKS = 32;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CHUNKS);
    private volatile boolean readerDone;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    // --- writer side ---

    void write(byte[] bytes, int offset, int length) throws InterruptedIOException {
        if (length > 0) {
            put(Arrays.copyOfRange(bytes, offset, offset + length));
        }
    }

    /** No more bytes: the reader sees the end of the stream. */
    void end() throws InterruptedIOException {
        put(END);
    }

    private void put(byte[] chunk) throws InterruptedIOException {
        try {
            while (!readerDone) {
                if (queue.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing a message to its parser");
        }
    }

    /** The reader stops: what was queued is dropped, and later writes return at once. */
    void readerDone() {
        readerDone = true;
        queue.clear();
    }

    // --- reader side ---

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    private boolean fill() throws InterruptedIOException {
        while (position == current.length) {
            if (ended) {
                return false;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("message parsing abandoned");
            }
            position = 0;
            if (current == END) {
                ended = true;
                return false;
            }
        }
        return true;
    }
}
