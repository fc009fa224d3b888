package dev.hermod.message.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.EmbeddedMessage;
import dev.hermod.api.message.HeaderField;
import dev.hermod.api.message.MailAddress;
import dev.hermod.api.message.MessageEnvelope;
import dev.hermod.api.message.MessageSummary;

/**
 * Reads what {@link SummaryWriter} wrote, for every format version this release knows. Never trusts the
 * input: counts and lengths are checked against what is left, so corrupt bytes fail with
 * {@link IllegalArgumentException} rather than exhaust memory.
 */
public final class SummaryReader {

    /** Embedded messages nest no deeper than the parser allows. */
    private static final int MAX_NESTING = 1000;

    private final byte[] in;
    private int pos;
    private final List<String> table = new ArrayList<>();
    private int nesting;

    private SummaryReader(byte[] in) {
        this.in = in;
    }

    /**
     * Decodes a summary.
     *
     * @param bytes the encoded summary
     * @return the summary
     * @throws IllegalArgumentException when the bytes are not a summary this release can read
     */
    public static MessageSummary read(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("Not a message summary: no bytes");
        }
        int version = bytes[0] & 0xff;
        if (version != 1) {
            throw new IllegalArgumentException("Message summary format " + version
                    + " is not one this Hermod reads (1); it was written by a newer release: upgrade, or"
                    + " re-parse the message from its blob");
        }
        SummaryReader r = new SummaryReader(bytes);
        r.pos = 1;
        try {
            MessageSummary s = r.summary();
            if (r.pos != bytes.length) {
                throw corrupt("trailing bytes");
            }
            return s;
        } catch (IndexOutOfBoundsException | ArithmeticException | java.time.DateTimeException e) {
            throw corrupt(e.toString());
        } catch (IllegalArgumentException | NullPointerException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Corrupt message summary")) {
                throw e;
            }
            throw corrupt(e.toString());
        }
    }

    private static IllegalArgumentException corrupt(String why) {
        return new IllegalArgumentException("Corrupt message summary (" + why + "): re-parse the message from its blob");
    }

    private MessageSummary summary() {
        long size = varint();
        long headerLength = varint();
        MessageEnvelope envelope = envelope();
        String baseSubject = string();
        int count = count(4);
        List<HeaderField> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            headers.add(new HeaderField(string(), string(), varint(), Math.toIntExact(varint())));
        }
        boolean truncated = bool();
        BodyPart body = part();
        String preview = string();
        boolean hasAttachment = bool();
        return new MessageSummary(size, headerLength, envelope, baseSubject, headers, truncated, body, preview,
                hasAttachment, strings(), strings(), strings());
    }

    private MessageEnvelope envelope() {
        return new MessageEnvelope(string(), date(), string(), string(), addresses(), addresses(), addresses(),
                addresses(), addresses(), addresses(), string(), string(), strings(), strings(), strings());
    }

    private BodyPart part() {
        if (++nesting > MAX_NESTING) {
            throw corrupt("nesting too deep");
        }
        String partId = string();
        String type = string();
        String subtype = string();
        Map<String, String> parameters = map();
        String contentId = string();
        String description = string();
        String encoding = string();
        long lines = varint();
        long decodedSize = signed();
        String md5 = string();
        String disposition = string();
        Map<String, String> dispositionParameters = map();
        List<String> language = strings();
        String location = string();
        String charset = string();
        String name = string();
        long headerStart = varint();
        long bodyStart = Math.addExact(headerStart, varint());
        long bodyEnd = Math.addExact(bodyStart, varint());
        int count = count(1);
        List<BodyPart> children = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            children.add(part());
        }
        EmbeddedMessage message = bool() ? new EmbeddedMessage(envelope(), part()) : null;
        nesting--;
        return new BodyPart(partId, type, subtype, parameters, contentId, description, encoding, lines,
                decodedSize, md5, disposition, dispositionParameters, language == null ? List.of() : language,
                location, charset, name, headerStart, bodyStart, bodyEnd, children, message);
    }

    private OffsetDateTime date() {
        if (!bool()) {
            return null;
        }
        long epoch = signed();
        int offset = Math.toIntExact(signed());
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epoch), ZoneOffset.ofTotalSeconds(offset));
    }

    private List<MailAddress> addresses() {
        int n = nullableCount(4);
        if (n < 0) {
            return null;
        }
        List<MailAddress> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new MailAddress(string(), string(), string(), string()));
        }
        return list;
    }

    private List<String> strings() {
        int n = nullableCount(1);
        if (n < 0) {
            return null;
        }
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(string());
        }
        return list;
    }

    private Map<String, String> map() {
        int n = count(2);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(string(), string());
        }
        return map;
    }

    private String string() {
        long tag = varint();
        if (tag == 0) {
            return null;
        }
        if (tag == 1) {
            int len = count(1);
            String s = new String(in, pos, len, StandardCharsets.UTF_8);
            pos += len;
            table.add(s);
            return s;
        }
        if (tag < 0 || tag - 2 >= table.size()) {
            throw corrupt("string reference " + tag);
        }
        return table.get((int) (tag - 2));
    }

    /** A count of items of at least {@code minBytes} each, checked against what is left. */
    private int count(int minBytes) {
        long n = varint();
        if (n < 0 || n > (long) (in.length - pos) / minBytes + (minBytes == 1 ? 0 : 1)) {
            throw corrupt("count " + n + " exceeds the data");
        }
        return (int) n;
    }

    private int nullableCount(int minBytes) {
        long n = varint();
        if (n == 0) {
            return -1;
        }
        if (n < 0 || n - 1 > (long) (in.length - pos) / minBytes + 1) {
            throw corrupt("count " + n + " exceeds the data");
        }
        return (int) (n - 1);
    }

    private boolean bool() {
        int b = in[pos++];
        if (b != 0 && b != 1) {
            throw corrupt("flag " + b);
        }
        return b == 1;
    }

    private long signed() {
        long v = varint();
        return v >>> 1 ^ -(v & 1);
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in[pos++];
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw corrupt("varint too long");
    }
}
