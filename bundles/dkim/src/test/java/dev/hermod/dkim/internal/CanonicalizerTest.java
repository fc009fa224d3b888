package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The canonicalization examples of RFC 6376 §3.4.6, and the edge cases of §3.4.3 and §3.4.4. */
class CanonicalizerTest {

    // §3.4.6: "A: <SP> X <CRLF> B <SP> : <SP> Y <HTAB><CRLF> <HTAB> Z <SP><SP><CRLF> <CRLF> <SP> C <SP><CRLF>
    // D <SP><HTAB><SP> E <CRLF> <CRLF> <CRLF>"
    private static final String EXAMPLE = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    @Test
    void relaxedHeadersAndBodyAsInTheRfc() {
        RawMessage m = RawMessage.parse(bytes(EXAMPLE));
        assertEquals("a:X\r\nb:Y Z\r\n", headers(m, Canonicalizer.RELAXED));
        assertEquals(" C\r\nD E\r\n", text(Canonicalizer.RELAXED.body(m.body())));
    }

    @Test
    void simpleHeadersAndBodyAsInTheRfc() {
        RawMessage m = RawMessage.parse(bytes(EXAMPLE));
        assertEquals("A: X\r\nB : Y\t\r\n\tZ  \r\n", headers(m, Canonicalizer.SIMPLE));
        assertEquals(" C \r\nD \t E\r\n", text(Canonicalizer.SIMPLE.body(m.body())));
    }

    @Test
    void emptyBodies() {
        // §3.4.3: simple makes an empty body one CRLF; §3.4.4 (erratum 1384): relaxed leaves it empty
        assertEquals("\r\n", text(Canonicalizer.SIMPLE.body(new byte[0])));
        assertEquals("\r\n", text(Canonicalizer.SIMPLE.body(bytes("\r\n\r\n"))));
        assertEquals("", text(Canonicalizer.RELAXED.body(new byte[0])));
        assertEquals("", text(Canonicalizer.RELAXED.body(bytes(" \r\n\t\r\n"))));
    }

    @Test
    void aLastLineWithoutCrlfGetsOne() {
        assertEquals("abc\r\n", text(Canonicalizer.SIMPLE.body(bytes("abc"))));
        assertEquals("a b\r\n", text(Canonicalizer.RELAXED.body(bytes("a  b \t"))));
    }

    @Test
    void innerEmptyLinesStay() {
        assertEquals("a\r\n\r\nb\r\n", text(Canonicalizer.RELAXED.body(bytes("a\r\n\r\nb\r\n\r\n"))));
    }

    private static String headers(RawMessage m, Canonicalizer c) {
        return m.fields().stream().map(f -> c.header(f.raw())).collect(Collectors.joining());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
