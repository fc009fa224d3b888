package dev.hermod.message.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads one entity's header through the {@link MimeScanner} and hands over its fields one at a time, so
 * memory stays bounded by one field however many fields there are.
 *
 * <p>A field is a line starting with a name and a colon plus the continuation lines that follow it (RFC
 * 5322 §2.2.3). Lines that are neither (no colon, a bad name, a continuation before any field) are skipped,
 * as mime4j's parser does by default. Octets are decoded as UTF-8 (RFC 6532), or as windows-1252 when they
 * are not valid UTF-8.
 */
final class HeaderReader {

    private static final Charset FALLBACK = Charset.forName("windows-1252");

    /** Receives each header field. */
    interface Fields {
        /**
         * @param name   the field name, trimmed
         * @param value  the raw value after the colon, folding kept, without the final line break
         * @param offset the field's offset in the raw message
         * @param length the field's length in octets including its final line break
         * @param cut    {@code true} when the field was longer than the limit and {@code value} is its start
         */
        void field(String name, String value, long offset, int length, boolean cut);
    }

    private final MimeScanner scanner;
    private final RawInput in;
    private final int maxField;
    private final byte[] chunk = new byte[4096];
    private byte[] field = new byte[256];
    private int fieldLength;
    private boolean cut;
    private long fieldOffset = -1;
    private long fieldEnd;

    HeaderReader(MimeScanner scanner, RawInput in, int maxField) {
        this.scanner = scanner;
        this.in = in;
        this.maxField = maxField;
    }

    /**
     * Reads a header from the current position.
     *
     * @return {@code true} when an empty line ended the header and a body follows; {@code false} when a
     *         delimiter or the end of the input ended it
     */
    boolean read(Fields sink) throws IOException {
        fieldOffset = -1;
        scanner.beginRegion();
        for (;;) {
            long lineStart = in.position();
            int n = scanner.read(chunk, 0, chunk.length, true);
            if (n < 0) {
                flush(sink);
                return false;
            }
            if (n == 1 && chunk[0] == '\n' || n == 2 && chunk[0] == '\r' && chunk[1] == '\n') {
                flush(sink);
                return true;
            }
            boolean continuation = chunk[0] == ' ' || chunk[0] == '\t';
            if (!continuation) {
                flush(sink);
                fieldOffset = lineStart;
                fieldLength = 0;
                cut = false;
            }
            boolean keep = fieldOffset >= 0;
            if (keep) {
                append(n);
            }
            while (chunk[n - 1] != '\n') {
                n = scanner.read(chunk, 0, chunk.length, true);
                if (n < 0) {
                    break;
                }
                if (keep) {
                    append(n);
                }
            }
            fieldEnd = in.position();
        }
    }

    private void append(int n) {
        int room = maxField - fieldLength;
        if (n > room) {
            cut = true;
            n = Math.max(room, 0);
        }
        if (fieldLength + n > field.length) {
            byte[] grown = new byte[Math.min(maxField, Math.max(field.length * 2, fieldLength + n))];
            System.arraycopy(field, 0, grown, 0, fieldLength);
            field = grown;
        }
        System.arraycopy(chunk, 0, field, fieldLength, n);
        fieldLength += n;
    }

    private void flush(Fields sink) {
        if (fieldOffset < 0) {
            return;
        }
        long offset = fieldOffset;
        fieldOffset = -1;
        int end = fieldLength;
        if (!cut) {
            if (end > 0 && field[end - 1] == '\n') {
                end--;
            }
            if (end > 0 && field[end - 1] == '\r') {
                end--;
            }
        }
        String text = decode(field, 0, end);
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String name = text.substring(0, colon).stripTrailing();
        if (!validName(name)) {
            return;
        }
        int length = (int) Math.min(Integer.MAX_VALUE, fieldEnd - offset);
        sink.field(name, text.substring(colon + 1), offset, length, cut);
    }

    /** RFC 5322 §3.6.8: a field name is printable US-ASCII other than the colon. */
    private static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126) {
                return false;
            }
        }
        return true;
    }

    static String decode(byte[] bytes, int off, int len) {
        boolean ascii = true;
        for (int i = off; i < off + len; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, len)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, off, len, FALLBACK);
        }
    }
}
