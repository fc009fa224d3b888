package dev.hermod.smtp.internal;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The DATA body decoder (RFC 5321 §4.5.2): removes the leading dot of stuffed lines and finds the end mark
 * {@code CRLF . CRLF}, wherever reads split it. Only CRLF ends a line: a bare LF or CR is content, so
 * {@code LF . LF} or {@code LF . CRLF} never ends the message (no SMTP smuggling). The CRLF before the final
 * dot belongs to the message. Bytes past the size limit are counted, not written.
 */
final class DotUnstuffer {

    private static final int MID = 0, BOL = 1, DOT = 2, DOT_CR = 3, CR = 4;

    private final OutputStream out;
    private final long maxSize;
    private final byte[] buffer = new byte[8192];
    private int buffered;
    private int state = BOL;
    private long size;

    DotUnstuffer(OutputStream out, long maxSize) {
        this.out = out;
        this.maxSize = maxSize <= 0 ? Long.MAX_VALUE : maxSize;
    }

    /**
     * Consumes bytes up to and including the end mark.
     *
     * @return {@code true} once the end mark was read; the bytes after it stay in {@code in}
     */
    boolean feed(ByteBuf in) throws IOException {
        while (in.isReadable()) {
            byte b = in.readByte();
            switch (state) {
                case BOL -> {
                    if (b == '.') {
                        state = DOT;
                    } else {
                        mid(b);
                    }
                }
                case DOT -> {
                    if (b == '\r') {
                        state = DOT_CR;
                    } else {
                        mid(b);
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        flush();
                        return true;
                    }
                    emit((byte) '\r');
                    mid(b);
                }
                case CR -> {
                    if (b == '\n') {
                        emit((byte) '\r');
                        emit((byte) '\n');
                        state = BOL;
                    } else if (b == '\r') {
                        emit((byte) '\r');
                    } else {
                        emit((byte) '\r');
                        mid(b);
                    }
                }
                default -> mid(b);
            }
        }
        return false;
    }

    private void mid(byte b) throws IOException {
        if (b == '\r') {
            state = CR;
        } else {
            emit(b);
            state = MID;
        }
    }

    private void emit(byte b) throws IOException {
        if (++size > maxSize) {
            return;
        }
        buffer[buffered++] = b;
        if (buffered == buffer.length) {
            flush();
        }
    }

    private void flush() throws IOException {
        out.write(buffer, 0, buffered);
        buffered = 0;
    }

    /** @return the message size after unstuffing, including any octets past the limit */
    long size() {
        return size;
    }

    boolean overLimit() {
        return size > maxSize;
    }
}
