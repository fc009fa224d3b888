package dev.hermod.message.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the raw message region by region, stopping where a delimiter line of any open multipart begins.
 *
 * <p>RFC 2046 §5.1.1: a delimiter is {@code CRLF "--" boundary}, optionally followed by {@code "--"} (the
 * close delimiter) and transport padding; the line break before it belongs to the delimiter, not to the
 * preceding part. As receivers do, a bare LF is accepted as a line break, anything after the boundary on
 * its line is ignored, and a delimiter at the very start of a region (an empty preamble or an empty part)
 * needs no line break before it. A delimiter of an enclosing multipart also ends the inner ones, so a
 * missing close delimiter cannot swallow the rest of the message.
 */
final class MimeScanner {

    /** Longest boundary accepted; RFC 2046 allows 70 characters, real mail stays well below this. */
    static final int MAX_BOUNDARY = 998;

    private final RawInput in;
    private final List<byte[]> delimiters = new ArrayList<>();
    private int longest;
    private boolean lineStart;
    private boolean stopped;
    private int stopLevel;
    private int stopBreak;

    MimeScanner(RawInput in) {
        this.in = in;
    }

    /**
     * Opens a multipart level.
     *
     * @return the level, for comparison with {@link #stopLevel()}
     */
    int push(String boundary) {
        byte[] d = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        delimiters.add(d);
        longest = Math.max(longest, d.length);
        return delimiters.size() - 1;
    }

    void pop() {
        delimiters.remove(delimiters.size() - 1);
        longest = 0;
        for (byte[] d : delimiters) {
            longest = Math.max(longest, d.length);
        }
    }

    static boolean usableBoundary(String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            return false;
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Starts a region (a header, a body, a preamble or an epilogue) at the current position, where a
     * delimiter may begin without a line break. Does nothing while stopped: the region is then empty.
     */
    void beginRegion() {
        if (!stopped) {
            lineStart = true;
        }
    }

    boolean stopped() {
        return stopped;
    }

    /** After a stop: the level whose delimiter was found, or -1 at the end of the input. */
    int stopLevel() {
        return stopped ? stopLevel : -1;
    }

    /**
     * Reads region content up to the next delimiter.
     *
     * @param dst  where to copy, or {@code null} to skip
     * @param line stop after a line feed
     * @return the octets read, or -1 once the region has ended
     */
    int read(byte[] dst, int off, int len, boolean line) throws IOException {
        if (stopped) {
            return -1;
        }
        if (lineStart) {
            lineStart = false;
            int level = delimiterAt(0);
            if (level >= 0) {
                stop(level, 0);
                return -1;
            }
        }
        int n = 0;
        while (n < len) {
            if (in.fill(1) == 0) {
                if (n == 0) {
                    stop(-1, 0);
                    return -1;
                }
                return n;
            }
            int run = in.plainRun(len - n);
            if (run > 0) {
                in.take(dst, off + n, run);
                n += run;
                continue;
            }
            int lineBreak = lineBreakLength();
            if (lineBreak == 0) {
                in.take(dst, off + n, 1);
                n++;
                continue;
            }
            int level = delimiterAt(lineBreak);
            if (level >= 0) {
                stop(level, lineBreak);
                return n == 0 ? -1 : n;
            }
            int k = Math.min(lineBreak, len - n);
            in.take(dst, off + n, k);
            n += k;
            if (line && k == lineBreak) {
                return n;
            }
        }
        return n;
    }

    /** Skips to the end of the region. */
    void skipRegion() throws IOException {
        while (read(null, 0, Integer.MAX_VALUE, false) >= 0) {
            // counted by RawInput
        }
    }

    /**
     * At a stop on a delimiter: consumes the line break before it and the delimiter line, and clears the
     * stop. After a delimiter the line break is consumed too (the next part's header starts past it); after
     * a close delimiter it is not, since it may be the line break of an enclosing delimiter when the
     * epilogue is empty (RFC 2046 §5.1.1: {@code close-delimiter transport-padding [CRLF epilogue]}).
     *
     * @return {@code true} for a close delimiter
     */
    boolean consumeDelimiter() throws IOException {
        in.fill(stopBreak);
        in.take(null, 0, stopBreak);
        byte[] d = delimiters.get(stopLevel);
        in.fill(d.length);
        in.take(null, 0, d.length);
        boolean close = in.fill(2) >= 2 && in.peek(0) == '-' && in.peek(1) == '-';
        while (in.fill(1) > 0) {
            int run = in.plainRun(Integer.MAX_VALUE);
            if (run > 0) {
                in.take(null, 0, run);
                continue;
            }
            int lineBreak = lineBreakLength();
            if (lineBreak == 0) {
                in.take(null, 0, 1);
                continue;
            }
            if (!close) {
                in.take(null, 0, lineBreak);
            }
            break;
        }
        stopped = false;
        return close;
    }

    /** At CR or LF: 2 for CRLF, 1 for LF, 0 for a CR alone (which is not a line break). */
    private int lineBreakLength() throws IOException {
        if (in.peek(0) == '\n') {
            return 1;
        }
        return in.fill(2) >= 2 && in.peek(1) == '\n' ? 2 : 0;
    }

    /** The innermost level whose delimiter starts {@code ahead} octets from here, or -1. */
    private int delimiterAt(int ahead) throws IOException {
        if (delimiters.isEmpty()) {
            return -1;
        }
        int avail = in.fill(ahead + longest + 2);
        for (int level = delimiters.size() - 1; level >= 0; level--) {
            byte[] d = delimiters.get(level);
            int after = ahead + d.length;
            if (avail < after || !in.matches(ahead, d)) {
                continue;
            }
            if (after >= avail) {
                return level;
            }
            int c = in.peek(after);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                return level;
            }
            if (c == '-' && after + 1 < avail && in.peek(after + 1) == '-') {
                return level;
            }
        }
        return -1;
    }

    private void stop(int level, int lineBreak) {
        stopped = true;
        stopLevel = level;
        stopBreak = lineBreak;
    }
}
