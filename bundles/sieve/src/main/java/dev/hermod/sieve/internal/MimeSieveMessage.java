package dev.hermod.sieve.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * A {@link SieveMessage} over the bytes of a message (RFC 5322, MIME parsed with mime4j). The header is parsed
 * at once; the body parts when a {@code body} test first asks.
 */
public final class MimeSieveMessage implements SieveMessage {

    private final byte[] message;
    private final String from;
    private final String to;
    private final ZonedDateTime now;
    private final List<HeaderField> headers;
    private final int bodyStart;
    private List<BodyPart> parts;

    /**
     * @param message      the message, CRLF or LF line ends
     * @param envelopeFrom the envelope sender, empty for the null reverse-path
     * @param envelopeTo   the envelope recipient as given
     * @param now          the current time in the server's zone
     */
    public MimeSieveMessage(byte[] message, String envelopeFrom, String envelopeTo, ZonedDateTime now) {
        this.message = message;
        this.from = envelopeFrom;
        this.to = envelopeTo;
        this.now = now;
        List<HeaderField> fields = new ArrayList<>();
        int pos = 0;
        StringBuilder current = null;
        while (pos < message.length) {
            int eol = pos;
            while (eol < message.length && message[eol] != '\n') {
                eol++;
            }
            int end = eol > pos && message[eol - 1] == '\r' ? eol - 1 : eol;
            String line = new String(message, pos, end - pos, StandardCharsets.UTF_8);
            pos = Math.min(eol + 1, message.length);
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(line); // unfolding removes only the CRLF (RFC 5322 §2.2.3)
            } else {
                add(fields, current);
                current = new StringBuilder(line);
            }
        }
        add(fields, current);
        this.headers = List.copyOf(fields);
        this.bodyStart = pos;
    }

    private static void add(List<HeaderField> fields, StringBuilder field) {
        if (field == null) {
            return;
        }
        int colon = field.indexOf(":");
        if (colon > 0) {
            String name = field.substring(0, colon).strip();
            String value = field.substring(colon + 1).replaceFirst("^[ \t]+", "");
            fields.add(new HeaderField(name, value));
        }
    }

    @Override
    public List<HeaderField> headers() {
        return headers;
    }

    @Override
    public long size() {
        return message.length;
    }

    @Override
    public String envelopeFrom() {
        return from;
    }

    @Override
    public String envelopeTo() {
        return to;
    }

    @Override
    public String rawBody() {
        return new String(message, bodyStart, message.length - bodyStart, StandardCharsets.UTF_8);
    }

    @Override
    public ZonedDateTime now() {
        return now;
    }

    @Override
    public synchronized List<BodyPart> bodyParts() {
        if (parts == null) {
            parts = parseParts();
        }
        return parts;
    }

    private List<BodyPart> parseParts() {
        List<BodyPart> list = new ArrayList<>();
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE);
        stream.parse(new ByteArrayInputStream(message));
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                if (state == EntityState.T_BODY) {
                    BodyDescriptor d = stream.getBodyDescriptor();
                    String type = d.getMimeType().toLowerCase(Locale.ROOT);
                    try (InputStream in = stream.getDecodedInputStream()) {
                        byte[] bytes = in.readAllBytes();
                        list.add(new BodyPart(type, new String(bytes, charset(type, d.getCharset()))));
                    }
                }
            }
        } catch (IOException | MimeException e) {
            throw new SieveRuntimeException("cannot parse the message's MIME structure: " + e.getMessage());
        }
        return List.copyOf(list);
    }

    private static Charset charset(String type, String name) {
        if (!type.startsWith("text/")) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return name == null ? StandardCharsets.US_ASCII : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
