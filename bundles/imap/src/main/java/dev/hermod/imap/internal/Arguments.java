package dev.hermod.imap.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over one command's arguments (RFC 9051 §9, formal syntax): the text of its lines with the
 * literals they announced in between. Every read throws {@link ImapException#bad} on a syntax error, so a
 * processor reads its grammar straight through and the client gets BAD for anything malformed.
 */
final class Arguments {

    private final List<Object> parts;
    private int part;
    private int pos;

    /** @param parts the command's line texts ({@link String}) and literals ({@code byte[]}) in order */
    Arguments(List<Object> parts) {
        this.parts = parts;
    }

    static Arguments of(String line) {
        List<Object> parts = new ArrayList<>();
        parts.add(line);
        return new Arguments(parts);
    }

    private String text() {
        return part < parts.size() && parts.get(part) instanceof String s ? s : "";
    }

    /** Whether every argument was read. */
    boolean atEnd() {
        return pos >= text().length() && part >= parts.size() - 1;
    }

    /** Fails unless every argument was read. */
    void end() {
        if (!atEnd()) {
            throw ImapException.bad("Unexpected text after the arguments: " + printable(rest()));
        }
    }

    /** The next character, or {@code 0} at the end (a literal's marker counts as its {@code '{'}). */
    char peek() {
        String t = text();
        return pos < t.length() ? t.charAt(pos) : 0;
    }

    boolean peekIs(char c) {
        return peek() == c;
    }

    /** Reads {@code c} if it is next. */
    boolean skip(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!skip(c)) {
            throw ImapException.bad("Expected '" + c + "'" + (atEnd() ? " but the command ended" : " at "
                    + printable(rest())));
        }
    }

    void space() {
        expect(' ');
    }

    /** Reads an atom (RFC 9051 ATOM-CHAR), plus {@code extra} characters. */
    String atom(String extra) {
        String t = text();
        int start = pos;
        while (pos < t.length() && (isAtomChar(t.charAt(pos)) || extra.indexOf(t.charAt(pos)) >= 0)) {
            pos++;
        }
        if (pos == start) {
            throw ImapException.bad(atEnd() ? "Missing argument" : "Expected an atom at " + printable(rest()));
        }
        return t.substring(start, pos);
    }

    String atom() {
        return atom("");
    }

    static boolean isAtomChar(char c) {
        return c > 0x20 && c != 0x7f && "(){ %*\"\\]".indexOf(c) < 0;
    }

    /** Reads letters, digits and dots: a FETCH item name or section spec ({@code BODY.PEEK}, {@code 1.MIME}). */
    String word() {
        String t = text();
        int start = pos;
        while (pos < t.length() && (Character.isLetterOrDigit(t.charAt(pos)) || t.charAt(pos) == '.'
                || t.charAt(pos) == '-') && t.charAt(pos) < 128) {
            pos++;
        }
        if (pos == start) {
            throw ImapException.bad("Expected a name at " + printable(rest()));
        }
        return t.substring(start, pos);
    }

    /** Reads a number (RFC 9051 number, number64). */
    long number() {
        String t = text();
        int start = pos;
        while (pos < t.length() && Character.isDigit(t.charAt(pos)) && t.charAt(pos) < 128) {
            pos++;
        }
        if (pos == start || pos - start > 19) {
            throw ImapException.bad("Expected a number at " + printable(rest()));
        }
        return Long.parseLong(t.substring(start, pos));
    }

    /** Reads an astring: an atom (with {@code ]}), a quoted string or a literal. */
    String astring() {
        char c = peek();
        if (c == '"' || c == '{' || c == '~') {
            return string();
        }
        return atom("]");
    }

    /** Reads an astring, or {@code NIL} as {@code null}. */
    String nstring() {
        if (peek() != '"' && peek() != '{') {
            String a = atom();
            if (a.equalsIgnoreCase("NIL")) {
                return null;
            }
            throw ImapException.bad("Expected a string or NIL");
        }
        return string();
    }

    /** Reads a quoted string or a literal, as UTF-8. */
    String string() {
        return new String(stringBytes(), StandardCharsets.UTF_8);
    }

    /** Reads a quoted string or a literal (a literal8, {@code ~{n}}, too). */
    byte[] stringBytes() {
        if (peek() == '~') {
            pos++;
            if (peek() != '{') {
                throw ImapException.bad("Expected a literal after '~'");
            }
        }
        if (peek() == '"') {
            pos++;
            String t = text();
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= t.length()) {
                    throw ImapException.bad("Unterminated quoted string");
                }
                char c = t.charAt(pos++);
                if (c == '"') {
                    return b.toString().getBytes(StandardCharsets.UTF_8);
                }
                if (c == '\\') {
                    if (pos >= t.length() || (t.charAt(pos) != '"' && t.charAt(pos) != '\\')) {
                        throw ImapException.bad("Bad escape in a quoted string");
                    }
                    c = t.charAt(pos++);
                }
                b.append(c);
            }
        }
        if (peek() == '{') {
            String t = text();
            int close = t.indexOf('}', pos);
            if (close != t.length() - 1 || part + 1 >= parts.size() || !(parts.get(part + 1) instanceof byte[] bytes)) {
                throw ImapException.bad("Bad literal");
            }
            part += 2;
            pos = 0;
            return bytes;
        }
        throw ImapException.bad(atEnd() ? "Missing argument" : "Expected a string at " + printable(rest()));
    }

    /** Reads a LIST/LSUB pattern: a string or atom characters with {@code % * ]}. */
    String listMailbox() {
        char c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        return atom("%*]");
    }

    /** Reads a parenthesized list of atoms, such as a flag list; with {@code optional} also a lone atom. */
    List<String> atomList(boolean optional) {
        List<String> out = new ArrayList<>();
        if (!skip('(')) {
            if (optional) {
                out.add(atom("\\"));
                return out;
            }
            throw ImapException.bad("Expected '('");
        }
        while (!skip(')')) {
            if (!out.isEmpty()) {
                space();
            }
            out.add(atom("\\"));
        }
        return out;
    }

    /** What is left of the current line, for messages. */
    String rest() {
        String t = text();
        return pos < t.length() ? t.substring(pos) : "";
    }

    static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 60 ? p.substring(0, 60) + "..." : p;
    }
}
