package dev.hermod.outbound.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a message as the content of {@code DATA}: a {@code .} is doubled at the start of every line (RFC 5321
 * §4.5.2), and {@link #finish()} ends the last line with CRLF if it had none and writes the terminating
 * {@code .CRLF}. Line ends are expected as CRLF; a bare LF also counts as a line end for the stuffing, so a dot
 * after it is doubled too. Does not close the stream below.
 */
final class DotStuffingOutputStream extends FilterOutputStream {

    private boolean lineStart = true;
    private int last = -1;
    private long count;

    /** @param out the connection's output */
    DotStuffingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (lineStart && b == '.') {
            out.write('.');
        }
        out.write(b);
        count++;
        lineStart = b == '\n';
        last = b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (lineStart && b[i] == '.') {
                out.write(b, start, i - start);
                out.write('.');
                start = i;
            }
            lineStart = b[i] == '\n';
        }
        out.write(b, start, end - start);
        if (len > 0) {
            last = b[end - 1];
            count += len;
        }
    }

    /**
     * Ends the content: CRLF if the message did not end with a line end, then {@code .CRLF}; flushes.
     *
     * @throws IOException if writing fails
     */
    void finish() throws IOException {
        if (last != '\n' && count > 0) {
            if (last != '\r') {
                out.write('\r');
            }
            out.write('\n');
        }
        out.write(new byte[] {'.', '\r', '\n'});
        out.flush();
    }

    /** @return the octets of content written, before stuffing */
    long count() {
        return count;
    }

    /** Leaves the connection open. */
    @Override
    public void close() {
        // the connection outlives the message
    }
}
