package dev.hermod.managesieve.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one command's arguments (RFC 5804 §4): atoms, numbers and strings, quoted or literal. The command
 * arrives as parts: its lines (text without CRLF) and, after each line that ends with a literal's
 * announcement, that literal's octets; the command goes on in the line after a literal. Every method
 * throws {@link ManageSieveException} (NO) on a syntax error.
 */
final class Arguments {

    /** A literal's announcement at a line's end: {@code {n+}} or the synchronizing {@code {n}}. */
    static final Pattern LITERAL = Pattern.compile("\\{(\\d{1,10})(\\+?)\\}$");

    private final List<Object> parts;
    private int part;
    private int pos;

    /** @param parts the command's lines ({@link String}) and literals ({@code byte[]}), in order */
    Arguments(List<Object> parts) {
        this.parts = parts;
    }

    private String line() {
        return (String) parts.get(part);
    }

    /** @return whether nothing but the end of the command follows */
    boolean atEnd() {
        return pos >= line().length() && part == parts.size() - 1;
    }

    /** @return whether the next character is a space, which is consumed */
    boolean skipSpace() {
        if (pos < line().length() && line().charAt(pos) == ' ') {
            pos++;
            return true;
        }
        return false;
    }

    /** Reads the single space between arguments. */
    void space() {
        if (!skipSpace()) {
            throw ManageSieveException.no("Expected a space");
        }
    }

    /** The command must end here. */
    void end() {
        if (!atEnd()) {
            throw ManageSieveException.no("Too many arguments");
        }
    }

    /** @return a command name or other atom: the characters up to a space or the line's end */
    String atom() {
        String l = line();
        int start = pos;
        while (pos < l.length() && l.charAt(pos) > ' ' && l.charAt(pos) != '"' && l.charAt(pos) != '{'
                && l.charAt(pos) < 0x7f) {
            pos++;
        }
        if (pos == start) {
            throw ManageSieveException.no("Expected an atom");
        }
        return l.substring(start, pos);
    }

    /** @return a non-negative number ({@code number}, up to 4294967295) */
    long number() {
        String l = line();
        int start = pos;
        while (pos < l.length() && Character.isDigit(l.charAt(pos)) && l.charAt(pos) < 0x80) {
            pos++;
        }
        if (pos == start || pos - start > 10) {
            throw ManageSieveException.no("Expected a number");
        }
        long n = Long.parseLong(l.substring(start, pos));
        if (n > 4294967295L) {
            throw ManageSieveException.no("Number too large");
        }
        return n;
    }

    /** @return whether a string (quoted or literal) begins here */
    boolean atString() {
        return pos < line().length() && (line().charAt(pos) == '"' || line().charAt(pos) == '{');
    }

    /** @return a string, quoted or literal, decoded as UTF-8 */
    String string() {
        String l = line();
        if (pos >= l.length()) {
            throw ManageSieveException.no("Expected a string");
        }
        if (l.charAt(pos) == '"') {
            return quoted(l);
        }
        if (l.charAt(pos) == '{') {
            Matcher m = LITERAL.matcher(l);
            // the announcement ends its line; the literal's octets follow, then the command's next line
            if (!m.find(pos) || m.start() != pos || part + 2 >= parts.size()
                    || !(parts.get(part + 1) instanceof byte[] bytes)) {
                throw ManageSieveException.no("Invalid literal");
            }
            part += 2;
            pos = 0;
            return utf8(bytes);
        }
        throw ManageSieveException.no("Expected a string");
    }

    private String quoted(String l) {
        StringBuilder b = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= l.length()) {
                throw ManageSieveException.no("Unterminated quoted string");
            }
            char c = l.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (pos >= l.length() || (l.charAt(pos) != '"' && l.charAt(pos) != '\\')) {
                    throw ManageSieveException.no("Invalid escape in a quoted string");
                }
                c = l.charAt(pos++);
            }
            b.append(c);
        }
        String s = b.toString();
        if (s.getBytes(StandardCharsets.UTF_8).length > Wire.MAX_QUOTED) {
            throw ManageSieveException.no("Quoted string too long; use a literal");
        }
        return s;
    }

    /** Strict UTF-8 (RFC 5804 §4: strings and scripts are UTF-8). */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ManageSieveException.no("Invalid UTF-8 in a string");
        }
    }
}
