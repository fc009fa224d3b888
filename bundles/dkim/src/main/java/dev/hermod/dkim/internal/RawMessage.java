package dev.hermod.dkim.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A message split into its header fields, exactly as received (folding kept), and its body bytes: what DKIM
 * hashes. Lines end with CRLF; a bare LF is taken as a line end too, so that a message read from a file with
 * Unix line ends still splits right, though its signature will then only verify if it was made that way.
 *
 * @param fields the header fields, top first
 * @param body   the bytes after the empty line that ends the header (empty if there is none)
 */
record RawMessage(List<Field> fields, byte[] body) {

    /**
     * One header field.
     *
     * @param name the field name as written
     * @param raw  the whole field, name and colon included, with the CRLFs of its folding but without its final
     *             CRLF; ISO-8859-1 decoded, so that every octet maps to one char and back
     */
    record Field(String name, String raw) {
        /** @return the text after the colon, unfolded, with surrounding white space removed */
        String value() {
            return raw.substring(raw.indexOf(':') + 1).replace("\r\n", "").replace("\n", "").strip();
        }

        boolean is(String other) {
            return name.equalsIgnoreCase(other);
        }
    }

    /**
     * @param message the message's octets
     * @return the split message
     */
    static RawMessage parse(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int n = message.length;
        int pos = 0;
        int fieldStart = -1;
        int fieldEnd = -1;
        int bodyStart = n;
        while (pos < n) {
            int eol = pos;
            while (eol < n && message[eol] != '\n') {
                eol++;
            }
            int lineEnd = eol > pos && message[eol - 1] == '\r' ? eol - 1 : eol;
            int next = eol < n ? eol + 1 : n;
            if (lineEnd == pos) { // the empty line that ends the header
                bodyStart = next;
                break;
            }
            if ((message[pos] == ' ' || message[pos] == '\t') && fieldStart >= 0) {
                fieldEnd = lineEnd; // a folded continuation line
            } else {
                if (fieldStart >= 0) {
                    fields.add(field(message, fieldStart, fieldEnd));
                }
                fieldStart = pos;
                fieldEnd = lineEnd;
            }
            pos = next;
        }
        if (fieldStart >= 0) {
            fields.add(field(message, fieldStart, fieldEnd));
        }
        return new RawMessage(List.copyOf(fields), Arrays.copyOfRange(message, bodyStart, n));
    }

    private static Field field(byte[] m, int start, int end) {
        String raw = new String(m, start, Math.max(0, end - start), StandardCharsets.ISO_8859_1);
        int colon = raw.indexOf(':');
        String name = colon < 0 ? raw.strip() : raw.substring(0, colon).strip();
        return new Field(name, raw);
    }

    /** @return the fields with a name, top first */
    List<Field> all(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return fields.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(lower)).toList();
    }
}
