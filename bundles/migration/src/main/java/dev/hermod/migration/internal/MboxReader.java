package dev.hermod.migration.internal;

import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.migration.MboxFormat;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an mbox file message by message. A message starts at a {@code From } line at the start of the file
 * or after an empty line; the empty line before the next {@code From } line is the separator, not part of
 * the message. Quoted {@code From } lines are unquoted per {@link MboxFormat}; the header fields
 * {@code Status}, {@code X-Status}, {@code X-Keywords}, {@code X-UID}, {@code X-IMAP} and {@code X-IMAPbase}
 * become keywords or are dropped, as they are another store's metadata. Lines end in CRLF on output.
 */
final class MboxReader implements Closeable {

    /** One message. */
    record Message(byte[] raw, Set<String> keywords, Instant receivedAt) {
    }

    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);
    private static final Set<String> METADATA = Set.of("status", "x-status", "x-keywords", "x-uid", "x-imap", "x-imapbase");

    private final InputStream in;
    private final MboxFormat format;
    private byte[] pendingFromLine;
    private boolean started;
    private long position;

    MboxReader(InputStream in, MboxFormat format) {
        this.in = in;
        this.format = format;
    }

    /** @return octets read so far */
    long position() {
        return position;
    }

    /**
     * @return the next message, or {@code null} at the end
     * @throws IllegalArgumentException if the file does not start with a {@code From } line
     */
    Message next() throws IOException {
        byte[] from = pendingFromLine;
        pendingFromLine = null;
        if (from == null) {
            byte[] line;
            while ((line = readLine()) != null && !started && isBlank(line)) {
                // leading empty lines
            }
            if (line == null) {
                return null;
            }
            if (!startsWith(line, 0, "From ")) {
                throw new IllegalArgumentException("Not an mbox file: it does not start with a 'From ' line");
            }
            from = line;
        }
        started = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        Set<String> keywords = new LinkedHashSet<>();
        boolean header = true;
        boolean dropping = false;
        boolean blankPending = false;
        byte[] line;
        while ((line = readLine()) != null) {
            if (blankPending && startsWith(line, 0, "From ")) {
                pendingFromLine = line;
                blankPending = false;
                break;
            }
            if (blankPending) {
                out.write('\r');
                out.write('\n');
                blankPending = false;
            }
            if (isBlank(line) && !header) {
                blankPending = true;
                continue;
            }
            if (header) {
                if (isBlank(line)) {
                    header = false;
                    dropping = false;
                } else if ((line[0] == ' ' || line[0] == '\t')) {
                    if (dropping) {
                        continue;
                    }
                } else {
                    String field = fieldName(line);
                    dropping = field != null && METADATA.contains(field);
                    if (dropping) {
                        flags(field, value(line), keywords);
                        continue;
                    }
                }
            }
            writeLine(out, unquote(line));
        }
        if (blankPending) {
            // the empty line before the end of the file is the separator too
        }
        return new Message(out.toByteArray(), keywords, date(from));
    }

    private byte[] unquote(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] == '>') {
            i++;
        }
        if (i == 0 || !startsWith(line, i, "From ")) {
            return line;
        }
        if (format == MboxFormat.MBOXO && i != 1) {
            return line;
        }
        byte[] out = new byte[line.length - 1];
        System.arraycopy(line, 1, out, 0, out.length);
        return out;
    }

    private static void flags(String field, String value, Set<String> keywords) {
        switch (field) {
            case "status" -> {
                if (value.indexOf('R') >= 0) {
                    keywords.add(Keywords.SEEN);
                }
            }
            case "x-status" -> {
                if (value.indexOf('A') >= 0) {
                    keywords.add(Keywords.ANSWERED);
                }
                if (value.indexOf('F') >= 0) {
                    keywords.add(Keywords.FLAGGED);
                }
                if (value.indexOf('T') >= 0) {
                    keywords.add(Keywords.DRAFT);
                }
                if (value.indexOf('D') >= 0) {
                    keywords.add(Keywords.DELETED);
                }
            }
            case "x-keywords" -> {
                for (String k : value.split("[\\s,]+")) {
                    if (!k.isEmpty()) {
                        keywords.add(k.toLowerCase(Locale.ROOT));
                    }
                }
            }
            default -> {
            }
        }
    }

    /** The date of a {@code From sender asctime} line, or {@code null} (then the import uses now). */
    static Instant date(byte[] fromLine) {
        String s = new String(fromLine, StandardCharsets.ISO_8859_1).strip();
        String[] parts = s.split("\\s+");
        // From sender Www Mmm dd hh:mm:ss yyyy [zone]
        for (int start = 2; start + 5 <= parts.length; start++) {
            String candidate = String.format("%s %s %2s %s %s", parts[start], parts[start + 1], parts[start + 2],
                    parts[start + 3], parts[start + 4]);
            try {
                return LocalDateTime.parse(candidate, ASCTIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // try the next position (senders with spaces, dates with a zone)
            }
        }
        return null;
    }

    private static String fieldName(byte[] line) {
        for (int i = 0; i < line.length; i++) {
            if (line[i] == ':') {
                return new String(line, 0, i, StandardCharsets.US_ASCII).strip().toLowerCase(Locale.ROOT);
            }
            if (line[i] <= ' ') {
                return null;
            }
        }
        return null;
    }

    private static String value(byte[] line) {
        String s = new String(line, StandardCharsets.ISO_8859_1);
        return s.substring(s.indexOf(':') + 1).strip();
    }

    private static void writeLine(ByteArrayOutputStream out, byte[] line) {
        int end = line.length;
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        out.write(line, 0, end);
        out.write('\r');
        out.write('\n');
    }

    private static boolean isBlank(byte[] line) {
        return line.length == 0 || (line.length == 1 && line[0] == '\r');
    }

    private static boolean startsWith(byte[] line, int offset, String prefix) {
        if (line.length - offset < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A line without its LF, or {@code null} at the end of the file. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0) {
            position++;
            if (c == '\n') {
                return line.toByteArray();
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
