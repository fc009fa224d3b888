package dev.hermod.sieve.internal;

/**
 * One lexical token of a Sieve script (RFC 5228 §8.1).
 *
 * @param type   what it is
 * @param text   identifiers and tags without the colon in lower case; a string's value (escapes and
 *               dot-stuffing removed); a number's digits with the quantifier applied; otherwise the symbol
 * @param number a number's value, 0 for other tokens
 * @param line   the line it starts on, from 1
 */
record Token(Type type, String text, long number, int line) {

    /** Token types. */
    enum Type { IDENTIFIER, TAG, NUMBER, STRING, LEFT_BRACKET, RIGHT_BRACKET, LEFT_PAREN, RIGHT_PAREN,
        LEFT_BRACE, RIGHT_BRACE, COMMA, SEMICOLON, END }

    @Override
    public String toString() {
        return switch (type) {
            case STRING -> "string \"" + text + "\"";
            case TAG -> "tag :" + text;
            case IDENTIFIER -> "identifier " + text;
            case NUMBER -> "number " + number;
            case END -> "end of script";
            default -> "'" + text + "'";
        };
    }
}
