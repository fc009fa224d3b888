package dev.hermod.pop3.internal;

import dev.hermod.net.support.LineFramer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The framer on an EmbeddedChannel, input split across reads. */
class LineFramerTest {

    private static void feed(EmbeddedChannel ch, String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1));
    }

    private static String line(Object event) {
        return new String(assertInstanceOf(LineFramer.Line.class, event).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void linesSplitAcrossReadsOneEventPerResume() {
        LineFramer input = new LineFramer(100);
        EmbeddedChannel ch = new EmbeddedChannel(input);
        feed(ch, "ST");
        assertNull(ch.readInbound());
        feed(ch, "AT\r\nLIST 1\nRE");
        assertEquals("STAT", line(ch.readInbound()));
        feed(ch, "TR 2\r\n");
        assertNull(ch.readInbound(), "held until the session resumes");
        input.resume();
        assertEquals("LIST 1", line(ch.readInbound()));
        input.resume();
        assertEquals("RETR 2", line(ch.readInbound()));
        input.resume();
        assertNull(ch.readInbound());
    }

    @Test
    void tooLongLinesAreDroppedWholeAndReported() {
        LineFramer input = new LineFramer(20);
        EmbeddedChannel ch = new EmbeddedChannel(input);
        feed(ch, "USER " + "x".repeat(30));
        feed(ch, "yyy\r\nNOOP\r\n");
        assertInstanceOf(LineFramer.LineTooLong.class, ch.readInbound());
        input.resume();
        assertEquals("NOOP", line(ch.readInbound()));
        input.resume();
        feed(ch, "PASS " + "z".repeat(20) + "\r\nQUIT\r\n");
        assertInstanceOf(LineFramer.LineTooLong.class, ch.readInbound());
        input.resume();
        assertEquals("QUIT", line(ch.readInbound()));
    }

    @Test
    void stlsDropsWhatWasSentAhead() {
        LineFramer input = new LineFramer(100);
        EmbeddedChannel ch = new EmbeddedChannel(input);
        feed(ch, "STLS\r\nUSER mallory\r\n");
        assertEquals("STLS", line(ch.readInbound()));
        input.discardBuffered();
        input.resume();
        assertNull(ch.readInbound());
        feed(ch, "CAPA\r\n");
        assertEquals("CAPA", line(ch.readInbound()));
    }
}
