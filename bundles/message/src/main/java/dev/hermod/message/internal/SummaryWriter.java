package dev.hermod.message.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.HeaderField;
import dev.hermod.api.message.MailAddress;
import dev.hermod.api.message.MessageEnvelope;
import dev.hermod.api.message.MessageSummary;

/**
 * Writes format 1 of the summary codec: a version octet, then fields in record order as unsigned LEB128
 * varints (zig-zag for signed values) and strings through a table, so a string repeated in one summary
 * ({@code text}, {@code plain}, {@code base64}, a charset) is written once and then referred to.
 *
 * <p>String tag: 0 = {@code null}; 1 = a new string (varint length, UTF-8 octets), added to the table;
 * {@code n >= 2} = table entry {@code n - 2}. A nullable list or map is written as its size plus one, 0
 * for {@code null}.
 */
public final class SummaryWriter {

    /** The format this writer produces. */
    public static final int VERSION = 1;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final Map<String, Integer> table = new HashMap<>();

    private SummaryWriter() {
    }

    /**
     * Encodes a summary.
     *
     * @param s the summary
     * @return the encoded octets
     */
    public static byte[] write(MessageSummary s) {
        SummaryWriter w = new SummaryWriter();
        w.out.write(VERSION);
        w.summary(s);
        return w.out.toByteArray();
    }

    private void summary(MessageSummary s) {
        varint(s.size());
        varint(s.headerLength());
        envelope(s.envelope());
        string(s.baseSubject());
        varint(s.headers().size());
        for (HeaderField f : s.headers()) {
            string(f.name());
            string(f.value());
            varint(f.offset());
            varint(f.length());
        }
        bool(s.headersTruncated());
        part(s.body());
        string(s.preview());
        bool(s.hasAttachment());
        strings(s.textBody());
        strings(s.htmlBody());
        strings(s.attachments());
    }

    private void envelope(MessageEnvelope e) {
        string(e.dateRaw());
        date(e.date());
        string(e.subjectRaw());
        string(e.subject());
        addresses(e.from());
        addresses(e.sender());
        addresses(e.replyTo());
        addresses(e.to());
        addresses(e.cc());
        addresses(e.bcc());
        string(e.messageIdRaw());
        string(e.inReplyToRaw());
        strings(e.messageIds());
        strings(e.inReplyTo());
        strings(e.references());
    }

    private void part(BodyPart p) {
        string(p.partId());
        string(p.type());
        string(p.subtype());
        map(p.parameters());
        string(p.contentId());
        string(p.description());
        string(p.encoding());
        varint(p.lines());
        signed(p.decodedSize());
        string(p.md5());
        string(p.disposition());
        map(p.dispositionParameters());
        strings(p.language());
        string(p.location());
        string(p.charset());
        string(p.name());
        varint(p.headerStart());
        varint(p.bodyStart() - p.headerStart());
        varint(p.bodyEnd() - p.bodyStart());
        varint(p.children().size());
        for (BodyPart child : p.children()) {
            part(child);
        }
        bool(p.message() != null);
        if (p.message() != null) {
            envelope(p.message().envelope());
            part(p.message().body());
        }
    }

    private void date(OffsetDateTime d) {
        bool(d != null);
        if (d != null) {
            signed(d.toEpochSecond());
            signed(d.getOffset().getTotalSeconds());
        }
    }

    private void addresses(List<MailAddress> list) {
        if (list == null) {
            varint(0);
            return;
        }
        varint(list.size() + 1L);
        for (MailAddress a : list) {
            string(a.name());
            string(a.localPart());
            string(a.domain());
            string(a.group());
        }
    }

    private void strings(List<String> list) {
        if (list == null) {
            varint(0);
            return;
        }
        varint(list.size() + 1L);
        for (String s : list) {
            string(s);
        }
    }

    private void map(Map<String, String> map) {
        varint(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            string(e.getKey());
            string(e.getValue());
        }
    }

    private void string(String s) {
        if (s == null) {
            varint(0);
            return;
        }
        Integer index = table.get(s);
        if (index != null) {
            varint(index + 2L);
            return;
        }
        table.put(s, table.size());
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(1);
        varint(b.length);
        out.write(b, 0, b.length);
    }

    private void bool(boolean b) {
        out.write(b ? 1 : 0);
    }

    private void signed(long v) {
        varint(v << 1 ^ v >> 63);
    }

    private void varint(long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
