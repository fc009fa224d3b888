package dev.hermod.imap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * Carries an APPEND literal from the event loop, which {@link #offer offers} its octets as they arrive, to
 * the session's thread, which reads them as the message's {@link InputStream} while the store writes them
 * to the blob store. At most {@code capacity} octets wait in between: past that {@link #offer} reports the
 * pipe full, the input stops reading the socket, and the reader calls {@code onDrain} once it has taken
 * half of them, so a large message never sits in memory whole.
 */
final class LiteralPipe extends InputStream {

    private final int capacity;
    private final Runnable onDrain;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private byte[] current;
    private int position;
    private int buffered;
    private boolean finished;
    private IOException failure;
    private boolean drainWanted;

    /**
     * @param capacity octets that may wait before the writer is told to stop
     * @param onDrain called on the reader's thread when a stopped writer may go on
     */
    LiteralPipe(int capacity, Runnable onDrain) {
        this.capacity = capacity;
        this.onDrain = onDrain;
    }

    /**
     * Adds octets.
     *
     * @return {@code false} when the pipe is now full: stop until {@code onDrain} runs
     */
    synchronized boolean offer(byte[] data) {
        if (data.length > 0) {
            chunks.add(data);
            buffered += data.length;
            notifyAll();
        }
        if (buffered >= capacity) {
            drainWanted = true;
            return false;
        }
        return true;
    }

    /** The literal is complete: the reader sees its end once it has read what is buffered. */
    synchronized void finish() {
        finished = true;
        notifyAll();
    }

    /** The literal will not complete (connection lost): the reader gets {@code e}. */
    synchronized void fail(IOException e) {
        failure = e;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        boolean drained;
        int n;
        synchronized (this) {
            while ((current == null || position == current.length) && chunks.isEmpty()) {
                if (failure != null) {
                    throw failure;
                }
                if (finished) {
                    return -1;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading a literal");
                }
            }
            if (current == null || position == current.length) {
                current = chunks.poll();
                position = 0;
            }
            n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            buffered -= n;
            drained = drainWanted && buffered <= capacity / 2;
            if (drained) {
                drainWanted = false;
            }
        }
        if (drained) {
            onDrain.run();
        }
        return n;
    }
}
