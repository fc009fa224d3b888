package dev.hermod.core.internal.delivery;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.ReversePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The trace fields final delivery prepends (RFC 5321 §4.4): Return-Path, Delivered-To (RFC 9228), Received. */
final class TraceHeaders {

    private TraceHeaders() {
    }

    static byte[] of(ReversePath from, Address recipient, String received) {
        StringBuilder b = new StringBuilder(256)
                .append("Return-Path: ").append(from).append("\r\n")
                .append("Delivered-To: ").append(recipient).append("\r\n");
        if (received != null && !received.isEmpty()) {
            b.append(received);
            if (!received.endsWith("\r\n")) {
                b.append("\r\n");
            }
        }
        // SMTPUTF8 addresses travel as UTF-8 (RFC 6532 §3).
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A Received field alone, with its final CRLF. */
    static byte[] received(String received) {
        return (received.endsWith("\r\n") ? received : received + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The headers, then the body stream; closing it does not close the body. */
    static final class Prepended extends InputStream {
        private final byte[] head;
        private final InputStream body;
        private int pos;

        Prepended(byte[] head, InputStream body) {
            this.head = head;
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            return pos < head.length ? head[pos++] & 0xff : body.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos < head.length) {
                int n = Math.min(len, head.length - pos);
                System.arraycopy(head, pos, b, off, n);
                pos += n;
                return n;
            }
            return body.read(b, off, len);
        }
    }
}
