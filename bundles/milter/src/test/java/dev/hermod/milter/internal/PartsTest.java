package dev.hermod.milter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Addresses, header parsing and reply codes. */
class PartsTest {

    @Test
    void addresses() {
        MilterAddress a = MilterAddress.parse("inet:127.0.0.1:11332");
        assertEquals("127.0.0.1", a.host());
        assertEquals(11332, a.port());
        MilterAddress b = MilterAddress.parse("inet:8891@localhost");
        assertEquals("localhost", b.host());
        assertEquals(8891, b.port());
        assertEquals("::1", MilterAddress.parse("inet6:[::1]:9000").host());
        assertEquals("::1", MilterAddress.parse("inet6:9000@[::1]").host());
        assertEquals(Path.of("/run/spamass.sock"), MilterAddress.parse("unix:/run/spamass.sock").path());
        assertEquals(Path.of("/run/x.sock"), MilterAddress.parse("local:/run/x.sock").path());
        assertTrue(MilterAddress.parse("/run/y.sock").isUnix());
        for (String bad : List.of("inet:host", "inet:host:0", "tcp:1.2.3.4:5", "unix:", "inet::25", "inet:h:x")) {
            assertThrows(IllegalArgumentException.class, () -> MilterAddress.parse(bad), bad);
        }
    }

    @Test
    void headerFieldsWithFoldsAndTheBodyAfter() throws IOException {
        byte[] message = ("Received: from a\r\n\tby b\r\n  with ESMTP\r\nSubject:  two  spaces\r\n"
                + "Empty:\r\nnot a field\r\nX-8bit: caf\u00e9\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);
        InputStream in = new ByteArrayInputStream(message);
        List<HeaderFields.Field> fields = HeaderFields.read(in);
        assertEquals(List.of(
                new HeaderFields.Field("Received", "from a\n\tby b\n  with ESMTP"),
                new HeaderFields.Field("Subject", "two  spaces"),
                new HeaderFields.Field("Empty", ""),
                new HeaderFields.Field("X-8bit", new String("caf\u00e9".getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.ISO_8859_1))), fields);
        assertEquals("body\r\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(1, HeaderFields.count(fields, "received"));

        InputStream headerOnly = new ByteArrayInputStream("Subject: x\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(new HeaderFields.Field("Subject", "x")), HeaderFields.read(headerOnly));
        assertEquals(-1, headerOnly.read());
    }

    @Test
    void replyCodes() throws MilterException {
        assertEquals("550 5.7.1 Spam message rejected", ReplyCodes.parse("550 5.7.1 Spam message rejected").toString());
        assertEquals("451 Try later", ReplyCodes.parse("451 Try later").toString());
        assertEquals("554", ReplyCodes.parse("554").toString());
        assertEquals("550 wrong class", ReplyCodes.parse("550 4.7.1 wrong class").toString());
        assertThrows(MilterException.class, () -> ReplyCodes.parse("250 ok"));
        assertThrows(MilterException.class, () -> ReplyCodes.parse(""));
        assertThrows(MilterException.class, () -> ReplyCodes.parse("550-a\r\n451 b"));
    }

    @Test
    void unfold() {
        assertEquals("a\tb c", MilterSession.unfold(" a\r\n\tb\n c"));
    }
}
