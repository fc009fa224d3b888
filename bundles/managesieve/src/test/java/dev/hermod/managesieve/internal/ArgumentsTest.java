package dev.hermod.managesieve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5804 §4's strings, numbers and atoms as the server reads and writes them. */
class ArgumentsTest {

    @Test
    void quotedStringsNumbersAndAtoms() {
        Arguments a = new Arguments(List.of("HAVESPACE \"a \\\"b\\\" \\\\c\" 4294967295"));
        assertEquals("HAVESPACE", a.atom());
        a.space();
        assertEquals("a \"b\" \\c", a.string());
        a.space();
        assertEquals(4294967295L, a.number());
        assertTrue(a.atEnd());
        a.end();
    }

    @Test
    void literalsContinueOnTheNextLine() {
        byte[] script = "keep;\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] name = "n\u00e4me".getBytes(StandardCharsets.UTF_8);
        Arguments a = new Arguments(List.of("PUTSCRIPT {" + name.length + "+}", name, " {7}", script, ""));
        assertEquals("PUTSCRIPT", a.atom());
        a.space();
        assertEquals("n\u00e4me", a.string());
        a.space();
        assertEquals("keep;\r\n", a.string());
        a.end();
    }

    @Test
    void errors() {
        assertThrows(ManageSieveException.class, () -> new Arguments(List.of("\"open")).string());
        assertThrows(ManageSieveException.class, () -> new Arguments(List.of("\"bad \\n escape\"")).string());
        assertThrows(ManageSieveException.class, () -> new Arguments(List.of("atom")).string());
        assertThrows(ManageSieveException.class, () -> new Arguments(List.of("4294967296")).number());
        assertThrows(ManageSieveException.class, () -> new Arguments(List.of("{3+}")).string());
        assertThrows(ManageSieveException.class, () -> new Arguments(List.of("\"" + "x".repeat(1025) + "\"")).string());
        assertThrows(ManageSieveException.class,
                () -> new Arguments(List.of("{2+}", new byte[] {(byte) 0xc3, 0x28}, "")).string());
        Arguments extra = new Arguments(List.of("\"a\" \"b\""));
        extra.string();
        assertFalse(extra.atEnd());
        assertThrows(ManageSieveException.class, extra::end);
    }

    @Test
    void stringsOut() {
        assertEquals("\"plain\"", Wire.string("plain"));
        assertEquals("\"a \\\"q\\\" \\\\\"", Wire.string("a \"q\" \\"));
        assertEquals("{12}\r\nline 1\r\nline", Wire.string("line 1\r\nline"));
        String big = "\u00e9".repeat(600);
        assertEquals("{1200}\r\n" + big, Wire.string(big));
        assertEquals("NO (NONEXISTENT) \"gone\"", Wire.response("NO", "NONEXISTENT", "gone"));
        assertEquals("OK", Wire.response("OK", null, null));
        assertEquals("a?b", Wire.printable("a\u0001b"));
    }
}
