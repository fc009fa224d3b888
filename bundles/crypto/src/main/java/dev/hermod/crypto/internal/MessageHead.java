package dev.hermod.crypto.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message's header, read from the front of its stream, as raw fields; the stream then continues with the
 * body. Tells whether the message is already encrypted.
 */
final class MessageHead {

    /** A header longer than this is treated as ending there. */
    static final int MAX_HEADER = 1024 * 1024;
    /** How much of the body is looked at for inline PGP. */
    private static final int PEEK = 1024;
    private static final Pattern SIGNED_ONLY = Pattern.compile(
            "(?i);\\s*smime-type\\s*=\\s*\"?(signed-data|certs-only)\"?\\s*(?:;|$)");
    private static final Pattern PARAM_P7M = Pattern.compile(
            "(?i)(?:^|;)\\s*(?:name|filename)\\s*=\\s*\"?[^\";]*\\.p7m\"?\\s*(?:;|$)");

    /** One field as it is on the wire, folded lines and final line end included. */
    record Field(String name, byte[] raw) {

        String value() {
            String s = new String(raw, StandardCharsets.UTF_8);
            return s.substring(s.indexOf(':') + 1).replaceAll("\r?\n(?=[ \t])", "").strip();
        }
    }

    private final byte[] bytes;
    private final List<Field> fields;
    private final PushbackInputStream body;

    private MessageHead(byte[] bytes, List<Field> fields, PushbackInputStream body) {
        this.bytes = bytes;
        this.fields = fields;
        this.body = body;
    }

    /** Reads the header (through the blank line) from {@code in}, which then continues with the body. */
    static MessageHead read(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
        int previous = -1;
        int lineLength = 0;
        while (header.size() < MAX_HEADER) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            header.write(c);
            if (c == '\n') {
                if (lineLength == 0 || lineLength == 1 && previous == '\r') {
                    break;
                }
                lineLength = 0;
            } else {
                lineLength++;
            }
            previous = c;
        }
        byte[] bytes = header.toByteArray();
        return new MessageHead(bytes, split(bytes), new PushbackInputStream(in, PEEK));
    }

    private static List<Field> split(byte[] header) {
        List<Field> fields = new ArrayList<>();
        int start = -1;
        int pos = 0;
        while (pos < header.length) {
            int end = pos;
            while (end < header.length && header[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, header.length);
            boolean blank = end - pos == 0 || end - pos == 1 && header[pos] == '\r';
            boolean continuation = !blank && (header[pos] == ' ' || header[pos] == '\t');
            if (!continuation && start >= 0) {
                add(fields, header, start, pos);
                start = -1;
            }
            if (blank) {
                break;
            }
            if (!continuation) {
                start = pos;
            }
            pos = next;
        }
        if (start >= 0) {
            add(fields, header, start, pos);
        }
        return fields;
    }

    private static void add(List<Field> fields, byte[] header, int from, int to) {
        byte[] raw = java.util.Arrays.copyOfRange(header, from, to);
        int colon = 0;
        while (colon < raw.length && raw[colon] != ':') {
            colon++;
        }
        if (colon < raw.length) {
            fields.add(new Field(new String(raw, 0, colon, StandardCharsets.UTF_8).strip(), raw));
        }
    }

    /** The header as read, blank line included. */
    byte[] bytes() {
        return bytes;
    }

    List<Field> fields() {
        return fields;
    }

    /** The rest of the message after the header. */
    InputStream body() {
        return body;
    }

    Optional<String> value(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst().map(Field::value);
    }

    /**
     * Whether the message is encrypted already: PGP/MIME ({@code multipart/encrypted}, RFC 1847 §2.2), S/MIME
     * ({@code application/pkcs7-mime} other than signed-data and certs-only, or a {@code .p7m} file, RFC 8551
     * §3.2.1), or inline PGP (a text body
     * that starts with an armored PGP message, RFC 9580 §6.2). Peeks at the body without consuming it.
     */
    boolean alreadyEncrypted() throws IOException {
        String type = value("Content-Type").orElse("text/plain");
        String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType.equals("multipart/encrypted")) {
            return true;
        }
        if (mediaType.equals("application/pkcs7-mime") || mediaType.equals("application/x-pkcs7-mime")) {
            // RFC 8551 §3.2.2: signed-data and certs-only are readable by anyone; only those get encrypted.
            return !SIGNED_ONLY.matcher(type).find();
        }
        if (p7m(type) || value("Content-Disposition").map(MessageHead::p7m).orElse(false)) {
            return true;
        }
        return mediaType.equals("text/plain") && startsWithPgpMessage();
    }

    private static boolean p7m(String value) {
        Matcher m = PARAM_P7M.matcher(value);
        return m.find();
    }

    private boolean startsWithPgpMessage() throws IOException {
        byte[] peek = body.readNBytes(PEEK);
        body.unread(peek);
        return new String(peek, StandardCharsets.ISO_8859_1).stripLeading().startsWith("-----BEGIN PGP MESSAGE-----");
    }
}
