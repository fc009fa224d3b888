package dev.hermod.core.internal.mail;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.EmbeddedMessage;
import dev.hermod.api.message.HeaderField;
import dev.hermod.api.message.MessageSummary;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A message whose first bytes (its trace prefix) live in the message record rather than in the blob: the
 * blob's summary moved past the prefix, and reads that span both. See {@link MessageRecord}.
 */
final class PrefixedSummary {

    /** Opens a range of the blob: offset, and length or -1 for all to the end. */
    @FunctionalInterface
    interface BlobRange {
        InputStream open(long offset, long length);
    }

    private PrefixedSummary() {
    }

    /** The message's bytes from {@code offset}, {@code length} of them or -1 for all to the end. */
    static InputStream open(byte[] prefix, long offset, long length, BlobRange blob) {
        if (offset < 0 || length < -1) {
            throw new IllegalArgumentException("bad range: offset " + offset + ", length " + length);
        }
        if (offset >= prefix.length) {
            return blob.open(offset - prefix.length, length);
        }
        int from = (int) offset;
        int count = length < 0 ? prefix.length - from : (int) Math.min(length, prefix.length - from);
        InputStream head = new ByteArrayInputStream(prefix, from, count);
        if (length >= 0 && length <= count) {
            return head;
        }
        return new SequenceInputStream(head, blob.open(0, length < 0 ? -1 : length - count));
    }

    /** The summary of prefix + blob from the blob's own: offsets moved, the prefix's fields first. */
    static MessageSummary of(byte[] prefix, MessageSummary blob) {
        if (prefix.length == 0) {
            return blob;
        }
        long p = prefix.length;
        List<HeaderField> headers = new ArrayList<>(fields(prefix));
        for (HeaderField f : blob.headers()) {
            headers.add(new HeaderField(f.name(), f.value(), f.offset() + p, f.length()));
        }
        return new MessageSummary(blob.size() + p, blob.headerLength() + p, blob.envelope(), blob.baseSubject(),
                headers, blob.headersTruncated(), shift(blob.body(), p, true), blob.preview(), blob.hasAttachment(),
                blob.textBody(), blob.htmlBody(), blob.attachments());
    }

    /** Moves a part by {@code p}; the top entity's header still starts at 0, where the prefix is. */
    private static BodyPart shift(BodyPart b, long p, boolean top) {
        if (b == null) {
            return null;
        }
        List<BodyPart> children = new ArrayList<>(b.children().size());
        for (BodyPart c : b.children()) {
            children.add(shift(c, p, false));
        }
        EmbeddedMessage message = b.message() == null ? null
                : new EmbeddedMessage(b.message().envelope(), shift(b.message().body(), p, false));
        return new BodyPart(b.partId(), b.type(), b.subtype(), b.parameters(), b.contentId(), b.description(),
                b.encoding(), b.lines(), b.decodedSize(), b.md5(), b.disposition(), b.dispositionParameters(),
                b.language(), b.location(), b.charset(), b.name(), top ? b.headerStart() : b.headerStart() + p,
                b.bodyStart() + p, b.bodyEnd() + p, children, message);
    }

    /** The prefix's fields (each "Name: value" with CRLF, possibly folded), raw values as in the summary. */
    static List<HeaderField> fields(byte[] prefix) {
        List<HeaderField> fields = new ArrayList<>();
        int start = 0;
        while (start < prefix.length) {
            int end = start;
            do {
                int lf = indexOf(prefix, (byte) '\n', end);
                end = lf < 0 ? prefix.length : lf + 1;
            } while (end < prefix.length && (prefix[end] == ' ' || prefix[end] == '\t'));
            String field = new String(prefix, start, end - start, StandardCharsets.UTF_8);
            int colon = field.indexOf(':');
            if (colon > 0) {
                String value = field.substring(colon + 1).replaceFirst("\r?\n$", "");
                fields.add(new HeaderField(field.substring(0, colon), value, start, end - start));
            }
            start = end;
        }
        return fields;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
