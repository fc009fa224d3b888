package dev.hermod.smtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing of commands, DATA and BDAT, with the input split at every byte. */
class SmtpInputTest {

    private static final String LONG = "X".repeat(40);
    private static final String WIRE = "EHLO a\r\nMAIL FROM:<a@b>\r\nDATA\r\nline\r\n..dot\r\n.\r\n"
            + LONG + "\r\nBDAT 5 LAST\r\nab\r\ncNOOP\nQUIT\r\n";

    /** Records events and resumes at once, switching to DATA or BDAT as a session would. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        SmtpInput input;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            events.add(msg.toString());
            if (msg instanceof SmtpInput.Line l && l.text().equals("DATA")) {
                input.startData(body, 0);
            } else if (msg instanceof SmtpInput.Line l && l.text().startsWith("BDAT")) {
                input.startChunk(body, 5, 0, 0);
            }
            ctx.executor().execute(input::resume);
        }
    }

    @Test
    void framesPipelinedInputSplitAtEveryByte() {
        byte[] wire = WIRE.getBytes(StandardCharsets.US_ASCII);
        List<String> expected = null;
        for (int split = 0; split <= wire.length; split++) {
            Recorder r = new Recorder();
            r.input = new SmtpInput(32);
            EmbeddedChannel ch = new EmbeddedChannel(r.input, r);
            ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, split));
            ch.runPendingTasks();
            ch.writeInbound(Unpooled.wrappedBuffer(wire, split, wire.length - split));
            for (int i = 0; i < 20; i++) {
                ch.runPendingTasks();
            }
            if (expected == null) {
                expected = r.events;
                assertEquals(List.of("Line[text=EHLO a]", "Line[text=MAIL FROM:<a@b>]", "Line[text=DATA]",
                        "BodyEnd[chunk=false, size=12, overLimit=false]", "LineTooLong[]", "Line[text=BDAT 5 LAST]",
                        "BodyEnd[chunk=true, size=5, overLimit=false]", "Line[text=NOOP]", "Line[text=QUIT]"), expected);
            }
            assertEquals(expected, r.events, "split " + split);
            assertEquals("line\r\n.dot\r\nab\r\nc", r.body.toString(StandardCharsets.US_ASCII), "split " + split);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aLineOverTheLimitArrivingInPiecesIsDiscardedAndTheSessionGoesOn() {
        Recorder r = new Recorder();
        r.input = new SmtpInput(16);
        EmbeddedChannel ch = new EmbeddedChannel(r.input, r);
        for (int i = 0; i < 10; i++) {
            ch.writeInbound(Unpooled.copiedBuffer("0123456789", StandardCharsets.US_ASCII));
        }
        ch.writeInbound(Unpooled.copiedBuffer("\r\nNOOP\r\n", StandardCharsets.US_ASCII));
        ch.runPendingTasks();
        ch.runPendingTasks();
        assertEquals(List.of("LineTooLong[]", "Line[text=NOOP]"), r.events);
        ch.finishAndReleaseAll();
    }
}
