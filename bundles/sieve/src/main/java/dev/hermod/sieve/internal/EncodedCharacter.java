package dev.hermod.sieve.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes {@code ${hex:...}} and {@code ${unicode:...}} in strings (the "encoded-character" extension, RFC 5228
 * §2.4.2.4). A sequence that does not fit the grammar, or names no Unicode scalar value, stays as written.
 */
final class EncodedCharacter {

    private static final Pattern ENCODED = Pattern.compile(
            "\\$\\{(?i:(hex|unicode)):([\\s0-9A-Fa-f]*)\\}");
    private static final Pattern HEX_PAIR = Pattern.compile("\\s*([0-9A-Fa-f]{1,2})(?=\\s|$)");

    private EncodedCharacter() {
    }

    static String decode(String s) {
        if (!s.contains("${")) {
            return s;
        }
        Matcher m = ENCODED.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1).equalsIgnoreCase("hex") ? hex(m.group(2)) : unicode(m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String hex(String seq) {
        String[] parts = seq.trim().split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String p : parts) {
            if (p.length() > 2) {
                return null;
            }
            bytes.write(Integer.parseInt(p, 16));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String unicode(String seq) {
        String[] parts = seq.trim().split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            String digits = p.replaceFirst("^0+(?=.)", "");
            if (digits.length() > 6) {
                return null;
            }
            int cp = Integer.parseInt(digits, 16);
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return null;
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
