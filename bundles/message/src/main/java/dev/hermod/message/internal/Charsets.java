package dev.hermod.message.internal;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.james.mime4j.util.CharsetUtil;

/** Charset names from messages to decoders that never fail. */
final class Charsets {

    private Charsets() {
    }

    /** The charset a MIME name stands for, or {@code null} when Java does not know it. */
    static Charset lookup(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim();
        if (n.length() > 1 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1).trim();
        }
        return n.isEmpty() ? null : CharsetUtil.lookup(n);
    }

    /**
     * The charset to decode a text body with: the declared one, with US-ASCII widened to UTF-8 (its superset,
     * and what mislabelled 8-bit mail most often is), and UTF-8 for an unknown or missing name.
     */
    static Charset forText(String name) {
        Charset cs = lookup(name);
        if (cs == null || cs.equals(StandardCharsets.US_ASCII)) {
            return StandardCharsets.UTF_8;
        }
        return cs;
    }

    /** A decoder that replaces what it cannot decode. */
    static CharsetDecoder decoder(Charset cs) {
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    static String decode(byte[] bytes, Charset cs) {
        try {
            return decoder(cs).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (Exception e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
