package dev.hermod.core.internal.queue;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the octets read through it and notes whether any is above 127 (8-bit content, RFC 6152). */
final class ScanningInputStream extends FilterInputStream {

    private long count;
    private boolean eightBit;

    ScanningInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count++;
            eightBit |= b > 127;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        for (int i = 0; i < n && !eightBit; i++) {
            eightBit = b[off + i] < 0;
        }
        count += Math.max(0, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped octets would go unscanned: read them instead.
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(0, n))];
        int read = buffer.length == 0 ? 0 : read(buffer, 0, buffer.length);
        return Math.max(0, read);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long count() {
        return count;
    }

    boolean eightBit() {
        return eightBit;
    }
}
