package dev.hermod.crypto.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes every bare LF as CRLF, for text that libraries end with the platform's line separator. */
final class CrlfOutputStream extends FilterOutputStream {

    private int previous = -1;

    CrlfOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\n' && previous != '\r') {
            out.write('\r');
        }
        out.write(b);
        previous = b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Flushes, but leaves the underlying stream open. */
    @Override
    public void close() throws IOException {
        out.flush();
    }
}
