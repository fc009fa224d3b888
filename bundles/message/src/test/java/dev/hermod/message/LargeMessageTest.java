package dev.hermod.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.MessageSummary;
import org.junit.jupiter.api.Test;

/** A 20 MB attachment is streamed: the parser's memory does not grow with the message. */
class LargeMessageTest {

    private static final long DECODED = 20L * 1024 * 1024;
    private static final int LINE_BYTES = 57;                        // 76 base64 characters

    /** Generates the message as it is read; it never exists in memory as a whole. */
    private static final class GeneratedMessage extends InputStream {
        private final byte[] head;
        private final byte[] line;
        private final byte[] tail;
        private final long lines;
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private long position;
        long heapAtEnd = -1;

        GeneratedMessage(String head, String tail) {
            this.head = head.getBytes(StandardCharsets.US_ASCII);
            this.tail = tail.getBytes(StandardCharsets.US_ASCII);
            byte[] data = new byte[LINE_BYTES];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 7);
            }
            this.line = (java.util.Base64.getEncoder().encodeToString(data) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            this.lines = (DECODED + LINE_BYTES - 1) / LINE_BYTES;
        }

        long length() {
            return head.length + lines * line.length + tail.length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = length();
            if (position >= total) {
                if (heapAtEnd < 0) {
                    System.gc();
                    heapAtEnd = memory.getHeapMemoryUsage().getUsed();
                }
                return -1;
            }
            int n = 0;
            while (n < len && position < total) {
                b[off + n++] = byteAt(position++);
            }
            return n;
        }

        private byte byteAt(long p) {
            if (p < head.length) {
                return head[(int) p];
            }
            p -= head.length;
            long body = lines * line.length;
            if (p < body) {
                return line[(int) (p % line.length)];
            }
            return tail[(int) (p - body)];
        }
    }

    @Test
    void twentyMegabyteAttachmentInBoundedMemory() throws IOException {
        String head = "From: big@example.com\r\nSubject: big\r\n"
                + "Content-Type: multipart/mixed; boundary=\"big-boundary\"\r\n\r\n"
                + "--big-boundary\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n"
                + "--big-boundary\r\nContent-Type: application/octet-stream; name=big.bin\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=big.bin\r\n\r\n";
        String tail = "--big-boundary--\r\n";
        GeneratedMessage raw = new GeneratedMessage(head, tail);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();

        List<String> texts = new ArrayList<>();
        MessageSummary s = new MessageParser().parse(raw, ParserLimits.DEFAULTS,
                (id, type, text) -> texts.add(id));

        assertEquals(raw.length(), s.size());
        BodyPart big = s.part("2").orElseThrow();
        assertEquals(raw.lines * raw.line.length - 2, big.size(), "the last CRLF belongs to the delimiter");
        assertEquals(head.length(), big.bodyStart());
        assertEquals(raw.lines * LINE_BYTES, big.decodedSize());
        assertEquals(raw.lines, big.lines());
        assertEquals(List.of("2"), s.attachments());
        assertEquals(List.of("1"), texts);
        long grown = raw.heapAtEnd - before;
        assertTrue(grown < 8L * 1024 * 1024, "heap grew by " + grown + " bytes while parsing "
                + raw.length() + " bytes");
    }

    @Test
    void largeTextIsIndexedOnlyUpToTheLimit() throws IOException {
        String head = "Subject: long text\r\nContent-Type: text/plain\r\n\r\n";
        StringBuilder body = new StringBuilder();
        while (body.length() < 3 * 1024 * 1024) {
            body.append("lorem ipsum dolor sit amet\r\n");
        }
        byte[] raw = (head + body).getBytes(StandardCharsets.US_ASCII);
        int[] total = new int[1];
        MessageSummary s = new MessageParser().parse(new java.io.ByteArrayInputStream(raw),
                ParserLimits.DEFAULTS, (id, type, text) -> total[0] += text.length());
        assertEquals(ParserLimits.DEFAULTS.maxIndexedText(), total[0]);
        assertEquals(raw.length - head.length(), s.body().size());
        assertEquals(256, s.preview().length());
    }
}
