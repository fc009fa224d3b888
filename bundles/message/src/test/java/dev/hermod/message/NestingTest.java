package dev.hermod.message;

import static dev.hermod.message.Corpus.crlf;
import static dev.hermod.message.Corpus.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.MessageSummary;
import org.junit.jupiter.api.Test;

/** Depth and part-count limits: past them parts become opaque, offsets stay exact. */
class NestingTest {

    /** {@code depth} multiparts, each holding the next and a text part, the innermost holding "core". */
    static byte[] nestedMultiparts(int depth) {
        StringBuilder sb = new StringBuilder("Subject: deep\n");
        for (int i = 0; i < depth; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
        }
        sb.append("Content-Type: text/plain\n\ncore\n");
        for (int i = depth - 1; i >= 0; i--) {
            sb.append("--b").append(i).append("\nContent-Type: text/plain\n\nside").append(i).append("\n--b")
                    .append(i).append("--\n");
        }
        return crlf(sb.toString());
    }

    private static MessageSummary parse(byte[] raw, ParserLimits limits) {
        try {
            return new MessageParser().parse(new ByteArrayInputStream(raw), limits);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withinTheLimitEverythingIsDescended() {
        byte[] raw = nestedMultiparts(30);
        MessageSummary s = parse(raw, new ParserLimits(40, 64 * 1024, 1000, 0));
        String coreId = "1" + ".1".repeat(29);
        BodyPart core = s.part(coreId).orElseThrow();
        assertEquals("core", slice(raw, core.bodyStart(), core.bodyEnd()));
        assertEquals("side0", slice(raw, s.part("2").orElseThrow().bodyStart(), s.part("2").orElseThrow().bodyEnd()));
    }

    @Test
    void deeperThanTheLimitIsOpaque() {
        byte[] raw = nestedMultiparts(30);
        MessageSummary s = parse(raw, new ParserLimits(5, 64 * 1024, 1000, 0));
        BodyPart opaque = s.part("1.1.1.1.1").orElseThrow();
        assertEquals("application/octet-stream", opaque.mimeType());
        assertTrue(opaque.children().isEmpty());
        String content = slice(raw, opaque.bodyStart(), opaque.bodyEnd());
        assertTrue(content.startsWith("--b5\r\n"), content.substring(0, 20));
        assertTrue(content.endsWith("side5\r\n--b5--"), "the opaque part ends where its parent's delimiter starts");
        assertEquals("side4", slice(raw, s.part("1.1.1.1.2").orElseThrow().bodyStart(),
                s.part("1.1.1.1.2").orElseThrow().bodyEnd()));
        assertEquals(raw.length, s.size());
    }

    @Test
    void messagesNestedTooDeepAreOpaque() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sb.append("Subject: level ").append(i).append("\nContent-Type: message/rfc822\n\n");
        }
        sb.append("Subject: bottom\n\nbottom text\n");
        byte[] raw = crlf(sb.toString());
        MessageSummary s = parse(raw, new ParserLimits(3, 64 * 1024, 1000, 0));
        BodyPart one = s.body();
        assertEquals("1", one.partId());
        BodyPart two = one.message().body();
        assertEquals("1.1", two.partId());
        BodyPart three = two.message().body().message().body();
        assertEquals("1.1.1.1", three.partId());
        assertNull(three.message(), "too deep: a message part without its message");
        assertEquals("message/rfc822", three.mimeType());
        assertEquals(raw.length, three.bodyEnd());
    }

    @Test
    void partsPastTheLimitAreSkipped() {
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=p\n\n");
        for (int i = 0; i < 50; i++) {
            sb.append("--p\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        sb.append("--p--\n");
        byte[] raw = crlf(sb.toString());
        MessageSummary s = parse(raw, new ParserLimits(20, 64 * 1024, 10, 0));
        assertEquals(9, s.body().children().size(), "ten entities: the multipart and nine parts");
        assertEquals(raw.length, s.body().bodyEnd());
        assertEquals("part 8", slice(raw, s.part("9").orElseThrow().bodyStart(), s.part("9").orElseThrow().bodyEnd()));
    }
}
