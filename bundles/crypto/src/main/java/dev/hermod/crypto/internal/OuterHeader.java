package dev.hermod.crypto.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/** The clear header of an encrypted message: the original fields a client needs to list it, then the MIME fields. */
final class OuterHeader {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OuterHeader() {
    }

    /**
     * Writes the original's fields whose names are in {@code visible} (lower case), as they were, then
     * {@code MIME-Version} and {@code mimeFields} (each a line without its CRLF), then the blank line.
     */
    static void write(OutputStream out, MessageHead head, Set<String> visible, String... mimeFields)
            throws IOException {
        for (MessageHead.Field f : head.fields()) {
            String name = f.name().toLowerCase(java.util.Locale.ROOT);
            if (visible.contains(name) && !name.equals("mime-version") && !name.startsWith("content-")) {
                out.write(f.raw());
                if (f.raw().length == 0 || f.raw()[f.raw().length - 1] != '\n') {
                    out.write(CRLF);
                }
            }
        }
        line(out, "MIME-Version: 1.0");
        for (String field : mimeFields) {
            line(out, field);
        }
        out.write(CRLF);
    }

    static void line(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
    }

    /** A MIME boundary (RFC 2046 §5.1.1) that cannot occur in base64 or armored text: it contains '_' and '.'. */
    static String boundary() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "=_hermod." + HexFormat.of().formatHex(b);
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
