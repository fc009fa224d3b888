package dev.hermod.directory.ldap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.directory.api.ldap.model.filter.AndNode;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.filter.SubstringNode;
import org.junit.jupiter.api.Test;

/** RFC 4515 escaping: no value changes a filter's structure. */
class FilterTemplateTest {

    @Test
    void metacharactersControlsAndNonAsciiAreEscaped() {
        assertEquals("\\2a", FilterTemplate.escape("*"));
        assertEquals("\\28\\29", FilterTemplate.escape("()"));
        assertEquals("\\5c", FilterTemplate.escape("\\"));
        assertEquals("\\00", FilterTemplate.escape("\u0000"));
        assertEquals("a\\0d\\0a\\09\\7f", FilterTemplate.escape("a\r\n\t\u007f"));
        assertEquals("j\\c3\\bcrgen", FilterTemplate.escape("jürgen"));
        assertEquals("\\f0\\9f\\98\\80", FilterTemplate.escape("\ud83d\ude00"));
        assertEquals("\\ef\\bf\\bd", FilterTemplate.escape("\ud800"), "an unpaired surrogate becomes U+FFFD");
        assertEquals("Jane Doe's \"x\" ?=<>~&|!", FilterTemplate.escape("Jane Doe's \"x\" ?=<>~&|!"));
        String all = FilterTemplate.escape("a".repeat(10_000) + "*()\\\u0000é");
        assertTrue(all.chars().allMatch(c -> c >= 0x20 && c < 0x7f));
    }

    @Test
    void everyPlaceholderTakesTheValueOnce() {
        FilterTemplate t = FilterTemplate.of("filter.email", "(|(mail=?)(mailAlias=?))");
        assertEquals("(|(mail=a\\2a?b)(mailAlias=a\\2a?b))", t.with("a*?b"), "a '?' in the value is not a placeholder");
        assertEquals("(mail=*@example.org)", FilterTemplate.of("filter.domains", "(mail=*@?)").with("example.org"));
    }

    @Test
    void hostileValuesStayOneAssertionValue() throws Exception {
        FilterTemplate t = FilterTemplate.of("filter.name", "(&(objectClass=inetOrgPerson)(uid=?))");
        for (String value : List.of("*", "*)(uid=*", "jane)(|(uid=*)", "\\", "\u0000", "x\u0000*", "((((", "))))",
                "jürgen", "\\2a", "a".repeat(10_000), "*".repeat(10_000), "\ud83d\ude00*")) {
            ExprNode root = FilterParser.parse(t.with(value));
            AndNode and = assertInstanceOf(AndNode.class, root, value);
            assertEquals(2, and.getChildren().size(), value);
            EqualityNode<?> uid = assertInstanceOf(EqualityNode.class, and.getChildren().get(1), value);
            assertEquals("uid", uid.getAttribute());
            assertEquals(value.replace("\ud800", "\ufffd"),
                    new String(uid.getValue().getBytes(), StandardCharsets.UTF_8), "the exact value");
        }
        ExprNode substring = FilterParser.parse(FilterTemplate.of("f", "(mail=*@?)").with("*)(x=*"));
        assertInstanceOf(SubstringNode.class, substring);
    }

    @Test
    void badTemplatesAreRefusedWithTheirKey() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> FilterTemplate.of("filter.name", "(uid=jane)"));
        assertTrue(none.getMessage().contains("filter.name"), none.getMessage());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
                () -> FilterTemplate.of("filter.email", "(|(mail=?)(mailAlias=?)"));
        assertTrue(broken.getMessage().contains("filter.email"), broken.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FilterTemplate.of("filter.email", "mail=?"));
    }
}
