package dev.hermod.smtp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotUnstufferTest {

    private static final String WIRE = "Subject: x\r\n\r\n..leading dot\r\n.\r\nbare\nLF.\n.\nCR\r.\r\nend\r\n.\r\nNEXT";
    private static final String BODY = "Subject: x\r\n\r\n.leading dot\r\n\r\nbare\nLF.\n.\nCR\r.\r\nend\r\n";

    @Test
    void unstuffsAndStopsAtTheEndMarkWhereverReadsSplit() throws IOException {
        byte[] wire = WIRE.getBytes(StandardCharsets.US_ASCII);
        // Note: ".\r\n" on its own line after CRLF ends the message: the body is up to the first one.
        String expected = "Subject: x\r\n\r\n.leading dot\r\n";
        for (int split = 0; split <= wire.length; split++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DotUnstuffer d = new DotUnstuffer(out, 0);
            ByteBuf a = Unpooled.wrappedBuffer(wire, 0, split);
            ByteBuf b = Unpooled.wrappedBuffer(wire, split, wire.length - split);
            boolean done = d.feed(a);
            if (!done) {
                done = d.feed(b);
            }
            assertTrue(done, "split " + split);
            assertEquals(expected, out.toString(StandardCharsets.US_ASCII), "split " + split);
        }
    }

    @Test
    void bareLineFeedsNeverEndTheMessage() throws IOException {
        byte[] wire = ("a\n.\nb\r\n.\nc\n.\r\nd\r\n.\r\nNEXT").getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= wire.length; split++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DotUnstuffer d = new DotUnstuffer(out, 0);
            ByteBuf a = Unpooled.wrappedBuffer(wire, 0, split);
            ByteBuf b = Unpooled.wrappedBuffer(wire, split, wire.length - split);
            boolean done = d.feed(a) || d.feed(b);
            assertTrue(done);
            assertEquals("a\n.\nb\r\n\nc\n.\r\nd\r\n", out.toString(StandardCharsets.US_ASCII), "split " + split);
            // What follows the end mark stays unread, in whichever read it arrived.
            assertEquals("NEXT", a.toString(StandardCharsets.US_ASCII) + b.toString(StandardCharsets.US_ASCII),
                    "split " + split);
        }
    }

    @Test
    void eightBitBytesPassThroughAndTheLimitStopsWriting() throws IOException {
        byte[] body = new byte[256];
        for (int i = 0; i < 256; i++) {
            body[i] = (byte) (i == '\r' || i == '\n' || i == '.' ? 'x' : i);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotUnstuffer d = new DotUnstuffer(out, 0);
        ByteBuf in = Unpooled.wrappedBuffer(body, "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(d.feed(in));
        byte[] expected = new byte[258];
        System.arraycopy(body, 0, expected, 0, 256);
        expected[256] = '\r';
        expected[257] = '\n';
        assertArrayEquals(expected, out.toByteArray());

        ByteArrayOutputStream small = new ByteArrayOutputStream();
        DotUnstuffer limited = new DotUnstuffer(small, 10);
        assertTrue(limited.feed(Unpooled.copiedBuffer("0123456789abcdef\r\n.\r\n", StandardCharsets.US_ASCII)));
        assertTrue(limited.overLimit());
        assertEquals(18, limited.size());
        assertEquals("0123456789", small.toString(StandardCharsets.US_ASCII));
        assertFalse(new DotUnstuffer(small, 10).overLimit());
    }
}
