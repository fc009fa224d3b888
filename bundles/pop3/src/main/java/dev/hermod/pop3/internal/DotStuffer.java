package dev.hermod.pop3.internal;

import io.netty.buffer.ByteBuf;

/**
 * Turns a message's octets into the body of a multi-line response (RFC 1939 §3): a line beginning with
 * {@code .} gets another {@code .} in front, a bare LF becomes CRLF, and {@link #finish} ends an unterminated
 * last line and adds the terminating {@code .CRLF}. For TOP it stops after the header, the blank line and
 * the given number of body lines.
 *
 * <p>Fed in chunks, in order; not thread safe.
 */
final class DotStuffer {

    private final long bodyLines;
    private boolean lineStart = true;
    private boolean cr;
    private int lineLength;
    private boolean inHeader = true;
    private long bodyLinesDone;
    private boolean done;

    /** @param bodyLines body lines to send after the header, or {@code -1} for the whole message */
    DotStuffer(long bodyLines) {
        this.bodyLines = bodyLines;
    }

    /** @return whether nothing more is wanted (TOP reached its line count) */
    boolean done() {
        return done;
    }

    /** Appends {@code len} octets of the message from {@code in} at {@code off}, stuffed, to {@code out}. */
    void write(byte[] in, int off, int len, ByteBuf out) {
        for (int i = off; i < off + len && !done; i++) {
            byte b = in[i];
            if (lineStart && b == '.') {
                out.writeByte('.');
            }
            lineStart = false;
            if (b == '\n') {
                if (!cr) {
                    out.writeByte('\r');
                }
                out.writeByte('\n');
                endOfLine();
                continue;
            }
            out.writeByte(b);
            cr = b == '\r';
            if (!cr) {
                lineLength++;
            }
        }
    }

    private void endOfLine() {
        if (inHeader) {
            if (lineLength == 0) {
                inHeader = false;
                done = bodyLines == 0;
            }
        } else if (bodyLines >= 0 && ++bodyLinesDone >= bodyLines) {
            done = true;
        }
        lineStart = true;
        cr = false;
        lineLength = 0;
    }

    /** Ends the response: CRLF after an unterminated last line, then {@code .CRLF}. */
    void finish(ByteBuf out) {
        if (!lineStart) {
            if (!cr) {
                out.writeByte('\r');
            }
            out.writeByte('\n');
        }
        out.writeByte('.').writeByte('\r').writeByte('\n');
    }
}
