package dev.hermod.migration.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Line-end conversion: bare LF to CRLF on the way in (RFC 5322), CRLF to LF on the way out (Maildir, mbox). */
final class LineEnds {

    private LineEnds() {
    }

    /** @return a stream giving {@code in} with every LF not preceded by CR turned into CRLF */
    static InputStream toCrlf(InputStream in) {
        return new InputStream() {
            private final byte[] buffer = new byte[16384];
            private int position;
            private int length;
            private boolean lastCr;
            private boolean pendingLf;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = 0;
                while (n < len) {
                    if (pendingLf) {
                        b[off + n++] = '\n';
                        pendingLf = false;
                        lastCr = false;
                        continue;
                    }
                    if (position == length) {
                        if (n > 0) {
                            break;
                        }
                        length = in.read(buffer);
                        position = 0;
                        if (length <= 0) {
                            length = 0;
                            return len == 0 ? 0 : -1;
                        }
                    }
                    byte c = buffer[position++];
                    if (c == '\n' && !lastCr) {
                        b[off + n++] = '\r';
                        pendingLf = true;
                        continue;
                    }
                    lastCr = c == '\r';
                    b[off + n++] = c;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** @return a stream writing to {@code out} with every CRLF written as LF; closing it closes {@code out} */
    static OutputStream toLf(OutputStream out) {
        return new FilterOutputStream(out) {
            private boolean cr;

            @Override
            public void write(int b) throws IOException {
                if (cr && b != '\n') {
                    out.write('\r');
                }
                cr = b == '\r';
                if (!cr) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            }

            @Override
            public void close() throws IOException {
                if (cr) {
                    out.write('\r');
                    cr = false;
                }
                out.close();
            }
        };
    }
}
