package dev.hermod.imap.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Builds response text (RFC 9051 §7, §9): atoms, numbers, strings in the shortest safe form (quoted when
 * possible, a literal otherwise), NIL, and literals of raw octets. Not thread safe.
 */
final class Response {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private final boolean utf8;

    /** @param utf8 whether strings may carry UTF-8 in quoted form (IMAP4rev2 or UTF8=ACCEPT, RFC 6855) */
    Response(boolean utf8) {
        this.utf8 = utf8;
    }

    Response raw(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Response sp() {
        out.write(' ');
        return this;
    }

    Response number(long n) {
        return raw(Long.toString(n));
    }

    /**
     * A header text that was decoded from RFC 2047 encoded words (a display name): as it is for a UTF-8
     * session, else encoded again as one UTF-8 encoded word when it is not ASCII.
     */
    Response headerText(String s) {
        if (s == null || utf8 || s.chars().allMatch(c -> c < 128)) {
            return nstring(s);
        }
        return string("=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))
                + "?=");
    }

    /** A string, NIL when {@code null}. */
    Response nstring(String s) {
        return s == null ? raw("NIL") : string(s);
    }

    /** An astring: an atom when it can be one (not {@code NIL}), else a string. */
    Response astring(String s) {
        boolean atom = !s.isEmpty() && !s.equalsIgnoreCase("NIL");
        for (int i = 0; i < s.length() && atom; i++) {
            char c = s.charAt(i);
            atom = c < 128 && (Arguments.isAtomChar(c) || c == ']');
        }
        return atom ? raw(s) : string(s);
    }

    /** A string: quoted when it can be, else a literal. */
    Response string(String s) {
        if (quotable(s)) {
            out.write('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    out.write('\\');
                }
                if (c < 128) {
                    out.write(c);
                } else {
                    out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
            }
            out.write('"');
            return this;
        }
        return literal(s.getBytes(StandardCharsets.UTF_8));
    }

    private boolean quotable(String s) {
        if (s.length() > 1000) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (c >= 128 && !utf8)) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A literal of raw octets: {@code {n}CRLF} and the octets. */
    Response literal(byte[] bytes) {
        raw("{" + bytes.length + "}\r\n");
        out.writeBytes(bytes);
        return this;
    }

    /** Octets that may hold NUL as a literal8 ({@code ~{n}}, RFC 3516 §4.2), others as a literal. */
    Response literal8(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                raw("~");
                break;
            }
        }
        return literal(bytes);
    }

    /** A parenthesized list of atoms. */
    Response atoms(Collection<String> atoms) {
        out.write('(');
        raw(String.join(" ", atoms));
        out.write(')');
        return this;
    }

    Response crlf() {
        out.write('\r');
        out.write('\n');
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] take() {
        byte[] b = out.toByteArray();
        out.reset();
        return b;
    }
}
