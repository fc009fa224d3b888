package dev.hermod.api.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermod.api.mail.MailboxRole;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void replyClassMustMatchVerdict() {
        assertInstanceOf(Verdict.Reject.class, Verdict.reject(550, "5.7.1", "spam"));
        assertInstanceOf(Verdict.TempFail.class, Verdict.tempFail(451, "4.7.1", "greylisted"));
        assertThrows(IllegalArgumentException.class, () -> Verdict.reject(451, "4.7.1", "not permanent"));
        assertThrows(IllegalArgumentException.class, () -> Verdict.tempFail(550, null, "not transient"));
    }

    @Test
    void fileIntoValidation() {
        Verdict.FileInto f = (Verdict.FileInto) Verdict.fileInto("Lists/hermod", Set.of("\\Seen", "$Junk"));
        assertEquals("Lists/hermod", f.mailbox());
        assertEquals(MailboxRole.JUNK, ((Verdict.FileInto) Verdict.fileInto(MailboxRole.JUNK)).specialUse());
        assertThrows(IllegalArgumentException.class, () -> new Verdict.FileInto(null, null, Set.of(), false));
        assertThrows(IllegalArgumentException.class,
                () -> new Verdict.FileInto(null, MailboxRole.JUNK, Set.of(), true));
        assertThrows(IllegalArgumentException.class, () -> Verdict.fileInto("x", Set.of("bad flag")));
        assertThrows(IllegalArgumentException.class, () -> Verdict.fileInto("x", Set.of("\\")));
    }

    @Test
    void combinedRules() {
        Verdict ok = Verdict.combined(Verdict.modifyHeaders(HeaderChange.addFirst("X-Spam", "yes")),
                Verdict.fileInto(MailboxRole.JUNK), Verdict.accept());
        assertEquals(3, ((Verdict.Combined) ok).verdicts().size());
        assertThrows(IllegalArgumentException.class, () -> Verdict.combined());
        assertThrows(IllegalArgumentException.class, () -> Verdict.combined(Verdict.proceed()));
        assertThrows(IllegalArgumentException.class,
                () -> Verdict.combined(Verdict.discard(), Verdict.fileInto("x")));
        assertThrows(IllegalArgumentException.class,
                () -> Verdict.combined(Verdict.fileInto("x"), Verdict.reject(550, null, "no")));
    }

    @Test
    void headerChanges() {
        assertEquals(HeaderChange.Kind.REMOVE, HeaderChange.remove("X-Foo").kind());
        assertThrows(IllegalArgumentException.class, () -> HeaderChange.addLast("X Foo", "v"));
        assertThrows(IllegalArgumentException.class, () -> HeaderChange.addLast("X-Foo:", "v"));
        assertThrows(IllegalArgumentException.class, () -> HeaderChange.addLast("X-Foo", "a\r\n b"));
        assertThrows(IllegalArgumentException.class, () -> HeaderChange.replace("X-Foo", 0, "v"));
        assertThrows(IllegalArgumentException.class, () -> HeaderChange.remove("X-Foo", 0));
    }

    @Test
    void replaceBodyCopiesTheArray() throws Exception {
        byte[] body = {'h', 'i'};
        Verdict.ReplaceBody v = (Verdict.ReplaceBody) Verdict.replaceBody(body);
        body[0] = 'x';
        try (InputStream in = v.body().open()) {
            assertEquals("hi", new String(in.readAllBytes()));
        }
    }

    @Test
    void stagesFromServiceProperty() {
        assertEquals(Set.of(FilterStage.values()), FilterStage.fromServiceProperty(null));
        assertEquals(Set.of(FilterStage.RCPT), FilterStage.fromServiceProperty("rcpt"));
        assertEquals(Set.of(FilterStage.DATA, FilterStage.DELIVERY),
                FilterStage.fromServiceProperty(new String[] {"DATA", "delivery"}));
        assertEquals(Set.of(FilterStage.MAIL), FilterStage.fromServiceProperty(List.of("Mail")));
        assertThrows(IllegalArgumentException.class, () -> FilterStage.fromServiceProperty("queue"));
        assertThrows(IllegalArgumentException.class, () -> FilterStage.fromServiceProperty(42));
    }
}
