package dev.hermod.pop3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Dot-stuffing and TOP's cut, with the message split at every point. */
class DotStufferTest {

    private static String stuff(String message, long lines, int split) {
        byte[] in = message.getBytes(StandardCharsets.UTF_8);
        DotStuffer s = new DotStuffer(lines);
        ByteBuf out = Unpooled.buffer();
        int cut = Math.min(split, in.length);
        s.write(in, 0, cut, out);
        if (!s.done()) {
            s.write(in, cut, in.length - cut, out);
        }
        s.finish(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void check(String message, long lines, String expected) {
        for (int split = 0; split <= message.length(); split++) {
            assertEquals(expected, stuff(message, lines, split), "split at " + split);
        }
    }

    @Test
    void stuffsLeadingDotsAndEnds() {
        check("A: b\r\n\r\n.\r\n..x\r\na.b\r\n", -1, "A: b\r\n\r\n..\r\n...x\r\na.b\r\n.\r\n");
        check(".first\r\n", -1, "..first\r\n.\r\n");
        check("", -1, ".\r\n");
    }

    @Test
    void endsAnUnterminatedLineAndTurnsBareLfIntoCrlf() {
        check("A: b\n\nbody\nend", -1, "A: b\r\n\r\nbody\r\nend\r\n.\r\n");
    }

    @Test
    void topSendsTheHeaderTheBlankLineAndNLines() {
        String m = "A: b\r\nC: d\r\n\r\n.one\r\ntwo\r\nthree\r\n";
        check(m, 0, "A: b\r\nC: d\r\n\r\n.\r\n");
        check(m, 2, "A: b\r\nC: d\r\n\r\n..one\r\ntwo\r\n.\r\n");
        check(m, 10, "A: b\r\nC: d\r\n\r\n..one\r\ntwo\r\nthree\r\n.\r\n");
        check("A: b\r\nno body", 0, "A: b\r\nno body\r\n.\r\n");
    }
}
