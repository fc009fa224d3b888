package dev.hermod.message.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;

/** Decodes a stream of octets in one charset into a {@link CharSink}, replacing what it cannot decode. */
final class TextDecoder {

    private final CharsetDecoder decoder;
    private final CharSink sink;
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    TextDecoder(Charset charset, CharSink sink) {
        this.decoder = Charsets.decoder(charset);
        this.sink = sink;
    }

    boolean full() {
        return sink.full();
    }

    void write(byte[] b, int off, int len) {
        while (len > 0 && !sink.full()) {
            int n = Math.min(len, pending.remaining());
            pending.put(b, off, n);
            off += n;
            len -= n;
            pending.flip();
            decoder.decode(pending, chars, false);
            pending.compact();
            drain();
        }
    }

    void finish() {
        if (sink.full()) {
            return;
        }
        pending.flip();
        while (decoder.decode(pending, chars, true).isOverflow() && !sink.full()) {
            drain();
        }
        decoder.flush(chars);
        pending.clear();
        drain();
    }

    private void drain() {
        chars.flip();
        while (chars.hasRemaining() && !sink.full()) {
            sink.put(chars.get());
        }
        chars.clear();
    }
}
