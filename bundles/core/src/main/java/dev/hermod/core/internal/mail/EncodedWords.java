package dev.hermod.core.internal.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decodes RFC 2047 encoded words in unstructured text; a word it cannot decode is left as it is. */
final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");

    private EncodedWords() {
    }

    static String decode(String text) {
        if (text == null || !text.contains("=?")) {
            return text == null ? "" : text;
        }
        // RFC 2047 §6.2: white space between adjacent encoded words is not displayed.
        String joined = BETWEEN_WORDS.matcher(text).replaceAll("$1$2");
        Matcher m = WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(word(m.group(1), m.group(2), m.group(3), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String word(String charsetName, String encoding, String text, String original) {
        try {
            int star = charsetName.indexOf('*'); // RFC 2231 language suffix
            Charset charset = Charset.forName(star < 0 ? charsetName : charsetName.substring(0, star));
            byte[] bytes = encoding.equalsIgnoreCase("b") ? Base64.getMimeDecoder().decode(text) : quoted(text);
            return new String(bytes, charset);
        } catch (RuntimeException e) {
            return original;
        }
    }

    private static byte[] quoted(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] in = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '_') {
                out.write(' ');
            } else if (in[i] == '=' && i + 2 < in.length) {
                out.write(Integer.parseInt(new String(in, i + 1, 2, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT), 16));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }
}
