package dev.hermod.message.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reduces streamed HTML to its text for previews and the index: tags and comments dropped, the content of
 * {@code script}, {@code style} and {@code title} skipped, block elements and {@code br} made line breaks,
 * white space runs collapsed as a browser would, and character references decoded (numeric ones and the
 * common named ones). Not a validating parser: it never fails, whatever it is fed.
 */
final class HtmlText implements CharSink {

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4",
            "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "hr", "section", "article", "header",
            "footer", "dd", "dt", "address", "center");
    private static final Set<String> SKIPPED = Set.of("script", "style", "title");
    private static final Map<String, Character> ENTITIES = Map.ofEntries(
            Map.entry("amp", '&'), Map.entry("lt", '<'), Map.entry("gt", '>'), Map.entry("quot", '"'),
            Map.entry("apos", '\''), Map.entry("nbsp", ' '), Map.entry("copy", '\u00a9'),
            Map.entry("reg", '\u00ae'), Map.entry("trade", '\u2122'), Map.entry("hellip", '\u2026'),
            Map.entry("mdash", '\u2014'), Map.entry("ndash", '\u2013'), Map.entry("lsquo", '\u2018'),
            Map.entry("rsquo", '\u2019'), Map.entry("ldquo", '\u201c'), Map.entry("rdquo", '\u201d'),
            Map.entry("laquo", '\u00ab'), Map.entry("raquo", '\u00bb'), Map.entry("bull", '\u2022'),
            Map.entry("middot", '\u00b7'), Map.entry("euro", '\u20ac'), Map.entry("pound", '\u00a3'),
            Map.entry("yen", '\u00a5'), Map.entry("cent", '\u00a2'), Map.entry("deg", '\u00b0'),
            Map.entry("times", '\u00d7'), Map.entry("eacute", '\u00e9'), Map.entry("egrave", '\u00e8'),
            Map.entry("agrave", '\u00e0'), Map.entry("auml", '\u00e4'), Map.entry("ouml", '\u00f6'),
            Map.entry("uuml", '\u00fc'), Map.entry("szlig", '\u00df'), Map.entry("ccedil", '\u00e7'));

    private enum State { TEXT, TAG_NAME, TAG, QUOTED, BANG, COMMENT, ENTITY, SKIP }

    private final CharSink out;
    private State state = State.TEXT;
    private final StringBuilder token = new StringBuilder();
    private boolean closing;
    private char quote;
    private int dashes;
    private String skipping;
    private boolean pendingSpace;
    private boolean lineStart = true;

    HtmlText(CharSink out) {
        this.out = out;
    }

    @Override
    public boolean full() {
        return out.full();
    }

    @Override
    public void put(char c) {
        switch (state) {
            case TEXT -> text(c);
            case TAG_NAME -> tagName(c);
            case TAG -> {
                if (c == '"' || c == '\'') {
                    quote = c;
                    state = State.QUOTED;
                } else if (c == '>') {
                    endTag();
                }
            }
            case QUOTED -> {
                if (c == quote) {
                    state = State.TAG;
                }
            }
            case BANG -> {
                if (c == '-' && ++dashes == 2) {
                    dashes = 0;
                    state = State.COMMENT;
                } else if (c == '>') {
                    state = State.TEXT;
                } else if (c != '-') {
                    state = State.TAG;
                }
            }
            case COMMENT -> {
                if (c == '>' && dashes >= 2) {
                    state = State.TEXT;
                }
                dashes = c == '-' ? dashes + 1 : 0;
            }
            case ENTITY -> entity(c);
            case SKIP -> skip(c);
        }
    }

    private void text(char c) {
        if (c == '<') {
            state = State.TAG_NAME;
            token.setLength(0);
            closing = false;
        } else if (c == '&') {
            state = State.ENTITY;
            token.setLength(0);
        } else {
            emit(c);
        }
    }

    private void tagName(char c) {
        if (token.length() == 0 && !closing) {
            if (c == '/') {
                closing = true;
                return;
            }
            if (c == '!') {
                dashes = 0;
                state = State.BANG;
                return;
            }
            if (c == '?') {
                state = State.TAG;
                return;
            }
        }
        if (Character.isLetterOrDigit(c) && token.length() < 16) {
            token.append(c);
        } else if (token.length() == 0 && !closing) {
            state = State.TEXT;             // a lone '<' is text
            emit('<');
            text(c);
        } else if (c == '>') {
            endTag();
        } else {
            state = State.TAG;
        }
    }

    private void endTag() {
        String name = token.toString().toLowerCase(Locale.ROOT);
        state = State.TEXT;
        if (!closing && SKIPPED.contains(name)) {
            skipping = name;
            token.setLength(0);
            state = State.SKIP;
        } else if (BLOCKS.contains(name)) {
            lineBreak();
        }
    }

    /** Inside script, style or title: wait for {@code </name}. */
    private void skip(char c) {
        String end = "</" + skipping;
        if (Character.toLowerCase(c) == end.charAt(token.length())) {
            token.append(c);
            if (token.length() == end.length()) {
                token.setLength(0);
                closing = true;
                state = State.TAG;
            }
        } else {
            token.setLength(0);
            if (c == '<') {
                token.append(c);
            }
        }
    }

    private void entity(char c) {
        if (c == ';') {
            state = State.TEXT;
            resolveEntity(true);
        } else if ((Character.isLetterOrDigit(c) || c == '#') && token.length() < 10) {
            token.append(c);
        } else {
            state = State.TEXT;
            resolveEntity(false);
            text(c);
        }
    }

    private void resolveEntity(boolean terminated) {
        String name = token.toString();
        int cp = -1;
        if (name.startsWith("#x") || name.startsWith("#X")) {
            cp = number(name.substring(2), 16);
        } else if (name.startsWith("#")) {
            cp = number(name.substring(1), 10);
        } else {
            Character ch = ENTITIES.get(name);
            if (ch == null) {
                ch = ENTITIES.get(name.toLowerCase(Locale.ROOT));
            }
            if (ch != null) {
                emit(ch);
                return;
            }
        }
        if (cp > 0 && cp <= Character.MAX_CODE_POINT && (cp < 0xd800 || cp > 0xdfff)) {
            for (char ch : Character.toChars(cp)) {
                emit(ch);
            }
            return;
        }
        emit('&');
        for (int i = 0; i < name.length(); i++) {
            emit(name.charAt(i));
        }
        if (terminated) {
            emit(';');
        }
    }

    private static int number(String digits, int radix) {
        try {
            return digits.isEmpty() ? -1 : Integer.parseInt(digits, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void emit(char c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            pendingSpace = !lineStart;
            return;
        }
        if (pendingSpace) {
            out.put(' ');
            pendingSpace = false;
        }
        out.put(c);
        lineStart = false;
    }

    private void lineBreak() {
        pendingSpace = false;
        if (!lineStart) {
            out.put('\n');
            lineStart = true;
        }
    }
}
