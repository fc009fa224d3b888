package dev.hermod.message.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteArrayBuffer;

/**
 * Splits a structured field such as Content-Type into its value and parameters (mime4j's tokenizer:
 * comments, quoting) and assembles RFC 2231 parameters: {@code name*=charset'lang'%XX},
 * {@code name*0=}, {@code name*1*=}, … Sections are joined in numeric order, only the {@code *}-marked
 * ones percent-decoded, and the octets decoded with the charset of section 0 (UTF-8 or windows-1252 when
 * it is unknown). An RFC 2231 value wins over a plain one of the same name.
 */
final class Parameters {

    /** A field's main value and its parameters, names in lower case, in order of first appearance. */
    record Parsed(String value, Map<String, String> parameters) { }

    private Parameters() {
    }

    static Parsed parse(String fieldValue) {
        byte[] bytes = fieldValue.getBytes(StandardCharsets.UTF_8);
        ByteArrayBuffer buf = new ByteArrayBuffer(bytes, bytes.length, true);
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(buf, new ParserCursor(0, bytes.length));
        return new Parsed(utf8(body.getValue()), assemble(body.getParams()));
    }

    /**
     * mime4j's tokenizer maps each octet to one char; the input was UTF-8, so mapping back recovers it.
     */
    private static String utf8(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                return s;
            }
            if (c > 0x7f) {
                return HeaderReader.decode(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
            }
        }
        return s;
    }

    private record Section(String value, boolean encoded) { }

    private static Map<String, String> assemble(List<NameValuePair> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, Section>> extended = new LinkedHashMap<>();
        for (NameValuePair pair : pairs) {
            String name = pair.getName() == null ? "" : pair.getName().trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            String value = pair.getValue() == null ? "" : utf8(pair.getValue());
            int star = name.indexOf('*');
            if (star <= 0) {
                out.putIfAbsent(name, value);
                continue;
            }
            String base = name.substring(0, star);
            String rest = name.substring(star + 1);
            boolean encoded = rest.endsWith("*") || rest.isEmpty();
            String digits = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
            int index = 0;
            if (!digits.isEmpty()) {
                if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 4) {
                    out.putIfAbsent(name, value);
                    continue;
                }
                index = Integer.parseInt(digits);
            }
            out.putIfAbsent(base, null);
            extended.computeIfAbsent(base, k -> new TreeMap<>()).putIfAbsent(index, new Section(value, encoded));
        }
        for (Map.Entry<String, TreeMap<Integer, Section>> e : extended.entrySet()) {
            out.put(e.getKey(), join(e.getValue()));
        }
        return out;
    }

    /** RFC 2231 §3 and §4: the first section may carry {@code charset'language'}. */
    private static String join(TreeMap<Integer, Section> sections) {
        Charset charset = null;
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        boolean first = true;
        for (Section section : sections.values()) {
            String value = section.value();
            if (first && section.encoded()) {
                int q1 = value.indexOf('\'');
                int q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
                if (q2 > 0) {
                    charset = Charsets.lookup(value.substring(0, q1));
                    value = value.substring(q2 + 1);
                }
            }
            first = false;
            if (section.encoded()) {
                percentDecode(value, octets);
            } else {
                octets.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = octets.toByteArray();
        return charset != null ? Charsets.decode(bytes, charset) : HeaderReader.decode(bytes, 0, bytes.length);
    }

    private static void percentDecode(String value, ByteArrayOutputStream out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && hex(value.charAt(i + 1)) >= 0
                    && hex(value.charAt(i + 2)) >= 0) {
                out.write(hex(value.charAt(i + 1)) << 4 | hex(value.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int cp = value.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
            }
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
