package dev.hermod.dkim.internal;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * DKIM's canonicalization algorithms (RFC 6376 §3.4), for headers and bodies, {@code simple} and
 * {@code relaxed}. Stateless and shared by verification and signing: a signer canonicalizes the same way.
 */
enum Canonicalizer {
    /** §3.4.1 and §3.4.3: headers unchanged, trailing empty body lines removed. */
    SIMPLE,
    /** §3.4.2 and §3.4.4: white space compressed, header names lower-cased. */
    RELAXED;

    /**
     * @param name {@code simple} or {@code relaxed}, any case
     * @return the algorithm
     * @throws IllegalArgumentException for another name
     */
    static Canonicalizer of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "simple" -> SIMPLE;
            case "relaxed" -> RELAXED;
            default -> throw new IllegalArgumentException("unknown canonicalization '" + name + "'");
        };
    }

    /**
     * Canonicalizes one header field, ending it with CRLF.
     *
     * @param raw the whole field as received (name, colon, value, folding CRLFs), without its final CRLF, one
     *            char per octet
     * @return the canonical field with a final CRLF
     */
    String header(String raw) {
        if (this == SIMPLE) {
            return raw + "\r\n";
        }
        int colon = raw.indexOf(':');
        String name = raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        // Unfold, turn every run of WSP into one SP, drop WSP at the end of the value and around the colon.
        String value = raw.substring(colon + 1).replace("\r\n", "").replace("\n", "").replace("\r", "");
        StringBuilder v = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                space = true;
            } else {
                if (space && v.length() > 0) {
                    v.append(' ');
                }
                space = false;
                v.append(c);
            }
        }
        return name + ":" + v + "\r\n";
    }

    /**
     * Canonicalizes a body.
     *
     * @param body the body's octets, CRLF line ends
     * @return the canonical body: for {@code simple} at least CRLF; for {@code relaxed} empty when the body has
     *         no content (RFC 6376 erratum 1384)
     */
    byte[] body(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2);
        int pendingEmptyLines = 0;
        int pos = 0;
        boolean anyLine = false;
        while (pos < body.length) {
            int eol = pos;
            while (eol < body.length && body[eol] != '\n') {
                eol++;
            }
            int end = eol > pos && body[eol - 1] == '\r' ? eol - 1 : eol;
            byte[] line = this == RELAXED ? relaxLine(body, pos, end) : java.util.Arrays.copyOfRange(body, pos, end);
            if (line.length == 0) {
                pendingEmptyLines++;
            } else {
                for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                    out.write('\r');
                    out.write('\n');
                }
                out.writeBytes(line);
                out.write('\r');
                out.write('\n');
                anyLine = true;
            }
            pos = eol + 1;
        }
        if (!anyLine && this == SIMPLE) {
            return new byte[] {'\r', '\n'}; // §3.4.3: an empty body becomes one CRLF
        }
        return out.toByteArray();
    }

    /** §3.4.4: WSP at the line's end removed, inner runs of WSP made one SP. */
    private static byte[] relaxLine(byte[] b, int start, int end) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(end - start);
        boolean space = false;
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (c == ' ' || c == '\t') {
                space = true;
            } else {
                if (space) {
                    line.write(' ');
                }
                space = false;
                line.write(c);
            }
        }
        return line.toByteArray();
    }
}
