package dev.hermod.core.internal.mail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Tees the bytes a blob store reads into an indexer, counting them and stopping at a size limit.
 * Never closes the stream it wraps.
 */
final class IndexingInputStream extends FilterInputStream {

    /** Thrown to abort the blob store's put when the message exceeds the limit. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("message larger than " + limit + " octets");
        }
    }

    private final MessageIndexer.Sink sink;
    private final long limit;
    private long count;

    /** @param limit the most octets accepted, 0 for no limit */
    IndexingInputStream(InputStream in, MessageIndexer.Sink sink, long limit) {
        super(in);
        this.sink = sink;
        this.limit = limit;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
            if (limit > 0 && count > limit) {
                throw new TooLargeException(limit);
            }
            sink.write(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] discard = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(discard, 0, (int) Math.min(discard.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    @Override
    public void close() {
        // the caller closes the message stream
    }
}
