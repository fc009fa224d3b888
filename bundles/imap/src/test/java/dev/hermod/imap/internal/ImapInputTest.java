package dev.hermod.imap.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The framer on an EmbeddedChannel, input split across reads. */
class ImapInputTest {

    private static void feed(EmbeddedChannel ch, String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1));
    }

    private static String line(Object event) {
        return new String(assertInstanceOf(ImapInput.Line.class, event).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void linesSplitAcrossReadsOneEventPerResume() {
        ImapInput input = new ImapInput(100);
        EmbeddedChannel ch = new EmbeddedChannel(input);
        feed(ch, "a1 NO");
        assertNull(ch.readInbound());
        feed(ch, "OP\r\na2 CAPA");
        assertEquals("a1 NOOP", line(ch.readInbound()));
        feed(ch, "BILITY\r\n");
        assertNull(ch.readInbound(), "held until the session resumes");
        input.resume();
        assertEquals("a2 CAPABILITY", line(ch.readInbound()));
    }

    @Test
    void literalsCollectedAndTooLongLines() {
        ImapInput input = new ImapInput(20);
        EmbeddedChannel ch = new EmbeddedChannel(input);
        feed(ch, "a1 LOGIN {3}\r\nb");
        assertEquals("a1 LOGIN {3}", line(ch.readInbound()));
        input.readLiteral(3);
        input.resume();
        feed(ch, "ob x\r\n");
        assertArrayEquals("bob".getBytes(StandardCharsets.US_ASCII),
                assertInstanceOf(ImapInput.Literal.class, ch.readInbound()).bytes());
        input.resume();
        assertEquals(" x", line(ch.readInbound()));
        input.resume();
        feed(ch, "a2 " + "x".repeat(30));
        feed(ch, "yyy\r\na3 NOOP\r\n");
        assertInstanceOf(ImapInput.LineTooLong.class, ch.readInbound());
        input.resume();
        assertEquals("a3 NOOP", line(ch.readInbound()));
    }

    @Test
    void streamedLiteralStopsReadingWhenThePipeIsFull() throws Exception {
        ImapInput input = new ImapInput(100);
        EmbeddedChannel ch = new EmbeddedChannel(input);
        feed(ch, "a1 APPEND INBOX {20}\r\n");
        line(ch.readInbound());
        CompletableFuture<Void> drained = new CompletableFuture<>();
        LiteralPipe pipe = new LiteralPipe(8, () -> drained.complete(null));
        input.streamLiteral(20, pipe);
        input.resume();
        feed(ch, "0123456789");
        assertFalse(ch.config().isAutoRead(), "a full pipe stops reading");
        feed(ch, "abcdefghij\r\na2 NOOP\r\n");
        byte[] first = new byte[10];
        assertEquals(10, pipe.readNBytes(first, 0, 10));
        assertTrue(drained.isDone());
        input.drained();
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        pipe.transferTo(rest);
        assertEquals("0123456789abcdefghij", new String(first, StandardCharsets.US_ASCII) + rest);
        assertEquals("", line(ch.readInbound()), "the end of the APPEND line");
        input.resume();
        assertEquals("a2 NOOP", line(ch.readInbound()));
    }
}
