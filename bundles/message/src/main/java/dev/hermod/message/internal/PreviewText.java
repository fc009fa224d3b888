package dev.hermod.message.internal;

/**
 * The start of a part's text for JMAP {@code preview} (RFC 8621 §4.1.4: at most 256 characters) and IMAP
 * PREVIEW (RFC 8970 §3.1: no line breaks, at most 256 characters): leading white space skipped, every run
 * of white space or control characters made one space.
 */
final class PreviewText implements CharSink {

    static final int MAX = 256;

    private final StringBuilder text = new StringBuilder(MAX);
    private boolean space;

    @Override
    public void put(char c) {
        if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
            space = text.length() > 0;
            return;
        }
        if (space) {
            text.append(' ');
            space = false;
        }
        if (text.length() < MAX) {
            text.append(c);
        }
    }

    @Override
    public boolean full() {
        return text.length() >= MAX;
    }

    String text() {
        int end = Math.min(text.length(), MAX);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).strip();
    }
}
