package dev.hermod.managesieve.internal;

import java.nio.charset.StandardCharsets;

/**
 * The server's side of RFC 5804 §4's strings and responses: a string goes quoted when it may
 * ({@code quoted} is at most 1024 octets of UTF-8 without CR, LF or NUL, with {@code "} and {@code \}
 * escaped), otherwise as a literal {@code {n}CRLF} followed by its octets ({@code literal-s2c}).
 */
final class Wire {

    /** RFC 5804 §4: {@code quoted = DQUOTE *1024QUOTED-CHAR DQUOTE}. */
    static final int MAX_QUOTED = 1024;

    private Wire() {
    }

    /**
     * @param text any text
     * @return the text as a ManageSieve string: quoted, or a literal when it cannot be quoted
     */
    static String string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_QUOTED && text.indexOf('\r') < 0 && text.indexOf('\n') < 0
                && text.indexOf('\0') < 0) {
            StringBuilder b = new StringBuilder(text.length() + 2).append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
            return b.append('"').toString();
        }
        return "{" + utf8.length + "}\r\n" + text;
    }

    /**
     * A complete response line (RFC 5804 §4, {@code response-oknobye}), without its CRLF.
     *
     * @param kind {@code OK}, {@code NO} or {@code BYE}
     * @param code the response code without parentheses, or {@code null}
     * @param text the human-readable text, or {@code null}
     * @return the line
     */
    static String response(String kind, String code, String text) {
        StringBuilder b = new StringBuilder(kind);
        if (code != null) {
            b.append(" (").append(code).append(')');
        }
        if (text != null) {
            b.append(' ').append(string(text));
        }
        return b.toString();
    }

    /**
     * Replaces control characters, so that a client's text can be quoted in a message.
     *
     * @param text text from the client
     * @return the text with controls as {@code ?}, cut at 100 characters
     */
    static String printable(String text) {
        String cut = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
