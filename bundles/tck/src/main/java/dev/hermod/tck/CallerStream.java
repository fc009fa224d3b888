package dev.hermod.tck;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A caller's stream to {@code put}: records whether it was closed, and can fail after some bytes. */
final class CallerStream extends FilterInputStream {

    private final long failAfter;
    private long position;
    private boolean closed;

    private CallerStream(InputStream in, long failAfter) {
        super(in);
        this.failAfter = failAfter;
    }

    static CallerStream of(InputStream in) {
        return new CallerStream(in, Long.MAX_VALUE);
    }

    /** A stream whose read fails with an {@link IOException} once {@code failAfter} bytes have been read. */
    static CallerStream failingAfter(InputStream in, long failAfter) {
        return new CallerStream(in, failAfter);
    }

    boolean closed() {
        return closed;
    }

    @Override
    public int read() throws IOException {
        checkOpen();
        int b = super.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        checkOpen();
        int n = super.read(buffer, offset, (int) Math.min(count, failAfter - position));
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("put should read the caller's stream, not skip it");
    }

    @Override
    public void close() throws IOException {
        closed = true;
        super.close();
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the caller's stream was closed by the store");
        }
        if (position >= failAfter) {
            throw new IOException("simulated failure of the caller's stream after " + position + " bytes");
        }
    }
}
