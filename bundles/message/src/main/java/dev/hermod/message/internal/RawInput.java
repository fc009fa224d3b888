package dev.hermod.message.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * The raw message as a buffered byte source that knows its absolute position, how many line feeds it has
 * consumed and the last byte consumed, and that can look ahead a bounded distance without consuming.
 */
final class RawInput {

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;
    private long base;
    private boolean eof;
    private long lineFeeds;
    private int last = -1;

    RawInput(InputStream in, int capacity) {
        this.in = in;
        this.buf = new byte[capacity];
    }

    /** Absolute offset of the next byte. */
    long position() {
        return base + pos;
    }

    /** Line feeds consumed so far. */
    long lineFeeds() {
        return lineFeeds;
    }

    /** The last byte consumed, or -1 before the first. */
    int lastByte() {
        return last;
    }

    int capacity() {
        return buf.length;
    }

    /**
     * Buffers up to {@code n} bytes from the current position.
     *
     * @return the bytes now available from the current position: at least {@code min(n, capacity)} unless
     *         the input ends first
     */
    int fill(int n) throws IOException {
        while (lim - pos < n && !eof) {
            if (lim == buf.length) {
                if (pos == 0) {
                    break;
                }
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                base += pos;
                lim -= pos;
                pos = 0;
            }
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return lim - pos;
    }

    /** The byte {@code ahead} positions past the current one; the caller has {@link #fill filled} that far. */
    int peek(int ahead) {
        return buf[pos + ahead] & 0xff;
    }

    /** Compares buffered bytes at {@code ahead} with {@code pattern}; the caller has filled that far. */
    boolean matches(int ahead, byte[] pattern) {
        int p = pos + ahead;
        for (int i = 0; i < pattern.length; i++) {
            if (buf[p + i] != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Counts the buffered bytes from the current position, at most {@code max}, before the first CR or LF.
     */
    int plainRun(int max) {
        int end = pos + Math.min(max, lim - pos);
        int p = pos;
        while (p < end) {
            byte b = buf[p];
            if (b == '\n' || b == '\r') {
                break;
            }
            p++;
        }
        return p - pos;
    }

    /** Copies {@code n} buffered bytes to {@code dst} (when not null) and consumes them. */
    void take(byte[] dst, int off, int n) {
        if (n <= 0) {
            return;
        }
        if (dst != null) {
            System.arraycopy(buf, pos, dst, off, n);
        }
        for (int i = pos, end = pos + n; i < end; i++) {
            if (buf[i] == '\n') {
                lineFeeds++;
            }
        }
        pos += n;
        last = buf[pos - 1] & 0xff;
    }
}
