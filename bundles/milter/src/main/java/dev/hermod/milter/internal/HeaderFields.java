package dev.hermod.milter.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header of a message as a milter receives it: one {@link Field} per header field, in order.
 *
 * <p>Read from the message's start up to the blank line that ends the header, which is consumed too, so the
 * stream is left at the body's first byte. By milter convention a field's value is sent as it is in the
 * message without the white space after the colon; a folded field keeps its line breaks, as bare LF (as
 * Sendmail and Postfix pass them), each followed by the continuation line's white space. Bytes are kept as
 * they are (ISO-8859-1 maps each byte to one char), so 8-bit and UTF-8 values go out unchanged. A line
 * without a colon that is not a continuation is not a field and is left out.
 */
final class HeaderFields {

    /**
     * One header field.
     *
     * @param name  the field name, as in the message
     * @param value the value after the colon and its leading white space; folds as LF plus white space;
     *              each char one byte of the message
     */
    record Field(String name, String value) {}

    private HeaderFields() {}

    /**
     * Reads the header.
     *
     * @param in the message from its first byte; left at the body's first byte (or at its end, if the
     *           message has no blank line)
     * @return the fields in order, never {@code null}
     * @throws IOException if reading fails
     */
    static List<Field> read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() > 0) {
                    lines.add(line.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                break;
            }
            if (b == '\n') {
                String text = line.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    break;                                       // the blank line ending the header
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
        return parse(lines);
    }

    private static List<Field> parse(List<String> lines) {
        List<Field> fields = new ArrayList<>();
        String name = null;
        StringBuilder value = null;
        for (String text : lines) {
            if (!text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t')) {
                if (value != null) {
                    value.append('\n').append(text);
                }
                continue;
            }
            if (name != null) {
                fields.add(new Field(name, value.toString()));
                name = null;
                value = null;
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                continue;                                        // not a field; left out
            }
            name = text.substring(0, colon).stripTrailing();     // obs-ftext allows space before the colon
            int start = colon + 1;
            while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
                start++;
            }
            value = new StringBuilder(text.substring(start));
        }
        if (name != null) {
            fields.add(new Field(name, value.toString()));
        }
        return fields;
    }

    /**
     * @param fields the header's fields, not {@code null}
     * @param name   a field name, matched case-insensitively
     * @return how many fields have that name
     */
    static int count(List<Field> fields, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return (int) fields.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(lower)).count();
    }
}
