package dev.hermod.sieve.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a Sieve script into {@link Token}s (RFC 5228 §2 and §8.1). */
final class Lexer {

    private final String src;
    private int pos;
    private int line = 1;

    private Lexer(String src) {
        this.src = src;
    }

    /**
     * @param source the script
     * @return the tokens, ending with {@link Token.Type#END}
     * @throws SieveException on a lexical error
     */
    static List<Token> tokenize(String source) {
        Lexer lexer = new Lexer(source);
        List<Token> tokens = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (t.type() != Token.Type.END);
        return tokens;
    }

    private Token next() {
        skipWhiteSpaceAndComments();
        if (pos >= src.length()) {
            return new Token(Token.Type.END, "", 0, line);
        }
        char c = src.charAt(pos);
        int start = line;
        switch (c) {
            case '[': pos++; return new Token(Token.Type.LEFT_BRACKET, "[", 0, start);
            case ']': pos++; return new Token(Token.Type.RIGHT_BRACKET, "]", 0, start);
            case '(': pos++; return new Token(Token.Type.LEFT_PAREN, "(", 0, start);
            case ')': pos++; return new Token(Token.Type.RIGHT_PAREN, ")", 0, start);
            case '{': pos++; return new Token(Token.Type.LEFT_BRACE, "{", 0, start);
            case '}': pos++; return new Token(Token.Type.RIGHT_BRACE, "}", 0, start);
            case ',': pos++; return new Token(Token.Type.COMMA, ",", 0, start);
            case ';': pos++; return new Token(Token.Type.SEMICOLON, ";", 0, start);
            case '"': return quoted();
            case ':': {
                pos++;
                String id = identifier();
                if (id.isEmpty()) {
                    throw new SieveException(start, "a tag needs a name after ':'");
                }
                return new Token(Token.Type.TAG, id, 0, start);
            }
            default:
        }
        if (c >= '0' && c <= '9') {
            return number();
        }
        if (isIdentifierStart(c)) {
            String id = identifier();
            if (id.equals("text") && pos < src.length() && src.charAt(pos) == ':') {
                pos++;
                return multiLine(start);
            }
            return new Token(Token.Type.IDENTIFIER, id, 0, start);
        }
        throw new SieveException(line, "unexpected character '" + c + "'");
    }

    private void skipWhiteSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '*') {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new SieveException(line, "unterminated /* comment");
                }
                countLines(pos, end);
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
    }

    private static boolean isIdentifierStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private String identifier() {
        int start = pos;
        if (pos < src.length() && isIdentifierStart(src.charAt(pos))) {
            pos++;
            while (pos < src.length() && (isIdentifierStart(src.charAt(pos))
                    || Character.isDigit(src.charAt(pos)) && src.charAt(pos) < 128)) {
                pos++;
            }
        }
        return src.substring(start, pos).toLowerCase(Locale.ROOT);
    }

    private Token number() {
        int start = pos;
        while (pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '9') {
            pos++;
        }
        long value;
        try {
            value = Long.parseLong(src.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new SieveException(line, "number too large: " + src.substring(start, pos));
        }
        if (pos < src.length()) {
            // QUANTIFIER = "K" / "M" / "G" (RFC 5228 §8.1), powers of 1024
            int shift = switch (Character.toUpperCase(src.charAt(pos))) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                default -> 0;
            };
            if (shift > 0) {
                pos++;
                if (value > (Long.MAX_VALUE >> shift)) {
                    throw new SieveException(line, "number too large");
                }
                value <<= shift;
            }
        }
        return new Token(Token.Type.NUMBER, Long.toString(value), value, line);
    }

    private Token quoted() {
        int start = line;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new SieveException(start, "unterminated string");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (pos >= src.length()) {
                    throw new SieveException(start, "unterminated string");
                }
                // an undefined escape is read as if there were no backslash (RFC 5228 §2.4.2)
                c = src.charAt(pos++);
            }
            if (c == '\n') {
                line++;
            }
            sb.append(c);
        }
        return new Token(Token.Type.STRING, normalizeLineEnds(sb.toString()), 0, start);
    }

    private static String normalizeLineEnds(String s) {
        return s.indexOf('\n') < 0 ? s : s.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** multi-line = "text:" *(SP / HTAB) (hash-comment / CRLF) *(multiline-literal / multiline-dotstart) "." CRLF */
    private Token multiLine(int start) {
        while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
            pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '#') {
            while (pos < src.length() && src.charAt(pos) != '\n') {
                pos++;
            }
        }
        if (pos < src.length() && src.charAt(pos) == '\r') {
            pos++;
        }
        if (pos >= src.length() || src.charAt(pos) != '\n') {
            throw new SieveException(line, "text: must be followed by a line break");
        }
        pos++;
        line++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new SieveException(start, "text: without a final '.' line");
            }
            int eol = src.indexOf('\n', pos);
            int end = eol < 0 ? src.length() : eol;
            String l = src.substring(pos, end);
            if (l.endsWith("\r")) {
                l = l.substring(0, l.length() - 1);
            }
            pos = eol < 0 ? src.length() : eol + 1;
            line++;
            if (l.equals(".")) {
                break;
            }
            if (l.startsWith("..")) {
                l = l.substring(1);
            }
            sb.append(l).append("\r\n");
        }
        return new Token(Token.Type.STRING, sb.toString(), 0, start);
    }
}
