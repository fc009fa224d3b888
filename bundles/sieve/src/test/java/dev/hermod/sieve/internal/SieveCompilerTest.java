package dev.hermod.sieve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class SieveCompilerTest {

    private static String error(String script) {
        return assertThrows(SieveException.class, () -> Sieve.compile(script)).getMessage();
    }

    @Test
    void numbersTakeQuantifiers() {
        Call size = Sieve.compile("if size :over 2K { keep; }").commands().get(0).tests().get(0);
        assertEquals(2048, ((Argument.Num) size.args().get(0)).value());
        Call m = Sieve.compile("if size :under 3m { keep; }").commands().get(0).tests().get(0);
        assertEquals(3L << 20, ((Argument.Num) m.args().get(0)).value());
        Call g = Sieve.compile("if size :under 1G { keep; }").commands().get(0).tests().get(0);
        assertEquals(1L << 30, ((Argument.Num) g.args().get(0)).value());
    }

    @Test
    void quotedStringsUnescape() {
        Call c = Sieve.compile("require \"fileinto\"; fileinto \"a\\\"b\\\\c\\d\";").commands().get(0);
        assertEquals("a\"b\\cd", c.strings(0).single());
    }

    @Test
    void multiLineStringsRemoveDotStuffing() {
        Call c = Sieve.compile("require \"reject\"; reject text: # comment\r\nline\r\n..dot\r\n.\r\n;").commands().get(0);
        assertEquals("line\r\n.dot\r\n", c.strings(0).single());
    }

    @Test
    void commentsAreIgnored() {
        assertEquals(1, Sieve.compile("# hash\n/* bracket\n comment */ keep; # end").commands().size());
    }

    @Test
    void stringListsAndTestLists() {
        Call c = Sieve.compile("if anyof (header :is [\"a\", \"b\"] \"x\", true) { keep; }").commands().get(0);
        Call anyof = c.tests().get(0);
        assertEquals(2, anyof.tests().size());
        assertEquals(List.of("a", "b"), anyof.tests().get(0).strings(0).values());
        assertTrue(anyof.tests().get(0).has("is"));
    }

    @Test
    void requireIsChecked() {
        assertTrue(error("fileinto \"x\";").contains("require \"fileinto\""));
        assertTrue(error("require \"nonsense\";").contains("unsupported extension"));
        assertTrue(error("keep; require \"fileinto\";").contains("before any other command"));
        assertTrue(error("if header :regex \"a\" \"b\" { keep; }").contains("require \"regex\""));
        assertTrue(error("if header :value \"gt\" \"a\" \"b\" { keep; }").contains("relational"));
        assertTrue(error("if header :comparator \"i;ascii-numeric\" \"a\" \"1\" { keep; }")
                .contains("comparator-i;ascii-numeric"));
    }

    @Test
    void syntaxErrorsNameTheLine() {
        SieveException e = assertThrows(SieveException.class, () -> Sieve.compile("keep;\nkeep\n"));
        assertEquals(3, e.line());
        assertTrue(error("if true keep;").startsWith("line 1"));
        assertTrue(error("keep").contains("expected"));
        assertTrue(error("\"unterminated").contains("unterminated"));
        assertTrue(error("else { keep; }").contains("without a preceding if"));
        assertTrue(error("if header :is :contains \"a\" \"b\" { keep; }").contains("only one of"));
        assertTrue(error("keep :bogus;").contains(":bogus"));
        assertTrue(error("redirect;").contains("positional"));
        assertTrue(error("if size 100 { keep; }").contains(":over or :under"));
        assertTrue(error("if not (true, false) { keep; }").contains("exactly one"));
        assertTrue(error("frobnicate;").contains("unknown command"));
    }

    @Test
    void literalArgumentsAreChecked() {
        assertTrue(error("require \"relational\"; if header :value \"xx\" \"a\" \"b\" { keep; }").contains("operator"));
        assertTrue(error("if header :comparator \"i;bogus\" \"a\" \"b\" { keep; }").contains("comparator"));
        assertTrue(error("require \"date\"; if date \"date\" \"century\" \"20\" { keep; }").contains("date part"));
        assertTrue(error("require \"regex\"; if header :regex \"a\" \"(\" { keep; }").contains("regular expression"));
        assertTrue(error("require [\"comparator-i;ascii-numeric\"]; if header :contains :comparator "
                + "\"i;ascii-numeric\" \"a\" \"1\" { keep; }").contains("substring"));
        assertTrue(error("require \"variables\"; set \"1a\" \"x\";").contains("variable name"));
    }

    @Test
    void scriptSizeIsLimited() {
        SieveLimits small = new SieveLimits(10, 100, 1, 1, 1, 10);
        assertThrows(SieveException.class, () -> new SieveCompiler(small).compile("big", "keep; keep; keep;"));
    }

    @Test
    void encodedCharactersAreDecodedOnlyWhenRequired() {
        Call c = Sieve.compile("require [\"encoded-character\", \"fileinto\"]; "
                + "fileinto \"${hex:42 61}r${unicode:00E9}${hex:zz}\";").commands().get(0);
        assertEquals("Bar\u00e9${hex:zz}", c.strings(0).single());
        Call plain = Sieve.compile("require \"fileinto\"; fileinto \"${hex:42}\";").commands().get(0);
        assertEquals("${hex:42}", plain.strings(0).single());
    }

    @Test
    void compiledScriptsAreImmutableAndReusable() {
        SieveScript s = Sieve.compile("require \"fileinto\"; fileinto \"A\";");
        assertEquals(Set.of("fileinto"), s.extensions());
        assertThrows(UnsupportedOperationException.class, () -> s.commands().add(s.commands().get(0)));
        SieveInterpreter i = new SieveInterpreter(SieveLimits.DEFAULT, SieveEnvironment.DEFAULT);
        assertEquals(i.run(s, Sieve.message(Sieve.MESSAGE)), i.run(s, Sieve.message(Sieve.MESSAGE)));
    }
}
