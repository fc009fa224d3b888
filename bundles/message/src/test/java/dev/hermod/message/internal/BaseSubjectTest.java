package dev.hermod.message.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5256 §2.1 base subjects. */
class BaseSubjectTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "Hello|Hello",
        "Re: Hello|Hello",
        "RE: re: Re: Hello|Hello",
        "Fwd: Hello|Hello",
        "Fw: FWD: Hello|Hello",
        "Re [list]: Hello|Hello",
        "[list] Re: Hello|Hello",
        "[a][b] Re: [c] Fwd: Hello|Hello",
        "Hello (fwd)|Hello",
        "Hello (FWD) (fwd)  |Hello",
        "[fwd: Re: Hello]|Hello",
        "[Fwd: [fwd: Hello (fwd)]]|Hello",
        "  Re:   spaced    out   |spaced out",
        "Re:\tTabbed|Tabbed",
        "[only a blob]|[only a blob]",
        "[list] Hello|Hello",
        "[list]|[list]",
        "Re: [list]|[list]",
        "Reply to this|Reply to this",
        "Re:|''",
        "re : a leader too|a leader too",
        "Reason: not a leader|Reason: not a leader",
        "Fwd:Re:Hello|Hello",
    })
    void reducesToTheBaseSubject(String subject, String base) {
        assertEquals(base.equals("''") ? "" : base, BaseSubject.of(subject));
    }

    @org.junit.jupiter.api.Test
    void nullIsEmpty() {
        assertEquals("", BaseSubject.of(null));
    }
}
